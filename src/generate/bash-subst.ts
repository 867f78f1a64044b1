/**
 * Placeholder substitution in command text, by quoting context.
 *
 * A guide command such as `keystone user-create --pass PASSWORD` or
 * `GRANT ... IDENTIFIED BY 'PASSWORD'` holds placeholders inside shell (or SQL) quoting. A small
 * scanner walks the literal text, tracks which quote the next placeholder sits in, and writes a
 * reference to the bash variable that expands to the value exactly once, never re-parsed:
 *
 * | context                     | written as        |
 * |-----------------------------|-------------------|
 * | unquoted (also in `$(…)`)   | `"${VAR}"`        |
 * | inside `"…"`                | `${VAR}`          |
 * | inside `'…'`                | `'"${VAR}"'`      |
 * | inside `$'…'`               | `'"${VAR}"$'`     |
 *
 * For SQL (statements fed to a mysql client) the context decides the escaping instead, see
 * {@link sqlPieces}.
 */
import type { Placeholder } from '../ir/types.js';
import { splitByPlaceholders } from './bind.js';

/** Shell quoting context at a point of a command. */
export type ShellContext = 'unquoted' | 'double' | 'single' | 'ansi' | 'backtick';

/** Scanner state: a stack of open contexts (bottom is `unquoted`), `$(` counted as unquoted. */
interface ShellScan {
  stack: ShellContext[];
  /** True when the previous character was an unconsumed backslash escape. */
  escaped: boolean;
}

/** A fresh scanner state, at the start of a command. */
function startScan(): ShellScan {
  return { stack: ['unquoted'], escaped: false };
}

/** The context at the current point. */
function top(scan: ShellScan): ShellContext {
  return scan.stack[scan.stack.length - 1];
}

/**
 * Advances the scanner over literal `text` (pure: returns a new state). Understands backslash
 * escapes, `'…'`, `"…"`, `$'…'`, backticks and `$(…)` nesting (a `(` inside `$(…)` opens a
 * nested unquoted level too, so `$( (a) )` balances); it is a quoting scanner, not a parser.
 */
function advance(scan: ShellScan, text: string): ShellScan {
  const stack = [...scan.stack];
  const escaped = scanShell(text, stack, scan.escaped);
  return { stack, escaped };
}

/**
 * The quoting context at each position of `text`: `contexts[i]` is the context in which
 * character `i` is read (before it acts), i.e. the context {@link advance} reaches over
 * `text.slice(0, i)` (a backslash escape pending → `single`). One left-to-right pass, O(n).
 * Because the prefix ends before it, the second character of a two-character opener (`$(`,
 * `$'`) is read in the context before the opener, as the prefix scan has it. Pure.
 */
export function shellContexts(text: string): ShellContext[] {
  const out: ShellContext[] = new Array<ShellContext>(text.length);
  scanShell(text, ['unquoted'], false, out);
  return out;
}

/**
 * The one quoting scanner behind {@link advance} and {@link shellContexts}: reads `text` from the
 * state (`stack`, mutated in place; `escaped`), writing into `out[i]`, when given, the context
 * character `i` is read in. @returns whether a backslash escape is pending at the end.
 */
function scanShell(text: string, stack: ShellContext[], escaped: boolean, out?: ShellContext[]): boolean {
  for (let i = 0; i < text.length; i++) {
    const ctx = stack[stack.length - 1]!;
    if (out) out[i] = escaped ? 'single' : ctx;
    const c = text[i];
    if (escaped) {
      escaped = false;
      continue;
    }
    if (ctx === 'single') {
      if (c === "'") stack.pop();
      continue;
    }
    if (ctx === 'ansi') {
      if (c === '\\') escaped = true;
      else if (c === "'") stack.pop();
      continue;
    }
    if (c === '\\') {
      escaped = true;
      continue;
    }
    // A two-character opener: its second character is read in the context before it.
    const opener = c === '$' && i + 1 < text.length && (text[i + 1] === '(' || (ctx !== 'double' && text[i + 1] === "'"));
    if (opener) {
      if (out) out[i + 1] = ctx;
      stack.push(text[i + 1] === "'" ? 'ansi' : 'unquoted');
      i++;
      continue;
    }
    if (ctx === 'double') {
      if (c === '"') stack.pop();
      else if (c === '`') stack.push('backtick');
      continue;
    }
    // unquoted or backtick
    if (c === '`') {
      if (ctx === 'backtick') stack.pop();
      else stack.push('backtick');
    } else if (c === "'") stack.push('single');
    else if (c === '"') stack.push('double');
    else if (c === '(' && stack.length > 1) stack.push('unquoted');
    else if (c === ')' && stack.length > 1 && ctx === 'unquoted') stack.pop();
  }
  return escaped;
}

/** The bash text that expands `${ref}` exactly once in context `ctx`. */
export function shellReference(ref: string, ctx: ShellContext): string {
  switch (ctx) {
    case 'double':
      return `\${${ref}}`;
    case 'single':
      return `'"\${${ref}}"'`;
    case 'ansi':
      return `'"\${${ref}}"$'`;
    case 'unquoted':
    case 'backtick':
      return `"\${${ref}}"`;
  }
}

/** Result of {@link substituteShell}. */
export interface Substituted {
  /** The command with every placeholder occurrence replaced by a variable reference. */
  text: string;
  /** False when the command ends inside a quote, `$(…)` or backticks, or with a lone `\`. */
  balanced: boolean;
  /** Names of the placeholders that occur, in first-occurrence order, each once. */
  used: Placeholder[];
}

/**
 * Replaces each whole-token placeholder occurrence in `text` with a reference to the bash
 * variable `ref(placeholder)` (a name such as `PASSWORD` or a positional `1`), written for the
 * quoting context the occurrence is in (see the module comment). `placeholders` are those that
 * apply to the action ({@link placeholdersFor}). Pure; never throws.
 */
export function substituteShell(
  text: string,
  placeholders: Placeholder[],
  ref: (p: Placeholder) => string,
): Substituted {
  let scan = startScan();
  let out = '';
  const used: Placeholder[] = [];
  for (const seg of splitByPlaceholders(text, placeholders)) {
    if ('text' in seg) {
      out += seg.text;
      scan = advance(scan, seg.text);
    } else if (scan.escaped) {
      // `\PASSWORD`: the backslash escapes the first character; keep the reference whole.
      out += shellReference(ref(seg.placeholder), top(scan));
      scan = { ...scan, escaped: false };
      if (!used.includes(seg.placeholder)) used.push(seg.placeholder);
    } else {
      out += shellReference(ref(seg.placeholder), top(scan));
      if (!used.includes(seg.placeholder)) used.push(seg.placeholder);
    }
  }
  return { text: out, balanced: scan.stack.length === 1 && !scan.escaped, used };
}

/** SQL context of a placeholder: inside a string literal, a backquoted identifier, or bare. */
export type SqlContext = 'string' | 'identifier' | 'bare';

/** One piece of an SQL statement built at run time. */
export type SqlPiece = { literal: string } | { placeholder: Placeholder; context: SqlContext };

/**
 * Splits an SQL statement into literal text and placeholder occurrences with their SQL context:
 * inside `'…'` or `"…"` (MySQL strings; `\` escapes and doubled quotes understood) → `string`
 * (escaped at run time like {@link sqlString}); inside `` `…` `` → `identifier` (backquotes
 * doubled); elsewhere → `bare` (written as a backquoted identifier, e.g. a database name in
 * `CREATE DATABASE nova`). Pure; never throws.
 */
export function sqlPieces(text: string, placeholders: Placeholder[]): SqlPiece[] {
  let quote: '' | "'" | '"' | '`' = '';
  let escaped = false;
  const out: SqlPiece[] = [];
  for (const seg of splitByPlaceholders(text, placeholders)) {
    if ('placeholder' in seg) {
      const context: SqlContext = quote === '`' ? 'identifier' : quote ? 'string' : 'bare';
      out.push({ placeholder: seg.placeholder, context });
      escaped = false;
      continue;
    }
    out.push({ literal: seg.text });
    for (const c of seg.text) {
      if (escaped) escaped = false;
      else if (quote === '') {
        if (c === "'" || c === '"' || c === '`') quote = c;
      } else if (c === '\\' && quote !== '`') escaped = true;
      else if (c === quote) quote = ''; // a doubled quote closes and reopens: same result
    }
  }
  return out;
}
