/**
 * Property-based fuzzing of the whole parse (fast-check): real guides with lines dropped,
 * duplicated, swapped, truncated and with scraping noise, prompts, fences, `¥`, full-width spaces
 * and CRs injected. Parsing never throws anything but a GuideError (a guide it refuses with a rule
 * id), and every graph is valid against schema/step-graph.schema.json. A short run here
 * (FUZZ_RUNS, default 50 in `npm test`, 150 under TEJUN_TEST_FULL=1); `npm run fuzz` runs 100 000
 * cases and checks linear time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import fc from 'fast-check';
import { GuideError } from '../src/ingest/guide-error.js';
import { mutatedGuide } from './helpers/mutate.js';
import { runs } from './helpers/depth.js';
import { corpusGuides } from './helpers/paths.js';
import { schemaErrors } from './helpers/schema.js';
import { loadTejun } from './helpers/tejun.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? runs(150, 30));

test(`fuzz: ${RUNS} mutated guides parse to schema-valid graphs or a GuideError, never a crash`, async () => {
  const { parseGuide } = await loadTejun();
  const guides = corpusGuides().map((g) => ({ name: basename(g), lines: readFileSync(g, 'utf8').split('\n') }));
  await fc.assert(
    fc.asyncProperty(mutatedGuide(guides, 120), async ({ name, text }) => {
      let graph;
      try {
        graph = await parseGuide(name, { bytes: Buffer.from(text, 'utf8') });
      } catch (error) {
        if (error instanceof GuideError) return; // refused with a diagnostic (e.g. empty after edits)
        throw error;
      }
      assert.deepEqual(schemaErrors(graph), []);
    }),
    { numRuns: RUNS },
  );
});
