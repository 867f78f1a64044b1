/**
 * A readable difference between two texts for snapshot failures: the one run of lines between the
 * first and the last line that differ, `-` expected and `+` actual, with a few unchanged lines
 * around it and the 1-based line number where it starts.
 */

/**
 * The lines that differ between `expected` and `actual` (split at `\n`), as a unified-diff-like
 * hunk: `@@ line N @@`, then up to `context` unchanged lines, the expected lines (`-`), the actual
 * lines (`+`), and up to `context` unchanged lines. Lines longer than 200 characters are cut, and
 * each side shows at most 40 lines (then `… N more`).
 * @returns '' when the texts are equal.
 */
export function lineDiff(expected: string, actual: string, context = 3): string {
  if (expected === actual) return '';
  const a = expected.split('\n');
  const b = actual.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const cut = (line: string) => (line.length > 200 ? `${line.slice(0, 200)}…` : line);
  const side = (lines: string[], mark: string) => [
    ...lines.slice(0, 40).map((l) => `${mark} ${cut(l)}`),
    ...(lines.length > 40 ? [`${mark} … ${lines.length - 40} more`] : []),
  ];
  const from = Math.max(0, start - context);
  return [
    `@@ line ${start + 1} @@`,
    ...a.slice(from, start).map((l) => `  ${cut(l)}`),
    ...side(a.slice(start, endA), '-'),
    ...side(b.slice(start, endB), '+'),
    ...a.slice(endA, endA + context).map((l) => `  ${cut(l)}`),
  ].join('\n');
}
