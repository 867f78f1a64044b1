/**
 * A note in brackets at the end of a sentence or description (`… を設定する（任意）`,
 * `the admin password (keep it safe)`): the bracket pair and the white space before and after it.
 * The white space run before the bracket is matched from its first character only (`(?<!\s)`), so a
 * long run costs one scan, not one per character.
 */
export const TRAILING_BRACKET_NOTE = /(?<!\s)\s*[(（][^()（）]*[)）]\s*$/u;

/**
 * `text` without its trailing bracketed note (TRAILING_BRACKET_NOTE); unchanged when it has none.
 * @param text one sentence or description, already normalized.
 */
export function stripTrailingNote(text: string): string {
  return text.replace(TRAILING_BRACKET_NOTE, '');
}
