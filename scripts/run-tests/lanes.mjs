// How scripts/run-tests.mjs spreads a tier's test files over lanes (processes run side by side):
// longest first, each file to the lane with the least time so far (a file's time is the one
// measured in the last run, else the median of the known times, else 1 s). In a lane the files that
// may share a process run in one process, in name order; each file marked own-process then runs in
// a process of its own. The same files and times always give the same plan.

/**
 * @param {string[]} sources the test files (source paths such as test/a.test.ts)
 * @param {(source: string) => boolean} own whether a file needs a process of its own
 * @param {Record<string, number>} times each file's time in ms, from the last run (may be empty)
 * @param {number} count how many lanes (≥ 1); fewer when there are fewer files
 * @returns {{ files: string[], own: boolean }[][]} per lane, its processes in the order they run
 */
export function planLanes(sources, own, times, count) {
  const known = Object.values(times).filter((t) => typeof t === 'number' && t > 0).sort((a, b) => a - b);
  const fallback = known.length > 0 ? known[Math.floor(known.length / 2)] : 1000;
  const weight = (s) => (typeof times[s] === 'number' && times[s] > 0 ? times[s] : fallback);
  const lanes = Array.from({ length: Math.max(1, Math.min(count, sources.length)) }, () => ({ load: 0, shared: [], own: [] }));
  const order = [...sources].sort((a, b) => weight(b) - weight(a) || a.localeCompare(b));
  for (const source of order) {
    const lane = lanes.reduce((least, l) => (l.load < least.load ? l : least));
    lane.load += weight(source);
    (own(source) ? lane.own : lane.shared).push(source);
  }
  return lanes
    .map((l) => [
      ...(l.shared.length > 0 ? [{ files: l.shared.sort(), own: false }] : []),
      ...l.own.sort().map((f) => ({ files: [f], own: true })),
    ])
    .filter((l) => l.length > 0);
}
