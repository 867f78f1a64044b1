/**
 * Quoting for the generated bash: shell words and MySQL string literals.
 *
 * Hand-written rather than shell-quote's `quote`, which leaves some strings unquoted or
 * double-quoted (e.g. it does not protect leading `~`/`#`/`=` or newlines in every case) and is
 * not specified as exact for bash; this routine is proved by property tests
 * (test/quote.test.ts: bash prints back every generated string exactly).
 */

/** Characters that never need quoting in a bash word (and are not special at any position). */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * One bash word that reads back as exactly `value`, for any string: empty, newlines, quotes,
 * `$()`, backticks, `!`, leading dashes, unicode. A non-empty value made only of
 * `[A-Za-z0-9_@%+=:,./-]` is returned unchanged (none of these is special in an argument
 * word); anything else is single-quoted with each `'` written as `'\''`. The result is a word
 * for argument or assignment-value position: a leading `-` is still a dash for the command that
 * receives it (put `--` before it where that matters).
 */
export function shellQuote(value: string): string {
  if (value !== '' && SAFE_WORD.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The contents of a MySQL single-quoted string literal for `value` (without the quotes):
 * `\` → `\\` and `'` → `\'`. Under the default sql_mode (backslash escapes on) the literal
 * `'${sqlString(v)}'` denotes exactly `v`; NUL is written `\0`.
 */
export function sqlString(value: string): string {
  return value.replace(/[\\'\0]/g, (c) => (c === '\0' ? '\\0' : `\\${c}`));
}
