/**
 * Markdown (CommonMark + GFM) building blocks for the checklist: escaping untrusted prose and
 * fencing code so nothing in the guide's text or the site's values can change the structure.
 */

/** Characters escaped with a backslash wherever they occur: code spans, emphasis with `*`, links
 * and images (`[`), strikethrough, GitHub math `$`, table cells `|`, and the escape character. */
const ALWAYS = new Set(['\\', '`', '*', '[', ']', '~', '$', '|']);

/** Every character {@link mustEscape} may escape (ALWAYS and its `switch` cases). */
const MAY_ESCAPE = /[\\`*[\]~$|_<&@#>+=-]/;

/** A letter or digit (any script): `_` between two of these cannot open or close emphasis. */
const WORD = /[\p{L}\p{N}]/u;

/**
 * The index from which `chars` holds only `#` and white space up to the end (`chars.length` when
 * the last character is neither): one pass from the end, so a long run of `#` costs linear time.
 */
function hashTailStart(chars: string[]): number {
  let k = chars.length;
  while (k > 0 && /[#\s]/.test(chars[k - 1]!)) k--;
  return k;
}

/**
 * Whether character `i` of `chars` must be backslash-escaped for the text to stay plain, given
 * where it stands (see {@link escapeMarkdown}); `hashTail` is {@link hashTailStart} of `chars`.
 */
function mustEscape(chars: string[], i: number, hashTail: number): boolean {
  const c = chars[i]!;
  const prev = chars[i - 1];
  const next = chars[i + 1];
  if (ALWAYS.has(c)) return true;
  switch (c) {
    case '_':
      return !(prev !== undefined && next !== undefined && WORD.test(prev) && WORD.test(next));
    case '<': // raw HTML or an autolink starts with `<` and a letter, `/`, `!` or `?`
      return next !== undefined && /[A-Za-z/!?]/.test(next);
    case '&': // only an entity-like `&name;` / `&#NN;` is decoded
      return /^&#?[A-Za-z0-9]+;/.test(chars.slice(i, i + 34).join(''));
    case '@': // an e-mail autolink literal needs a word character on each side
      return prev !== undefined && next !== undefined && /[A-Za-z0-9._+-]/.test(prev) && /[A-Za-z0-9]/.test(next);
    case '#': // an ATX heading opener, or a heading's closing sequence (` ##` up to the end)
      return i === 0 || ((prev === ' ' || prev === '#') && i >= hashTail);
    case '>': // a block quote
      return i === 0;
    case '-':
    case '+': // a bullet list item, or a thematic break / setext underline made of dashes
      return i === 0 && (next === undefined || next === ' ' || (c === '-' && /^[-\s]*$/.test(chars.join(''))));
    case '=': // a setext underline
      return i === 0 && /^=+$/.test(chars.join(''));
    default:
      return false;
  }
}

/**
 * Escapes `text` as one line of Markdown prose that renders as exactly `text` with white-space
 * runs (including newlines) folded to one space and the ends trimmed, whether it starts a line
 * (a heading's text, a list item's) or not. Only what could start or end Markdown/GFM syntax where
 * it stands is backslash-escaped (see {@link mustEscape}): `8.4. インストール` and `auth_strategy`
 * stay as they are, `1. x` becomes `1\. x`. The `:` of `://` is escaped and the `.` of `www.`
 * written `&#46;` (GFM autolink literals), so a URL may still render as an autolink, but one that
 * shows exactly the text (never a hidden URL). Shape: string → string; never throws.
 */
export function escapeMarkdown(text: string): string {
  const folded = text.replace(/\s+/gu, ' ').trim();
  // Most prose holds none of the characters mustEscape may escape: then no character is escaped.
  let out = folded;
  if (MAY_ESCAPE.test(folded)) {
    const chars = Array.from(folded);
    const hashTail = hashTailStart(chars);
    out = chars.map((c, i) => (mustEscape(chars, i, hashTail) ? `\\${c}` : c)).join('');
  }
  // Escaping the `:` of `://` keeps GFM from tokenising a protocol autolink. A `www.` autolink would
  // swallow the backslash of a following escape, so its `.` is written `&#46;`: remark then links
  // the decoded text (same text shown). E-mail autolinks likewise show their own text.
  out = out.replace(/:(?=\/\/)/g, '\\:').replace(/(www)\./gi, '$1&#46;');
  // an ordered list item: 1–9 digits, `.` or `)`, then a space or the end
  out = out.replace(/^(\d{1,9})([.)])(?= |$)/, '$1\\$2');
  return out;
}

/**
 * A fenced code block for `content`, every line prefixed with `indent` (the list item's content
 * indentation). The fence is backticks, one longer than the longest backtick run in `content`
 * (at least 3), so no content line can close it; `info` (e.g. `bash`) must be a plain word
 * (`[A-Za-z0-9_+-]*`), else Error is thrown. Ends with a newline.
 */
export function codeFence(content: string, info = '', indent = ''): string {
  if (!/^[A-Za-z0-9_+-]*$/.test(info)) throw new Error(`bad info string ${JSON.stringify(info)}`);
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const lines = content.replace(/\r\n?/g, '\n').split('\n');
  const body = lines.map((line) => (line === '' ? '' : `${indent}${line}`)).join('\n');
  return `${indent}${fence}${info}\n${body}\n${indent}${fence}\n`;
}
