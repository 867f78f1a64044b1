/**
 * Small pure text helpers shared by the decisions in src/nlp/: normalising a sentence as it comes
 * from a guide (Markdown escapes, line breaks), splitting a paragraph into sentences, trimming a
 * fragment, and telling Japanese from English.
 */

/** Markdown backslash escapes (`NEUTRON\_PASS`, `\[24\]`): the backslash is dropped. */
const MARKDOWN_ESCAPE = /\\([\\`*_{}[\]()#+\-.!|<>])/gu;

/**
 * Undoes Markdown escapes and collapses every run of white space (line breaks included) to one
 * space; spaces just inside round brackets are removed ("(通常は\nnova\n)" → "(通常は nova)").
 * @param text a sentence or paragraph from a guide. @returns the normalised text, trimmed.
 */
export function normalizeSentence(text: string): string {
  // Already normal (no backslash, no white space but single inner spaces, none inside brackets):
  // every replace below would return the text unchanged, so skip them.
  if (!NOT_NORMAL.test(text)) return text;
  const hit = normalized.get(text);
  if (hit !== undefined) return hit;
  const out = text
    .replace(MARKDOWN_ESCAPE, '$1')
    .replace(/\s+/gu, ' ')
    .replace(/([(（])\s+/gu, '$1')
    .replace(/\s+([)）])/gu, '$1')
    .trim();
  // The extractor asks several decisions (role, condition, modality, manual) about one text in a
  // row; the last few results are kept (insertion order: the oldest is dropped first).
  normalized.set(text, out);
  if (normalized.size > NORMALIZED_CACHE_SIZE) normalized.delete(normalized.keys().next().value as string);
  return out;
}

/**
 * What {@link normalizeSentence} would change: a backslash, a white space other than one ASCII
 * space, two white spaces in a row, a space just inside a round bracket, or white space at either
 * end. A text without any of these is its own normal form.
 */
const NOT_NORMAL = /\\|[^\S ]|\s\s|[(（]\s|\s[)）]|^\s|\s$/u;
/** Recent normalisations, keyed by the raw text (see {@link normalizeSentence}). */
const normalized = new Map<string, string>();
/** How many normalisations are kept. */
const NORMALIZED_CACHE_SIZE = 64;

/** True when the text holds a kana or kanji character. */
export function hasJapanese(text: string): boolean {
  return /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(text);
}

/**
 * Splits a normalised paragraph into sentences: after 。！？, after an English full stop followed
 * by white space and a capital or a non-ASCII letter, and before an inline list bullet (" - ",
 * " • ") that follows the end of a sentence.
 * @returns the non-empty sentences, trimmed, each with its closing punctuation.
 */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[。！？])\s*|(?<=[.!?])\s+(?=[A-Z\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}`])|\s+(?=[-•]\s)/u)
    .map((s) => s.replace(/^[-•*]\s+/u, '').trim())
    .filter((s) => s.length > 0);
}

/** Opening → closing bracket pairs a fragment may be wrapped in. */
const WRAPPERS: Record<string, string> = { '「': '」', '『': '』', '(': ')', '（': '）', '"': '"', '“': '”', '`': '`', '<': '>', '＜': '＞' };

/**
 * Trims a fragment: surrounding white space, commas and list bullets, Markdown code backticks,
 * and one pair of brackets or quotes that wraps the whole fragment.
 * @returns the fragment, possibly empty.
 */
export function trimFragment(text: string): string {
  let out = text.replace(/`/gu, '').replace(/^[\s、,:：・•*-]+|[\s、,:：]+$/gu, '');
  const close = WRAPPERS[out[0] ?? ''];
  if (close && out.endsWith(close) && out.length > 2 && !out.slice(1, -1).includes(close)) {
    out = out.slice(1, -1).trim();
  }
  return out;
}

/** Removes the final sentence punctuation (。 . ！ ?) and white space. */
export function stripFinalStop(text: string): string {
  return text.replace(/[\s。．.！!？?]+$/u, '');
}
