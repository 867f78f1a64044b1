/**
 * The generated Ansible over the guides of guides/ (under TEJUN_TEST_FULL=1, over the whole corpus
 * of ../shared/guides when it is there: the seven bundled guides and the others), measured by
 * scripts/ansible-stats.mjs
 * (compiled with examples/site.yaml, unbound values left to run time):
 * - `ansible-lint --profile production` reports no finding on any playbook;
 * - shell/command tasks are at most 25 % of all tasks (handlers included);
 * - every shell/command task has `creates`/`removes`, is a check (`changed_when: false`, or a
 *   probe's result in its `when`), or says why not in its comment (a run-once stamp).
 * ansible-lint is required: the test fails, never skips, when it is missing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FULL } from '../helpers/depth.js';
import { GUIDES_DIR, ROOT } from '../helpers/paths.js';

/** The shared corpus next to the repository (every guide of issue 16's measurements), when there. */
const CORPUS = join(ROOT, '..', 'shared', 'guides');

/** The guides measured: the corpus under TEJUN_TEST_FULL=1 when it is there, else guides/. */
const DIR = FULL && existsSync(CORPUS) ? CORPUS : GUIDES_DIR;

interface Stats {
  rows: { guide: string; tasks: number; commands: number; unguarded: number; findings: Record<string, number> | null }[];
  total: { tasks: number; commands: number; unguarded: number; findings: Record<string, number> };
}

test('ansible-stats: lint --profile production finds nothing, shell/command ≤ 25 % of tasks, each guarded or explained', (t) => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ansible-stats.mjs'), '--guides', DIR, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.status, 0, r.stderr);
  const stats = JSON.parse(r.stdout) as Stats;
  assert.ok(stats.rows.length > 0);
  const share = stats.total.commands / stats.total.tasks;
  for (const row of stats.rows) t.diagnostic(`${row.guide}: ${row.tasks} tasks, ${row.commands} shell/command, ${row.unguarded} unguarded, lint ${JSON.stringify(row.findings)}`);
  t.diagnostic(`total over ${stats.rows.length} guides: ${stats.total.tasks} tasks, ${stats.total.commands} shell/command (${(100 * share).toFixed(1)} %), ${stats.total.unguarded} unguarded, lint ${JSON.stringify(stats.total.findings)}`);
  for (const row of stats.rows) {
    assert.deepEqual(row.findings, {}, `${row.guide}: ansible-lint --profile production findings`);
    assert.equal(row.unguarded, 0, `${row.guide}: command tasks without creates/removes, check or reason`);
  }
  assert.ok(share <= 0.25, `shell/command tasks are ${(100 * share).toFixed(1)} % of ${stats.total.tasks}`);
});
