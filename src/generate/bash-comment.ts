/** Text of the guide made safe for a bash `#` comment. */

/**
 * `text` on one line: every run of control characters (line breaks included) and the Unicode
 * line/paragraph separators folded into one space, ends trimmed. Such text cannot end a comment.
 */
export function commentFold(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}
