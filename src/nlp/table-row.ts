/**
 * One row of a placeholder table, `NAME<TAB>DESC`, `| NAME | DESC |` or `NAME<2+ spaces>DESC`: the
 * name cell and the description cell, read without a regular expression. It gives exactly what
 * `/^\s*\|?\s*`?([^\s|`]+)`?(?:\t+|\s*\|\s*|\s{2,})(.+?)\s*\|?\s*$/u` gives (groups 1 and 2), but
 * that pattern is super-linear on long runs of white space (`\s*\|?\s*` splits a run in every
 * way, and the lazy description rescans the run at every step); here each cut is found once.
 */

const isSpace = (c: string | undefined): boolean => c !== undefined && c !== '' && c.trim() === '';
/** Characters `.` does not match. */
const isLineEnd = (c: string | undefined): boolean => c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';

/**
 * The name and description cells of a table row, or null when the line is no such row.
 * @param line one line of the guide (no `\n` in it).
 * @returns `[name, description]` as written (the description may end with white space removed by
 *   the caller's normalization).
 */
export function tableRow(line: string): [string, string] | null {
  const n = line.length;
  let i = 0;
  while (isSpace(line[i])) i++;
  if (line[i] === '|') {
    i++;
    while (isSpace(line[i])) i++;
  }
  if (line[i] === '`') i++;
  const nameStart = i;
  while (i < n && !isSpace(line[i]) && line[i] !== '|' && line[i] !== '`') i++;
  if (i === nameStart) return null;
  const name = line.slice(nameStart, i);
  if (line[i] === '`') i++;
  // from: the first index whose rest is white space, at most one `|`, white space (`\s*\|?\s*$`).
  let from = n;
  while (from > 0 && isSpace(line[from - 1])) from--;
  if (from > 0 && line[from - 1] === '|') {
    from--;
    while (from > 0 && isSpace(line[from - 1])) from--;
  }
  // lineEnd[k]: the first line terminator at or after k (`.` stops there).
  const lineEnd = new Int32Array(n + 1).fill(n);
  for (let k = n - 1; k >= 0; k--) lineEnd[k] = isLineEnd(line[k]) ? k : lineEnd[k + 1]!;
  /** The description when it starts at `s`: the shortest non-empty text before the tail. */
  const cell = (s: number): string | null => {
    if (s >= n) return null;
    const end = Math.max(s + 1, from);
    return lineEnd[s]! >= end ? line.slice(s, end) : null;
  };
  // The separators in the pattern's order, each run longest first.
  let tabs = i;
  while (line[tabs] === '\t') tabs++;
  for (let s = tabs; s > i; s--) {
    const d = cell(s);
    if (d !== null) return [name, d];
  }
  let ws = i;
  while (isSpace(line[ws])) ws++;
  if (line[ws] === '|') {
    let after = ws + 1;
    while (isSpace(line[after])) after++;
    for (let s = after; s > ws; s--) {
      const d = cell(s);
      if (d !== null) return [name, d];
    }
  }
  for (let s = ws; s >= i + 2; s--) {
    const d = cell(s);
    if (d !== null) return [name, d];
  }
  return null;
}
