/**
 * Markdown (CommonMark + GFM) building blocks for the checklist: escaping untrusted prose and
 * fencing code so nothing in the guide's text or the site's values can change the structure.
 */

/**
 * Characters escaped with a backslash wherever they occur in prose: the ASCII punctuation that
 * can start or end Markdown/GFM syntax (emphasis, links and images (`[`), code spans, raw HTML,
 * entities, tables, strikethrough, GitHub math `$`, headings' closing `#`s). `(`, `)` and `!`
 * only matter next to an (escaped) bracket and are left alone for readability.
 */
const ALWAYS = /[\\`*_[\]<>|~&$#]/g;

/**
 * Escapes `text` as one line of Markdown prose that renders as exactly `text` with white-space
 * runs (including newlines) folded to one space and the ends trimmed. Every character of
 * {@link ALWAYS} is backslash-escaped; a leading `-`, `+`, `=`, `:` or `N.`/`N)` (list
 * item, setext underline, ordered list) is escaped too, and so are the `:` of `://` and
 * the `.` of `www.` (GFM autolink literals). Such text may still render as an autolink, but one
 * that shows exactly the text (never a hidden URL). Shape: string → string; never throws.
 */
export function escapeMarkdown(text: string): string {
  const folded = text.replace(/\s+/gu, ' ').trim();
  let out = folded.replace(ALWAYS, (c) => `\\${c}`);
  // Escaping the `:` of `://` keeps GFM from tokenising a protocol autolink. A `www.` autolink would
  // swallow the backslash of a following escape, so its `.` is written `&#46;`: remark then links
  // the decoded text (same text shown). E-mail autolinks likewise show their own text.
  out = out.replace(/:(?=\/\/)/g, '\\:').replace(/(www)\./gi, '$1&#46;');
  out = out.replace(/^([-+=:])/, '\\$1');
  out = out.replace(/^(\d+)([.)])/, '$1\\$2');
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
