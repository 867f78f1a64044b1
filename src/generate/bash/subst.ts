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
import type { Placeholder } from '../../ir/types.js';
import { splitByPlaceholders } from '../bind.js';
import { jsStringExpansion, placeExpansion, urlUserinfoExpansion } from '../escape/bash.js';
import { evalQuotings, type JsQuote } from '../escape/javascript.js';
import { sqlQuotings } from '../escape/sql.js';
import { inUrlUserinfo } from '../escape/url.js';
import { advance, startScan, top } from '../shell/quoting.js';

/**
 * What a value is escaped for before the shell quotes it: nothing (`raw`), a URL's userinfo
 * (`url`, percent-encoded) or a JavaScript string literal of an `--eval` program (`js'`, `js"`,
 * `` js` ``, escape/javascript.ts).
 */
export type ValueEscape = 'raw' | 'url' | `js${JsQuote}`;

/** The bash expansion of variable `name` escaped for `escape` (escape/bash.ts). */
export function escapedExpansion(name: string, escape: ValueEscape): string {
  if (escape === 'raw') return `\${${name}}`;
  if (escape === 'url') return urlUserinfoExpansion(name);
  return jsStringExpansion(name, escape.slice(2) as JsQuote);
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
 * Replaces each whole-token placeholder occurrence in `text` with an expansion of the bash
 * variable `ref(placeholder)` (a name such as `PASSWORD` or a positional `1`), written for the
 * quoting context the occurrence is in (see the module comment). An occurrence in the userinfo
 * of a URL (`mysql://nova:PASSWORD@controller`, escape/url.ts) expands to the value
 * percent-encoded (`$(tejun_escape url …)`), and one inside a string literal of a JavaScript
 * `--eval` program (escape/javascript.ts) JavaScript-escaped (`$(tejun_escape js-double …)`);
 * `ref(placeholder, escape)` is told which, so a caller can pass such values another way.
 * `placeholders` are those that apply to the action ({@link placeholdersFor}). Pure; never throws.
 */
export function substituteShell(
  text: string,
  placeholders: Placeholder[],
  ref: (p: Placeholder, escape: ValueEscape) => string,
  expansion: (name: string, escape: ValueEscape) => string = escapedExpansion,
): Substituted {
  const segments = splitByPlaceholders(text, placeholders);
  const probe = segments.map((s) => ('text' in s ? s.text : 'X')).join('');
  const js = evalQuotings(probe);
  let scan = startScan();
  let out = '';
  let at = 0;
  const used: Placeholder[] = [];
  for (const seg of segments) {
    if ('text' in seg) {
      out += seg.text;
      scan = advance(scan, seg.text);
      at += seg.text.length;
      continue;
    }
    const quote = js[at];
    const escape: ValueEscape = inUrlUserinfo(probe.slice(Math.max(0, at - 512), at), probe.slice(at + 1, at + 513)) ? 'url' : quote ? `js${quote}` : 'raw';
    const placed = placeExpansion(expansion(ref(seg.placeholder, escape), escape), top(scan));
    if (scan.escaped) {
      // `\PASSWORD`: the backslash escapes the first character of the name, an ordinary letter,
      // so it means nothing: dropped (left there, it would escape the reference's opening quote).
      out = out.slice(0, -1) + placed;
      scan = { ...scan, escaped: false };
    } else out += placed;
    if (!used.includes(seg.placeholder)) used.push(seg.placeholder);
    at += 1;
  }
  return { text: out, balanced: scan.stack.length === 1 && !scan.escaped, used };
}

/** SQL context of a placeholder: inside a string literal, a backquoted identifier, or bare. */
export type SqlContext = 'string' | 'identifier' | 'bare';

/** One piece of an SQL statement built at run time. `url`: inside a URL's userinfo (percent-encoded). */
export type SqlPiece = { literal: string } | { placeholder: Placeholder; context: SqlContext; url: boolean };

/**
 * Splits an SQL statement into literal text and placeholder occurrences with their SQL context
 * (escape/sql.ts's sqlQuotings): inside `'…'` or `"…"` (MySQL strings; `\` escapes and doubled
 * quotes understood) → `string` (escaped at run time like {@link sqlString}); inside `` `…` `` →
 * `identifier` (backquotes doubled); elsewhere → `bare` (written as a backquoted identifier,
 * e.g. a database name in `CREATE DATABASE nova`). `url` marks an occurrence in the userinfo of a
 * URL (escape/url.ts). Pure; never throws.
 */
export function sqlPieces(text: string, placeholders: Placeholder[]): SqlPiece[] {
  const segments = splitByPlaceholders(text, placeholders);
  const probe = segments.map((s) => ('text' in s ? s.text : 'X')).join('');
  const quoting = sqlQuotings(probe);
  const out: SqlPiece[] = [];
  let at = 0;
  for (const seg of segments) {
    if ('text' in seg) {
      out.push({ literal: seg.text });
      at += seg.text.length;
      continue;
    }
    const q = quoting[at];
    const context: SqlContext = q === '`' ? 'identifier' : q ? 'string' : 'bare';
    out.push({ placeholder: seg.placeholder, context, url: inUrlUserinfo(probe.slice(Math.max(0, at - 512), at), probe.slice(at + 1, at + 513)) });
    at += 1;
  }
  return out;
}
