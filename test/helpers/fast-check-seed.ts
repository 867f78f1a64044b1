/**
 * Loaded before every test file by scripts/run-tests.mjs (`node --test --import
 * ./dist/test/helpers/fast-check-seed.js`): gives fast-check one fixed seed, so a property test
 * draws the same cases on every run and a failure replays as it was. `TEJUN_FC_SEED=N` draws
 * another fixed set of cases (a nightly run can pass a new seed each night); fast-check prints the
 * seed and the path of a failing case, which `fc.assert(…, { seed, path })` replays.
 */
import fc from 'fast-check';

/** The seed of every property test unless TEJUN_FC_SEED names another (a 32-bit integer). */
export const FAST_CHECK_SEED = 1717;

const chosen = process.env['TEJUN_FC_SEED'];
const seed = chosen === undefined || chosen === '' ? FAST_CHECK_SEED : Number(chosen);
if (!Number.isInteger(seed)) throw new Error(`TEJUN_FC_SEED must be an integer, got ${JSON.stringify(chosen)}`);
fc.configureGlobal({ seed });
