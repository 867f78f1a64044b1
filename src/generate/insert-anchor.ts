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
 * The regular expression of a line holding every one of `words` as a whole word.
 * @param words the anchor's words (letters, digits, `_ . : -`; at least one).
 * @returns e.g. `^(?=.*(?<![A-Za-z0-9_])REJECT(?![A-Za-z0-9_]))(?=.*(?<![A-Za-z0-9_])INPUT(?![A-Za-z0-9_]))`.
 */
export function anchorPattern(words: readonly string[]): string {
  return `^${words.map((w) => `(?=.*(?<![A-Za-z0-9_])${escapePython(w)}(?![A-Za-z0-9_]))`).join('')}`;
}
