/**
 * Escaping for the bash runbook, one routine per context guide text or a site value can land in:
 *
 * | context                                   | routine                 |
 * |-------------------------------------------|-------------------------|
 * | one argument or assignment word           | {@link shellQuote}      |
 * | a `#` comment                             | {@link bashComment}     |
 * | a variable reference inside a command     | {@link shellReference}  |
 * | a value written into a file that is later sourced (`export OS_PASSWORD=…` in openrc.sh) | {@link sourcedReference} |
 * | a value in a URL's userinfo               | {@link urlUserinfoExpansion} |
 * | a value in a Python string literal        | {@link pythonStringExpansion} |
 * | a value in a JavaScript string literal of an `--eval` program | {@link jsStringExpansion} |
 *
 * Site values never enter the script text: they are assigned once with {@link shellQuote} and
 * referenced as variables; references that land in a file another program reads again are
 * escaped at run time by bash itself (`${V@Q}`) or by the runbook's `tejun_escape` helper
 * (templates/bash/runbook.sh.hbs), so a value left unbound at generation is escaped the same way.
 * The runbook has no here-document: file contents reach `tejun_file_add` as one quoted word and
 * are read from a here-string of a variable (`<<<"$3"`), which bash never expands again.
 *
 * shellQuote is hand-written rather than shell-quote's `quote`, which leaves some strings
 * unquoted or double-quoted (it does not protect a leading `~`/`#`/`=` or newlines in every case)
 * and is not specified as exact for bash; this routine is proved by property tests (test/quote.test.ts
 * and test/escape-bash.test.ts: bash prints back every generated string exactly).
 */

/** Characters that never need quoting in a bash word (and are not special at any position). */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * One bash word that reads back as exactly `value`, for any string without NUL: empty,
 * newlines, quotes, `$()`, backticks, `!`, leading dashes, unicode. A non-empty value made only of
 * `[A-Za-z0-9_@%+=:,./-]` is returned unchanged (none of these is special in an argument
 * word); anything else is single-quoted with each `'` written as `'\''`. The result is a word
 * for argument or assignment-value position: a leading `-` is still a dash for the command that
 * receives it (put `--` before it where that matters). A NUL (which no bash string can hold) is
 * dropped: values holding one are refused when the vars file is loaded (escape/chars.ts).
 */
export function shellQuote(value: string): string {
  const v = value.includes('\0') ? value.replace(/\0/g, '') : value;
  if (v !== '' && SAFE_WORD.test(v)) return v;
  return `'${v.replace(/'/g, `'\\''`)}'`;
}

/**
 * `text` for a bash `#` comment: every run of control characters (line breaks included, C1
 * controls and DEL too) and the Unicode line and paragraph separators folded into one space,
 * ends trimmed. Such text cannot end the comment, whatever the guide (or its file name) holds.
 */
export function bashComment(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
}

/** Shell quoting context at a point of a command (as shell/quoting.ts's scanner reports it). */
export type ShellQuoting = 'unquoted' | 'double' | 'single' | 'ansi' | 'backtick';

/**
 * The bash text that expands variable `ref` exactly once, never re-parsed, where the command text
 * is in context `ctx`: unquoted (also inside `$(…)` or backticks) → `"${ref}"`; inside `"…"` →
 * `${ref}`; inside `'…'` → `'"${ref}"'` (the quote closed around a double-quoted reference);
 * inside `$'…'` → `'"${ref}"$'`. `ref` must be a variable name or a positional number.
 */
export function shellReference(ref: string, ctx: ShellQuoting): string {
  return placeExpansion(`\${${ref}}`, ctx);
}

/**
 * `expansion` (a bash expansion: `${V}`, `$(tejun_escape url "${V}")`) written so that it is
 * expanded once and not split, in context `ctx` (see {@link shellReference}).
 */
export function placeExpansion(expansion: string, ctx: ShellQuoting): string {
  switch (ctx) {
    case 'double':
      return expansion;
    case 'single':
      return `'"${expansion}"'`;
    case 'ansi':
      return `'"${expansion}"$'`;
    case 'unquoted':
    case 'backtick':
      return `"${expansion}"`;
  }
}

/**
 * A reference for a value written into a file that a shell later reads as code (a file the
 * guide sources, `export OS_PASSWORD=ADMIN_PASS` in openrc.sh): the file gets the value as one
 * shell word, `${ref@Q}` (bash ≥ 4.4 quotes it: `'Adm1n;cmd'`, `$'a\nb'`), written for where the
 * placeholder sits in the file's own quoting, `ctx`: unquoted → the quoted word; inside `"…"`
 * → `"` + word + `"`; inside `'…'` → `'` + word + `'`; inside `$'…'` → `'` + word + `$'`
 * (the file's quote closed around the word and opened again). The result is itself a bash
 * expansion for the runbook's command line: `"${ref@Q}"` with the closing text around it
 * shell-quoted. `ref` must be a variable name.
 */
export function sourcedReference(ref: string, ctx: ShellQuoting): string {
  const word = `"\${${ref}@Q}"`;
  switch (ctx) {
    case 'double':
      return `'"'${word}'"'`;
    case 'single':
      return `"'"${word}"'"`;
    case 'ansi':
      return `"'"${word}"\\$'"`;
    case 'unquoted':
    case 'backtick':
      return word;
  }
}

/**
 * An expansion (for {@link placeExpansion}) of the value of `ref` percent-encoded for the
 * userinfo of a URL (`mysql://nova:PASS@controller/nova`): every byte but `[A-Za-z0-9._~-]` as
 * `%XX` (escape/url.ts's urlUserinfo), so `@ / : # ?` in a password cannot end the userinfo.
 * Computed at run time by the runbook's `tejun_escape url` helper; the result holds only
 * URL-safe characters, safe in any shell, SQL or file context.
 */
export function urlUserinfoExpansion(ref: string): string {
  return `$(tejun_escape url "\${${ref}}")`;
}

/**
 * An expansion (for {@link placeExpansion}) of the value of `ref` escaped for the inside of a
 * Python string literal delimited by `quote` (escape/python.ts's pythonString: `\` → `\\`, the
 * quote, LF, CR and TAB backslash-escaped). Computed at run time by the runbook's
 * `tejun_escape py-single|py-double` helper; the result holds no line break.
 */
export function pythonStringExpansion(ref: string, quote: "'" | '"'): string {
  return `$(tejun_escape ${quote === "'" ? 'py-single' : 'py-double'} "\${${ref}}")`;
}

/**
 * An expansion (for {@link placeExpansion}) of the value of `ref` escaped for the inside of a
 * JavaScript string literal delimited by `quote` (escape/javascript.ts's jsString). Computed at
 * run time by the runbook's `tejun_escape js-single|js-double|js-template` helper; the result
 * holds no line break.
 */
export function jsStringExpansion(ref: string, quote: "'" | '"' | '`'): string {
  return `$(tejun_escape ${quote === "'" ? 'js-single' : quote === '"' ? 'js-double' : 'js-template'} "\${${ref}}")`;
}
