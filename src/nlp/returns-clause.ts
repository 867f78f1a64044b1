/**
 * The thing a check sentence says a command should return: `… が `0` を返すか確認する` → `0`. Read
 * without a regular expression: `/(?:が|は)\s*`?([^`、。\s][^`、。]*?)`?\s*を返すか/u` (the reading
 * this function gives exactly) restarts its lazy scan at every が/は and rescans white space runs
 * at every step (quadratic on long sentences); here each position is looked at a bounded number
 * of times.
 */

const MARK = 'を返すか';
/** Characters the returned thing cannot hold. */
const BARRIER = new Set(['`', '、', '。']);
const isSpace = (c: string): boolean => c.trim() === '' && c !== '';

/**
 * The returned thing as written between が/は and を返すか (a backtick on either side left out), or
 * null when the sentence has none. The first が/は that leads to a を返すか wins; the thing is the
 * shortest one that does (surrounding white space kept, callers trim it).
 * @param text one sentence, normalized.
 */
export function returnsClause(text: string): string | null {
  const n = text.length;
  if (!text.includes(MARK)) return null;
  // tail[j]: text from j matches `?\s*を返すか; next[j]: the first k >= j with tail[k];
  // wall[j]: the first barrier at or after j.
  const next = new Int32Array(n + 2).fill(n + 1);
  const wall = new Int32Array(n + 2).fill(n + 1);
  let spaced = false;
  for (let j = n - 1; j >= 0; j--) {
    const c = text[j]!;
    const mark = text.startsWith(MARK, j);
    const before = spaced;
    spaced = mark || (isSpace(c) && spaced);
    const tail = spaced || (c === '`' && before);
    next[j] = tail ? j : next[j + 1]!;
    wall[j] = BARRIER.has(c) ? j : wall[j + 1]!;
  }
  for (let p = 0; p < n; p++) {
    if (text[p] !== 'が' && text[p] !== 'は') continue;
    let i = p + 1;
    while (i < n && isSpace(text[i]!)) i++;
    if (text[i] === '`') i++;
    if (i >= n || BARRIER.has(text[i]!) || isSpace(text[i]!)) continue;
    const step = text.codePointAt(i)! > 0xffff ? 2 : 1;
    const j = next[i + step]!;
    if (j <= n && j <= wall[i + step]!) return text.slice(i, j);
  }
  return null;
}
