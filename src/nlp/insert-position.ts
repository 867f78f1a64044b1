/**
 * insertAnchorOf: the line a sentence says added lines must go before.
 *
 * Read forms (guides/): "新規ルールは、トラフィックを REJECT する INPUT ルールよりも前に記載する必要が
 * あります" (000:297) → the line holding `REJECT` and `INPUT`; "この行は、-A INPUT -j REJECT ルールの
 * 上に配置するようにしてください" (004:28) → `A`, `INPUT`, `j`, `REJECT`; English "before the REJECT
 * rule". The markers are lexicon data (`insertPositions`); a file line is named by the Latin words
 * the clause before the marker holds (the Japanese around them describes the line, the file does
 * not hold it).
 */
import { loadLexicon, type Lexicon } from './lexicon.js';

/** The line added content goes before: every word in `words` is a whole word of it. */
export interface InsertAnchor {
  /** Latin words (letters, digits, `_ . : -`) the anchor line holds, in the sentence's order. */
  words: string[];
  /** The sentence that says so, in the guide's words. */
  text: string;
}

/** A word a file line may hold: a Latin letter, then letters, digits, `_ . : -` (no trailing punctuation). */
const WORD = /[A-Za-z](?:[\w.:-]*\w)?/gu;
/** Where the clause before a marker starts: after the last of these. */
const CLAUSE_BREAK = /[、。,，]/gu;

/** The distinct words of `clause`, in order. */
function wordsOf(clause: string): string[] {
  return [...new Set(clause.match(WORD) ?? [])];
}

/** The sentence of `text` that holds offset `at` (split after 。). */
function sentenceAt(text: string, at: number): string {
  const start = text.lastIndexOf('。', at - 1) + 1;
  const stop = text.indexOf('。', at);
  return text.slice(start, stop < 0 ? text.length : stop + 1).trim();
}

/**
 * The anchor line a text places added lines before, or null.
 * @param text a paragraph or list item (one line, white space folded).
 * @param lexicon the vocabulary (`insertPositions`); the shipped one by default.
 * @returns the words of the clause before the first `before` marker that has any (after the last
 *   、 or 。 before it), with the sentence; for English text, the words of an `englishBefore`
 *   pattern's `anchor` group; null when no marker is preceded by a Latin word.
 */
export function insertAnchorOf(text: string, lexicon: Lexicon = loadLexicon()): InsertAnchor | null {
  const markers = lexicon.file.insertPositions?.before ?? [];
  for (const marker of markers) {
    for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
      const before = text.slice(0, at);
      let start = 0;
      for (const m of before.matchAll(CLAUSE_BREAK)) start = m.index + m[0].length;
      const words = wordsOf(before.slice(start));
      if (words.length > 0) return { words, text: sentenceAt(text, at) };
    }
  }
  for (const re of lexicon.insertBeforeEnglish) {
    const m = re.exec(text);
    const words = m?.groups?.['anchor'] ? wordsOf(m.groups['anchor']) : [];
    if (m && words.length > 0) return { words, text: sentenceAt(text, m.index) };
  }
  return null;
}
