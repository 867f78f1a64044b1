/**
 * Jinja safety for the Ansible generator: literal guide text must reach a module exactly as
 * written, never templated; placeholders become `{{ VAR }}` expressions, with a filter that
 * quotes the value for the context it lands in (shell word, MySQL string, plain text).
 *
 * Ansible templates every string module argument (and task names) with Jinja2. A literal
 * `{{`, `{%` or `{#` in guide text would open an expression, so each such pair is written as an
 * expression that prints the pair: `{{ '{{' }}`. Bound values themselves are `!unsafe` in
 * group_vars (see steps-to-ansible.ts), so Jinja never evaluates what an operator supplied.
 */

/** Jinja delimiters that open a block: the second character after `{`. */
const OPENERS = new Set(['{', '%', '#']);

/**
 * Escapes `text` so that Jinja2 (Ansible's default delimiters) renders it back unchanged.
 * Shape: string → string; every `{{`, `{%`, `{#` becomes `{{ '{{' }}` (resp. `'{%'`, `'{#'`),
 * scanning left to right over the original text, so `{{{` → `{{ '{{' }}{`. Text without `{`
 * is returned unchanged. Never throws.
 */
export function escapeJinja(text: string): string {
  if (!text.includes('{')) return text;
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const next = text[i + 1];
    if (text[i] === '{' && next !== undefined && OPENERS.has(next)) {
      out += `{{ '{${next}' }}`;
      i += 1;
    } else {
      out += text[i];
    }
  }
  return out;
}

/**
 * How a placeholder's value is quoted where it lands:
 * - `raw`: as is (INI values, file lines, module arguments that are not parsed again);
 * - `shell`: one shell word (Ansible's `quote` filter, i.e. Python's shlex.quote);
 * - `sql-single` / `sql-double`: inside a MySQL '…' / "…" literal (backslash and the quote
 *   escaped with a backslash);
 * - `sql-ident`: inside a MySQL `…` identifier (backtick doubled).
 */
export type ValueContext = 'raw' | 'shell' | 'sql-single' | 'sql-double' | 'sql-ident';

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
    default:
      throw new Error(`unknown context ${String(context satisfies never)}`);
  }
}

/** A placeholder occurrence or literal run, as produced by bind.ts's splitByPlaceholders. */
export type JinjaSegment = { text: string } | { placeholder: { variable: string } };

/** The language of the text placeholders are substituted into. */
export type TextLanguage = 'raw' | 'shell' | 'sql';

/** Quote state while scanning shell or SQL text. */
type QuoteState = 'none' | 'single' | 'double' | 'backtick';

/**
 * Advances the quote state over `text` for `language`. Shell (bash): `\` escapes the next
 * character outside single quotes, `'…'` and `"…"` toggle; SQL (MySQL): `'…'`, `"…"` and
 * `` `…` `` toggle, `\` escapes inside string literals. Raw text stays `none`.
 * Returns the state after the text and whether a `\` is still pending at its end.
 */
function scanQuotes(
  text: string,
  language: TextLanguage,
  start: QuoteState,
  pendingEscape: boolean,
): { state: QuoteState; pendingEscape: boolean } {
  if (language === 'raw') return { state: 'none', pendingEscape: false };
  let state = start;
  let escape = pendingEscape;
  for (const c of text) {
    if (escape) {
      escape = false;
      continue;
    }
    if (language === 'shell') {
      if (state === 'none') {
        if (c === '\\') escape = true;
        else if (c === "'") state = 'single';
        else if (c === '"') state = 'double';
      } else if (state === 'single') {
        if (c === "'") state = 'none';
      } else if (state === 'double') {
        if (c === '\\') escape = true;
        else if (c === '"') state = 'none';
      }
    } else {
      if (state === 'none') {
        if (c === "'") state = 'single';
        else if (c === '"') state = 'double';
        else if (c === '`') state = 'backtick';
      } else if (state === 'backtick') {
        if (c === '`') state = 'none';
      } else {
        if (c === '\\') escape = true;
        else if ((state === 'single' && c === "'") || (state === 'double' && c === '"')) state = 'none';
      }
    }
  }
  return { state, pendingEscape: escape };
}

/**
 * Writes segments as one Jinja-safe string: literal runs through {@link escapeJinja},
 * placeholders as `{{ VAR … }}` quoted for where they land in `language`:
 * - `raw`: the value as is;
 * - `shell`: one shell word via `| quote`; inside '…' or "…" the quote is closed around it
 *   (`'a'{{ V | quote }}'b'`), so the value is never expanded by bash nor split by shlex;
 * - `sql`: MySQL-escaped inside '…', "…" and `…`, raw outside quotes (a database name).
 * Shape: segments → string. Throws only when a variable is not an identifier.
 */
export function toJinja(segments: readonly JinjaSegment[], language: TextLanguage): string {
  let out = '';
  let state: QuoteState = 'none';
  let pendingEscape = false;
  for (const segment of segments) {
    if ('text' in segment) {
      out += escapeJinja(segment.text);
      ({ state, pendingEscape } = scanQuotes(segment.text, language, state, pendingEscape));
      continue;
    }
    pendingEscape = false;
    const v = segment.placeholder.variable;
    if (language === 'raw') out += jinjaVar(v, 'raw');
    else if (language === 'shell') {
      const word = jinjaVar(v, 'shell');
      out += state === 'single' ? `'${word}'` : state === 'double' ? `"${word}"` : word;
    } else {
      out +=
        state === 'single'
          ? jinjaVar(v, 'sql-single')
          : state === 'double'
            ? jinjaVar(v, 'sql-double')
            : state === 'backtick'
              ? jinjaVar(v, 'sql-ident')
              : jinjaVar(v, 'raw');
    }
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
