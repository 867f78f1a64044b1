/**
 * Escaping for the Ansible playbook: guide text never templated, site values quoted for where
 * they land.
 *
 * - Strings that hold no site value (task and play names, most module arguments, a guide's
 *   commands without placeholders) are written `!unsafe` ({@link UnsafeText}, see
 *   {@link asUnsafe}): Ansible never templates them, however many times it reads them (play
 *   names are templated twice).
 * - Strings that mix guide text and site values are Jinja templates: each literal `{{`, `{%`,
 *   `{#` of the guide is written as an expression that prints it (`{{ '{{' }}`,
 *   {@link escapeJinja}), and each placeholder as `{{ VAR | filters }}` quoting the value for
 *   its context ({@link jinjaVar}): a shell word (`| quote`, closed quotes around it, backslash
 *   escapes inside backticks), a MySQL string or identifier, a URL's userinfo, a Python string.
 *   Bound values are `!unsafe` in group_vars, so Jinja never evaluates what an operator supplied.
 */
import { inUrlUserinfo } from './url.js';
import { evalQuotings, type JsQuote } from './javascript.js';
import { pythonQuoting } from './python.js';
import { sqlQuotings } from './sql.js';
import { dollarParens, shellQuotings } from '../shell/quoting.js';

/** Jinja delimiters that open a block: the second character after `{`. */
const OPENERS = new Set(['{', '%', '#']);

/**
 * Escapes `text` so that Jinja2 (Ansible's default delimiters) renders it back unchanged.
 * Shape: string → string; every `{{`, `{%`, `{#` becomes `{{ '{{' }}` (resp. `'{%'`, `'{#'`),
 * scanning left to right over the original text, so `{{{` → `{{ '{{' }}{`; a `{` that ends the
 * text becomes `{{ '{' }}` (else it would open a delimiter with the `{{` of an expression
 * written after it). Text without `{` is returned unchanged. Never throws.
 */
export function escapeJinja(text: string): string {
  if (!text.includes('{')) return text;
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const next = text[i + 1];
    if (text[i] === '{' && next !== undefined && OPENERS.has(next)) {
      out += `{{ '{${next}' }}`;
      i += 1;
    } else if (text[i] === '{' && next === undefined) {
      out += `{{ '{' }}`;
    } else {
      out += text[i];
    }
  }
  return out;
}

/** The escape expressions {@link escapeJinja} writes, and the text each prints. */
const ESCAPES: ReadonlyMap<string, string> = new Map([
  [`{{ '{{' }}`, '{{'],
  [`{{ '{%' }}`, '{%'],
  [`{{ '{#' }}`, '{#'],
  [`{{ '{' }}`, '{'],
]);

/**
 * The text a template renders to when it is guide text only: made of literal characters and
 * the escape expressions of {@link escapeJinja}, nothing else that Jinja reads (no `{{ VAR }}`,
 * no `{% … %}`). Returns null for any other template. The inverse of escapeJinja:
 * `literalOf(escapeJinja(t)) === t` for every t. Linear; never throws.
 */
export function literalOf(template: string): string | null {
  if (!template.includes('{')) return template;
  let out = '';
  for (let i = 0; i < template.length; ) {
    const c = template[i]!;
    const next = template[i + 1];
    if (c === '{' && next !== undefined && OPENERS.has(next)) {
      let found = false;
      for (const [escape, text] of ESCAPES) {
        if (template.startsWith(escape, i)) {
          out += text;
          i += escape.length;
          found = true;
          break;
        }
      }
      if (!found) return null;
      continue;
    }
    if (c === '{' && next === undefined) return null;
    out += c;
    i += 1;
  }
  return out;
}

/**
 * A string the playbook writes with the `!unsafe` tag (ansible/yaml.ts's PlayWriter): Ansible
 * reads it as text it never templates. Made by {@link asUnsafe} from guide text.
 */
export class UnsafeText {
  /** @param text the string exactly as the module or name gets it. */
  constructor(readonly text: string) {}
}

/**
 * `template` as what the playbook writes for it: an {@link UnsafeText} of its text when it is
 * guide text only ({@link literalOf}; a plain word, {@link PLAIN_WORD}, is returned as text), else
 * the template itself (it holds a site value or a playbook variable, and its literal parts are
 * already escaped). Never throws.
 */
export function asUnsafe(template: string): string | UnsafeText {
  const text = literalOf(template);
  if (text === null) return template;
  return PLAIN_WORD.test(text) ? text : new UnsafeText(text);
}

/**
 * A word no template can change and that reads as data without a tag (a state, a mode, a
 * package or service name, a path): {@link asUnsafe} leaves it untagged, to keep the playbook
 * readable. It holds no `{`, so Jinja has nothing to read in it.
 */
const PLAIN_WORD = /^[A-Za-z0-9_.,:/@+=-]+$/;

/**
 * How a placeholder's value is quoted where it lands:
 * - `raw`: as is (INI values, file lines, module arguments that are not parsed again);
 * - `shell`: one shell word (Ansible's `quote` filter, i.e. Python's shlex.quote);
 * - `sql-single` / `sql-double`: inside a MySQL '…' / "…" literal (backslash and the quote
 *   escaped with a backslash);
 * - `sql-ident`: inside a MySQL `…` identifier (backtick doubled);
 * - `url`: a URL's userinfo, percent-encoded (escape/url.ts's urlUserinfo);
 * - `python-single` / `python-double`: inside a Python '…' / "…" literal (escape/python.ts's
 *   pythonString; the same escapes as a MySQL literal: backslash and the quote, a line break
 *   being refused at binding);
 * - `js-single` / `js-double` / `js-template`: inside a JavaScript '…' / "…" / `…` literal of an
 *   `--eval` program (escape/javascript.ts's jsString: backslash, the quote, LF, CR, U+2028,
 *   U+2029, and `$` in a template, backslash-escaped).
 */
export type ValueContext = 'raw' | 'shell' | 'sql-single' | 'sql-double' | 'sql-ident' | 'url' | 'python-single' | 'python-double' | 'js-single' | 'js-double' | 'js-template';
/**
 * A Jinja expression for one backslash, written without a backslash: Ansible's templar doubles
 * every backslash inside a Jinja string literal before rendering (its `_escape_backslashes`),
 * so `'\\'` would not mean one backslash under ansible-playbook while it does under plain Jinja2.
 * `'%c' | format(92)` means one backslash under both.
 */
const BACKSLASH = "('%c' | format(92))";

/** Two backslashes, see {@link BACKSLASH}. */
const BACKSLASH2 = "('%c%c' | format(92, 92))";

/** A backslash followed by the character of code `code`, see {@link BACKSLASH}. */
function backslashAnd(code: number): string {
  return `('%c%c' | format(92, ${code}))`;
}

/** The Jinja filters of escape/javascript.ts's jsString for `quote`, each character by its code (no backslash in a literal). */
function jsFilters(quote: JsQuote): string {
  const code = quote.charCodeAt(0);
  const chars: Array<[number, string]> = [
    [code, backslashAnd(code)],
    [10, backslashAnd(110)],
    [13, backslashAnd(114)],
    [0x2028, "('%cu2028' | format(92))"],
    [0x2029, "('%cu2029' | format(92))"],
    ...(quote === '`' ? ([[36, backslashAnd(36)]] as Array<[number, string]>) : []),
  ];
  return [` | replace(${BACKSLASH}, ${BACKSLASH2})`, ...chars.map(([c, to]) => ` | replace(('%c' | format(${c})), ${to})`)].join('');
}

/** The context of a JavaScript literal delimited by `quote`. */
const JS_CONTEXT: Readonly<Record<JsQuote, ValueContext>> = { "'": 'js-single', '"': 'js-double', '`': 'js-template' };



/**
 * The Jinja expression that prints variable `variable` quoted for `context`, e.g.
 * `{{ PASSWORD | quote }}`. `variable` must be an identifier (placeholder.variable is upper
 * snake case); throws Error otherwise, since anything else would be a template injection.
 */
export function jinjaVar(variable: string, context: ValueContext): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) {
    throw new Error(`not a Jinja identifier: ${JSON.stringify(variable)}`);
  }
  switch (context) {
    case 'raw':
      return `{{ ${variable} }}`;
    case 'shell':
      return `{{ ${variable} | quote }}`;
    case 'sql-single':
      return `{{ ${variable} | replace(${BACKSLASH}, ${BACKSLASH2}) | replace("'", ${backslashAnd(39)}) }}`;
    case 'sql-double':
      return `{{ ${variable} | replace(${BACKSLASH}, ${BACKSLASH2}) | replace('"', ${backslashAnd(34)}) }}`;
    case 'sql-ident':
      return `{{ ${variable} | replace('\`', '\`\`') }}`;
    case 'url':
      // Jinja's urlencode keeps `/` (and only it) of the characters urlUserinfo encodes.
      return `{{ ${variable} | urlencode | replace('/', '%2F') }}`;
    // A line break in a value bound into a Python string literal is refused at binding
    // (bind-values.ts): the backslash and the quote are all there is to escape.
    case 'python-single':
      return jinjaVar(variable, 'sql-single');
    case 'python-double':
      return jinjaVar(variable, 'sql-double');
    case 'js-single':
      return `{{ ${variable}${jsFilters("'")} }}`;
    case 'js-double':
      return `{{ ${variable}${jsFilters('"')} }}`;
    case 'js-template':
      return `{{ ${variable}${jsFilters('`')} }}`;
    default:
      throw new Error(`unknown context ${String(context satisfies never)}`);
  }
}

/** A placeholder occurrence or literal run, as produced by bind.ts's splitByPlaceholders. */
export type JinjaSegment = { text: string } | { placeholder: { variable: string } };

/**
 * The language of the text placeholders are substituted into: `raw` (plain text), `shell` (a
 * command line, or a file a shell sources later: the value becomes one quoted word), `sql`
 * (a MySQL statement), `python` (a Python source file).
 */
export type TextLanguage = 'raw' | 'shell' | 'sql' | 'python';

/**
 * `expression` (a `{{ … }}` printing a shell word) escaped for `depth` levels of backticks:
 * inside `` `…` `` bash removes a backslash before `\`, `` ` `` and `$` before it parses the
 * command, so a word holding a backtick would end the substitution; each level adds one
 * backslash before each of them.
 */
function inBackticks(expression: string, depth: number): string {
  if (depth === 0) return expression;
  let filters = '';
  for (let n = 0; n < depth; n++) {
    filters += ` | replace(${BACKSLASH}, ${BACKSLASH2}) | replace('\`', ${backslashAnd(96)}) | replace('$', ${backslashAnd(36)})`;
  }
  return `{{ ${expression.slice(3, -3)}${filters} }}`;
}

/** Stands for a placeholder while a command is rewritten (a guide command holding it is left alone). */
const MARK = '\u0000';

/**
 * `segments` of a shell command with its backtick substitutions written `$( … )`
 * (shell/quoting.ts's dollarParens) when a placeholder sits inside one: inside backticks bash
 * unescapes the command once more before parsing it, so a quoted value could end the
 * substitution or be read in the inner command's own quotes, which a scanner of the outer text
 * does not see. Other commands are returned as they are.
 */
function withoutBackticks(segments: readonly JinjaSegment[]): readonly JinjaSegment[] {
  if (!segments.some((s) => 'text' in s && s.text.includes('`'))) return segments;
  const probe = segments.map((s) => ('text' in s ? s.text : MARK)).join('');
  if (segments.some((s) => 'text' in s && s.text.includes(MARK))) return segments;
  const quotings = shellQuotings(probe);
  let at = 0;
  let inside = false;
  for (const s of segments) {
    if (!('text' in s) && quotings[at]!.backticks > 0) inside = true;
    at += 'text' in s ? s.text.length : 1;
  }
  if (!inside) return segments;
  const placeholders = segments.filter((s): s is { placeholder: { variable: string } } => 'placeholder' in s);
  const out: JinjaSegment[] = [];
  dollarParens(probe)
    .split(MARK)
    .forEach((text, i) => {
      if (i > 0) out.push(placeholders[i - 1]!);
      if (text) out.push({ text });
    });
  return out;
}

/**
 * Writes segments as one Jinja-safe string: literal runs through {@link escapeJinja},
 * placeholders as `{{ VAR … }}` quoted for where they land in `language`:
 * - in a URL's userinfo (`scheme://user:VALUE@host`, any language): percent-encoded, which no
 *   language reads as special;
 * - `raw`: the value as is;
 * - `shell`: one shell word via `| quote` (JavaScript-escaped first inside a string literal of an
 *   `--eval` program, escape/javascript.ts), in the quoting shell/quoting.ts's scanner finds (also
 *   inside `$(…)`); inside '…', "…" or $'…' the quote is closed around it (`'a'{{ V | quote }}'b'`);
 *   a backtick substitution holding a placeholder is first written `$( … )` (withoutBackticks),
 *   and inside one left unclosed the word's `\\`, `` ` `` and `$` are backslash-escaped; so the
 *   value is never expanded by bash nor split by shlex;
 * - `sql`: MySQL-escaped inside '…' and "…", backtick-doubled inside `…`, and written as a
 *   backquoted identifier outside quotes (a database name, `CREATE DATABASE NAME;`);
 * - `python`: escaped inside '…' and "…" literals, as is elsewhere (binding refuses a value
 *   there that is not a plain token, see bind-values.ts).
 * Shape: segments → string. Throws only when a variable is not an identifier.
 */
export function toJinja(input: readonly JinjaSegment[], language: TextLanguage): string {
  const segments = language === 'shell' ? withoutBackticks(input) : input;
  // Contexts are read on the text with each placeholder as a neutral `X`.
  const probe = segments.map((s) => ('text' in s ? s.text : 'X')).join('');
  const shell = language === 'shell' ? shellQuotings(probe) : null;
  const js = language === 'shell' ? evalQuotings(probe) : null;
  const sql = language === 'sql' ? sqlQuotings(probe) : null;
  const python = language === 'python' ? pythonQuoting(probe) : null;
  let out = '';
  let at = 0;
  for (const segment of segments) {
    if ('text' in segment) {
      out += escapeJinja(segment.text);
      at += segment.text.length;
      continue;
    }
    const v = segment.placeholder.variable;
    if (inUrlUserinfo(probe.slice(Math.max(0, at - 512), at), probe.slice(at + 1, at + 513))) out += jinjaVar(v, 'url');
    else if (shell) {
      const { quoting, backticks, escaped } = shell[at]!;
      // `\\NAME`: the backslash escapes a letter of the name and means nothing; dropped.
      if (escaped && out.endsWith('\\')) out = out.slice(0, -1);
      // In a JavaScript literal of an `--eval` program: escaped for it first, then one shell word.
      const quote = js?.[at];
      const word = inBackticks(quote ? `{{ ${jinjaVar(v, JS_CONTEXT[quote]).slice(3, -3)} | quote }}` : jinjaVar(v, 'shell'), backticks);
      out += quoting === 'single' ? `'${word}'` : quoting === 'double' ? `"${word}"` : quoting === 'ansi' ? `'${word}$'` : word;
    } else if (sql) {
      const q = sql[at]!;
      out += q === "'" ? jinjaVar(v, 'sql-single') : q === '"' ? jinjaVar(v, 'sql-double') : q === '`' ? jinjaVar(v, 'sql-ident') : `\`${jinjaVar(v, 'sql-ident')}\``;
    } else if (python) {
      const q = python[at]!;
      out += q === "'" ? jinjaVar(v, 'python-single') : q === '"' ? jinjaVar(v, 'python-double') : jinjaVar(v, 'raw');
    } else out += jinjaVar(v, 'raw');
    at += 1;
  }
  return out;
}

/**
 * Keeps a templated module argument a string. Ansible converts a template's result that looks
 * like a list, a dict or a bool (starts with `{` or `[`, or is `True`/`False`) into that type
 * (ansible_eval_concat's literal_eval), so a bound value `{}`, `[1, 2]` or `True` given alone
 * would not reach the module as the text it is; a template that is one expression with a final
 * `| string` is returned by Ansible as text, unconverted. So a template that is exactly one
 * expression `{{ E }}` becomes `{{ (E) | string }}` (`{{ item }}`, a loop item already kept a
 * string, is left alone). Limitation: a template mixing text and values is converted when the
 * whole result happens to be a Python literal (`{{ A }}:{{ B }}` with A=`{1`, B=`2}`).
 * Shape: string → string. Never throws.
 */
export function keepString(template: string): string {
  if (!template.startsWith('{{ ') || !template.endsWith(' }}')) return template; // what the pattern's ends require
  const m = /^\{\{ ((?:(?!\}\}|\{\{|\{%).)*) \}\}$/s.exec(template);
  if (!m || m[1] === 'item') return template;
  return `{{ (${m[1]}) | string }}`;
}
