/*
 * Reference for test/nlp-decisions-same.test.ts: src/nlp/text.ts as it was before the second
 * extraction round (main at c143944), verbatim but for its imports (pointed at src/ for the
 * modules that did not change). Not used by tejun.
 */
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
  return text
    .replace(MARKDOWN_ESCAPE, '$1')
    .replace(/\s+/gu, ' ')
    .replace(/([(（])\s+/gu, '$1')
    .replace(/\s+([)）])/gu, '$1')
    .trim();
}

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
