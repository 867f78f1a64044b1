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
  if (isNormal(text)) return text;
  const hit = normalized.get(text);
  if (hit !== undefined) return hit;
  const out = text
    .replace(MARKDOWN_ESCAPE, '$1')
    .replace(/\s+/gu, ' ')
    .replace(/([(（])\s+/gu, '$1')
    .replace(/(?<!\s)\s+([)）])/gu, '$1') // a white-space run is tried from its start only (linear)
    .trim();
  // The extractor asks several decisions (role, condition, modality, manual) about one text in a
  // row; the last few results are kept (insertion order: the oldest is dropped first).
  normalized.set(text, out);
  if (normalized.size > NORMALIZED_CACHE_SIZE) normalized.delete(normalized.keys().next().value as string);
  return out;
}

/**
 * True when {@link normalizeSentence} would return `text` unchanged: no backslash, no white space
 * (as `\s` matches it) but single ASCII spaces between two other characters, and no space just
 * after an opening or before a closing round bracket. One pass over the characters.
 */
function isNormal(text: string): boolean {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x5c) return false; // a backslash: maybe a Markdown escape
    if (!isWhiteSpace(code)) continue;
    if (code !== 0x20 || i === 0 || i === n - 1) return false;
    const before = text.charCodeAt(i - 1);
    const after = text.charCodeAt(i + 1);
    if (isWhiteSpace(after) || before === 0x28 || before === 0xff08 || after === 0x29 || after === 0xff09) return false;
  }
  return true;
}

/**
 * True for the characters `/\s/u` matches (ECMAScript WhiteSpace and LineTerminator): tab, LF,
 * VT, FF, CR, space, NBSP, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF.
 */
export function isWhiteSpace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

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
  return splitAt(text, SENTENCE_BREAK)
    .map((s) => s.replace(/^[-•*]\s+/u, '').trim())
    .filter((s) => s.length > 0);
}

/**
 * Where {@link splitSentences} splits (global: searched with exec, see {@link splitAt}). The white
 * space before a list mark is tried from the start of its run only (the leftmost match anyway):
 * a long run of spaces is linear.
 */
const SENTENCE_BREAK = /(?<=[。！？])\s*|(?<=[.!?])\s+(?=[A-Z\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}`])|(?<!\s)\s+(?=[-•]\s)/gu;

/**
 * `text.split(pattern)` for a global, Unicode pattern without capturing groups, as the
 * specification's RegExp split computes it (an empty match where the last piece starts moves on by
 * one code point; none at the end of the text), but searching for each next match with one `exec`
 * instead of trying the pattern at every position (V8 splits with a sticky copy of the pattern,
 * tried position by position). The leftmost match from a position is the one the position-by-
 * position search finds first, with the same alternative. `pattern.lastIndex` is 0 afterwards.
 * @param pattern global and Unicode (`gu`), no capturing groups, used by nothing else meanwhile.
 */
export function splitAt(text: string, pattern: RegExp): string[] {
  const size = text.length;
  const out: string[] = [];
  if (size === 0) {
    pattern.lastIndex = 0;
    const whole = pattern.exec(text);
    pattern.lastIndex = 0;
    return whole ? [] : [text];
  }
  let p = 0;
  let q = 0;
  while (q < size) {
    pattern.lastIndex = q;
    const m = pattern.exec(text);
    if (m === null || m.index >= size) break;
    const e = Math.min(m.index + m[0].length, size);
    if (e === p) {
      q = m.index + (text.codePointAt(m.index)! > 0xffff ? 2 : 1);
      continue;
    }
    out.push(text.slice(p, m.index));
    p = e;
    q = p;
  }
  pattern.lastIndex = 0;
  out.push(text.slice(p));
  return out;
}

/** Opening → closing bracket pairs a fragment may be wrapped in. */
const WRAPPERS: Record<string, string> = { '「': '」', '『': '』', '(': ')', '（': '）', '"': '"', '“': '”', '`': '`', '<': '>', '＜': '＞' };

/**
 * Trims a fragment: surrounding white space, commas and list bullets, Markdown code backticks,
 * and one pair of brackets or quotes that wraps the whole fragment.
 * @returns the fragment, possibly empty.
 */
export function trimFragment(text: string): string {
  let out = trimTrailing(text.replace(/`/gu, '').replace(/^[\s、,:：・•*-]+/u, ''), FRAGMENT_END);
  const close = WRAPPERS[out[0] ?? ''];
  if (close && out.endsWith(close) && out.length > 2 && !out.slice(1, -1).includes(close)) {
    out = out.slice(1, -1).trim();
  }
  return out;
}

/** Removes the final sentence punctuation (。 . ！ ?) and white space. */
export function stripFinalStop(text: string): string {
  return trimTrailing(text, FINAL_STOP);
}

/** Characters {@link trimFragment} cuts from the end of a fragment. */
const FRAGMENT_END = /[\s、,:：]/u;

/** Characters {@link stripFinalStop} cuts from the end of a sentence. */
const FINAL_STOP = /[\s。．.！!？?]/u;

/**
 * `text` without its trailing characters matching `char` (a one-character class), read from the
 * end: linear, where `/[…]+$/` retries from every position of a long run that is not at the end.
 */
export function trimTrailing(text: string, char: RegExp): string {
  let end = text.length;
  while (end > 0) {
    const code = text.charCodeAt(end - 1);
    const width = code >= 0xdc00 && code <= 0xdfff && end > 1 ? 2 : 1;
    if (!char.test(text.slice(end - width, end))) break;
    end -= width;
  }
  return text.slice(0, end);
}
