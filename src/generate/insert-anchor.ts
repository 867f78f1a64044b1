/**
 * The anchor line of FileAction.insertBefore as a Python regular expression, for Ansible's
 * `insertbefore` (lineinfile, blockinfile): a line holding every word as a whole word, in any order
 * (one look-ahead per word), as the bash runbook's `tejun_file_add` matches it.
 */

/** `text` with the characters special in a Python regular expression escaped. */
function escapePython(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}-]/gu, '\\$&');
}

/**
 * The regular expression of a line holding every one of `words` as a whole word. A word that
 * starts and ends with a letter, digit or `_` is bounded by `\b` under Python's ASCII flag
 * (`(?a)`: `\w` is `[A-Za-z0-9_]`, as in the bash helper), which keeps the task line short
 * (ansible-lint's yaml line length); any other word by explicit look-arounds.
 * @param words the anchor's words (letters, digits, `_ . : -`; at least one).
 * @returns e.g. `(?a)^(?=.*\bREJECT\b)(?=.*\bINPUT\b)`.
 */
export function anchorPattern(words: readonly string[]): string {
  const bounded = (w: string) => (/^\w(?:.*\w)?$/u.test(w) && /^[\x21-\x7e]+$/.test(w) ? `\\b${escapePython(w)}\\b` : `(?<![A-Za-z0-9_])${escapePython(w)}(?![A-Za-z0-9_])`);
  return `(?a)^${words.map((w) => `(?=.*${bounded(w)})`).join('')}`;
}
