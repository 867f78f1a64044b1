/**
 * Normalisation of guide text that every dialect needs: line ends, the `¥` that Shift_JIS and PDF
 * conversion write for a backslash, full-width spaces, tabs, and the white space of commands.
 */

/** Splits text into lines on LF, CRLF or lone CR; line N of the result (index N-1) is line N of the guide. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * Normalises one literal (code) line: `¥` → `\`, full-width spaces and tabs → space, trailing
 * white space removed. Leading indentation is kept (callers measure it).
 */
export function normalizeCodeLine(line: string): string {
  return line.replace(/¥/g, '\\').replace(/[\u3000\t]/g, ' ').trimEnd();
}

/**
 * The normal form of a command or statement (CONTRACT.md "Normal form of run"): an inline
 * continuation (`\ ` between words, left by scraping) becomes a space, runs of white space become
 * one space, ends trimmed.
 */
export function normalizeRun(run: string): string {
  return run
    .replace(/¥/g, '\\')
    .replace(/(^|\s)\\(?=\s)/g, '$1')
    .replace(/[\s\u3000]+/gu, ' ')
    .trim();
}

/** Folds prose white space (newlines, full-width spaces) to single spaces and trims. */
export function normalizeProse(text: string): string {
  return text.replace(/\\([_*`[\]#<>-])/g, '$1').replace(/[\s\u3000]+/gu, ' ').trim();
}

/** True when the text holds Japanese (kana, kanji, or full-width forms). */
export function hasJapanese(text: string): boolean {
  return /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]/u.test(text);
}
