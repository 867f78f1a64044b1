/**
 * How deep the tests go. `npm test` is the quick tier: property tests draw fewer cases (with the
 * fixed seed of ./fast-check-seed.ts). `TEJUN_TEST_FULL=1` (set by .ci/run and
 * `npm run test:full`) draws every case a test was written for.
 */

/** True when TEJUN_TEST_FULL=1: the full number of property runs. */
export const FULL: boolean = process.env['TEJUN_TEST_FULL'] === '1';

/**
 * The number of runs of a property test: `full` under TEJUN_TEST_FULL=1, else `quick`.
 * @param full the runs the test was written for (the full tier).
 * @param quick the runs of `npm test` (fewer, with the fixed seed).
 */
export function runs(full: number, quick: number): number {
  return FULL ? full : quick;
}
