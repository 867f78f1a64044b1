/**
 * Escaping for MySQL/MariaDB statements: string literals and identifiers. The bash runbook does
 * the same at run time (tejun_sql_line in templates/bash/runbook.sh.hbs) and the playbook with
 * Jinja filters (escape/ansible.ts's jinjaVar); these are the generation-time forms, the
 * reference the tests compare both with.
 */

/**
 * The contents of a MySQL single-quoted string literal for `value` (without the quotes):
 * `\` → `\\` and `'` → `\'`. Under the default sql_mode (backslash escapes on) the literal
 * `'${sqlString(v)}'` denotes exactly `v`; NUL is written `\0`.
 */
export function sqlString(value: string): string {
  return value.replace(/[\\'\0]/g, (c) => (c === '\0' ? '\\0' : `\\${c}`));
}

/**
 * A quoted MySQL identifier for `value`: `` `v` `` with each backtick doubled
 * (`` nova`x `` → `` `nova``x` ``). Use only when {@link identifierProblem} returns null.
 */
export function sqlIdentifier(value: string): string {
  return `\`${value.replace(/`/g, '``')}\``;
}

/**
 * Why `value` cannot be a quoted MySQL identifier (a database or table name a guide writes bare,
 * `CREATE DATABASE DBNAME;`), or null when it can: it must be 1 to 64 characters of the Basic
 * Multilingual Plane, without NUL and not ending with a space (MySQL 8.0 reference, "Schema
 * Object Names"). Never throws.
 */
export function identifierProblem(value: string): string | null {
  if (value === '') return 'it is empty';
  if (value.includes('\0')) return 'it holds NUL';
  if (/[\ud800-\udfff]/.test(value)) return 'it holds a character outside the Basic Multilingual Plane';
  if (value.length > 64) return 'it is longer than 64 characters';
  if (/\s$/.test(value)) return 'it ends with a blank';
  return null;
}

/** MySQL quoting at a point of a statement: inside `'…'`, `"…"`, `` `…` ``, or bare (''). */
export type SqlQuoting = '' | "'" | '"' | '`';

/**
 * The MySQL quoting in which each character of `text` is read: `out[i]` is the state before
 * character `i` acts. `'…'` and `"…"` are strings (`\` escapes the next character, a doubled
 * quote closes and reopens: same result), `` `…` `` an identifier (no escapes). A scanner, not
 * a parser; linear. Never throws.
 */
export function sqlQuotings(text: string): SqlQuoting[] {
  const out: SqlQuoting[] = new Array<SqlQuoting>(text.length);
  let quote: SqlQuoting = '';
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    out[i] = quote;
    if (escaped) escaped = false;
    else if (quote === '') {
      if (c === "'" || c === '"' || c === '`') quote = c;
    } else if (c === '\\' && quote !== '`') escaped = true;
    else if (c === quote) quote = '';
  }
  return out;
}
