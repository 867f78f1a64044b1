#!/usr/bin/env node
/**
 * The long fuzz run: `npm run fuzz` (FUZZ_RUNS cases, default 100 000; FUZZ_SEED to replay).
 * 1. fast-check mutates the real guides (see test/helpers/mutate.ts) and asserts parseGuide never
 *    throws anything but a GuideError and every graph is schema-valid.
 * 2. Linear time: for each guide, the per-byte parse time of the guide repeated 8 times must stay
 *    within 3x the per-byte time of the guide itself (a generous bound for noise and GC).
 * Prints the counts and timings; exits 1 on a failure. Needs `npm run build` first.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const { parseGuide, GuideError } = await import(join(root, 'dist/src/index.js'));
const { mutatedGuide } = await import(join(root, 'dist/test/helpers/mutate.js'));
const { listGuides } = await import(join(root, 'dist/test/helpers/paths.js'));
const { schemaErrors } = await import(join(root, 'dist/test/helpers/schema.js'));

const runs = Number(process.env.FUZZ_RUNS ?? 100_000);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const guides = listGuides().map((g) => ({ name: basename(g), lines: readFileSync(g, 'utf8').split('\n') }));
const started = Date.now();
let refused = 0;
let done = 0;
let failed = false;
try {
  await fc.assert(
    fc.asyncProperty(mutatedGuide(guides, 200), async ({ name, text }) => {
      done++;
      if (done % 5000 === 0) console.error(`fuzz: ${done} cases, ${((Date.now() - started) / 1000).toFixed(0)} s`);
      let graph;
      try {
        graph = await parseGuide(name, { bytes: Buffer.from(text, 'utf8') });
      } catch (error) {
        if (error instanceof GuideError) {
          refused++;
          return;
        }
        throw error;
      }
      const errors = schemaErrors(graph);
      if (errors.length) throw new Error(`schema: ${errors.join('; ')}`);
    }),
    { numRuns: runs, seed },
  );
} catch (error) {
  failed = true;
  console.log(String(error.message ?? error));
}
const seconds = (Date.now() - started) / 1000;
console.log(`fuzz: ${done} cases (seed ${seed}) in ${seconds.toFixed(1)} s, ${refused} refused with a GuideError, ${failed ? 'FAILED' : '0 failures'}`);

// Linear time: per-byte cost of 8x a guide vs the guide itself (best of 3 each, after a warm-up).
async function perByte(name, text) {
  const bytes = Buffer.from(text, 'utf8');
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = process.hrtime.bigint();
    await parseGuide(name, { bytes });
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { ms: best, perKiB: best / (bytes.length / 1024) };
}
for (const g of guides) {
  if (g.name.endsWith('.html')) continue; // a repeated page is not a page; HTML is covered by the fuzz cases
  const text = g.lines.join('\n');
  await parseGuide(g.name, { bytes: Buffer.from(text) });
  const one = await perByte(g.name, text);
  const eight = await perByte(g.name, Array(8).fill(text).join('\n'));
  const ratio = eight.perKiB / one.perKiB;
  const ok = ratio <= 3;
  if (!ok) failed = true;
  console.log(`linear: ${g.name} ${one.ms.toFixed(0)} ms x1, ${eight.ms.toFixed(0)} ms x8, per-byte ratio ${ratio.toFixed(2)} ${ok ? 'ok' : 'SUPERLINEAR'}`);
}
process.exitCode = failed ? 1 : 0;
