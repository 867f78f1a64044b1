/**
 * Python string literals: a site value pasted into a Python settings file the guide edits
 * (`'PASSWORD': 'DBPASS'` in Django's local_settings.py). Where a placeholder sits is found with
 * {@link pythonQuoting}; the value is escaped with {@link pythonString} (the bash runbook's
 * `tejun_escape py-single|py-double` and the playbook's Jinja filters write the same text).
 */

/**
 * The contents of a Python string literal delimited by `quote` for `value`: `\` → `\\`, the
 * quote → `\'` or `\"`, LF → `\n`, CR → `\r`. A one-line literal: the result holds no line
 * break (U+2028 and U+2029 are ordinary characters in a Python string; a tab may stand as it
 * is). Binding refuses a line break in a value bound there (bind-values.ts), so for the values
 * that reach an output this is the MySQL escaping of the quote and the backslash. Never throws.
 */
export function pythonString(value: string, quote: "'" | '"'): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(quote === "'" ? /'/g : /"/g, `\\${quote}`)
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r');
}

/** Python quoting at a point of a text: inside `'…'`, inside `"…"`, in a comment, or in code. */
export type PythonQuoting = "'" | '"' | '#' | null;

/**
 * The Python quoting in which each character of `text` is read: `out[i]` is the state before
 * character `i` acts. Understands `'…'` and `"…"` with backslash escapes, triple quotes as
 * the same quote, and `#` comments to the end of the line; a line break ends an unclosed
 * one-line string. A scanner, not a parser; linear. Never throws.
 */
export function pythonQuoting(text: string): PythonQuoting[] {
  const out: PythonQuoting[] = new Array<PythonQuoting>(text.length);
  let state: PythonQuoting = null;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    out[i] = state;
    if (state === '#') {
      if (c === '\n') state = null;
    } else if (state === "'" || state === '"') {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === state || c === '\n') state = null;
    } else if (c === "'" || c === '"' || c === '#') state = c;
  }
  return out;
}
