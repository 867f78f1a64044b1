/**
 * Conditions on a whole section. A guide may open a section with a sentence saying it can be
 * skipped ("PostgreSQL 9.4以降を使用している場合には、本節は飛ばすことができます"), often followed by
 * the case in which it is needed ("PostgreSQL 8.0から9.3までを使用している場合は、…"): every step of the
 * section then runs only in that case, not only the step of the paragraph that says it.
 */
import type { Lexicon } from '../nlp/lexicon.js';

/**
 * True when `text` says the section it opens may be skipped (lexicon `scopes.sectionSkip`).
 * @param text a paragraph (white space folded).
 */
export function isSectionSkip(text: string, lexicon: Lexicon): boolean {
  return lexicon.sectionSkip.some((re) => re.test(text));
}

/**
 * The condition of a section, in the guide's words: the case in which it is needed (`need`, the
 * condition of a leading paragraph), with the skip sentence in brackets; the skip sentence alone
 * when no paragraph states the case.
 * @param skip the paragraph that says the section may be skipped.
 * @param need the condition of a later leading paragraph of the section, or null.
 */
export function sectionWhen(skip: string, need: string | null): string {
  const sentence = skip.trim().replace(/[。.]$/u, '');
  return need ? `${need}（${sentence}）` : sentence;
}
