/**
 * Where the guide means each `cd` to go (src/generate/shell/cd-plan.ts) and the bash runbook
 * going there for real (`tejun_cd`): a section's `cd` written from the unpack directory restarts
 * the chain, a section's first `cd` into no directory of the chain starts from the chain's top,
 * a `cd` within a section continues, an absolute `cd` starts a new chain.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stepsToBash } from '../src/generate/bash/steps-to-bash.js';
import { planCds } from '../src/generate/shell/cd-plan.js';
import type { Action, StepGraph } from '../src/ir/types.js';

/** A graph of one procedure per list of command lines, one step each; action ids `a-<n>` in order. */
function graphOf(procedures: string[][]): StepGraph {
  let n = 0;
  return {
    schemaVersion: 1,
    source: { path: 'guides/cd.md', format: 'markdown', dialect: 'generic', sha256: '33'.repeat(32) },
    title: 'cd', roles: [],
    procedures: procedures.map((runs, p) => ({
      id: `p-${p}`, title: `節${p}`, role: null, source: { line: 100 * (p + 1) },
      steps: [{ id: `s-${p}`, text: `手順${p}`, role: null, when: null, source: { line: 100 * (p + 1) + 1 },
        actions: runs.map((run): Action => ({ id: `a-${(n += 1)}`, kind: 'command', run, user: 'root', verify: false, expect: null, source: { line: 100 * (p + 1) + 1 + n } })) }],
    })),
    placeholders: [], literals: [], missing: [], messages: [],
  } as unknown as StepGraph;
}

/** The moves of a graph as `id: back>enter>head` strings, '-' for none. */
function moves(graph: StepGraph): string[] {
  return [...planCds(graph)].map(([id, m]) => `${id}: ${m.back ?? '-'}>${m.enter?.dir ?? '-'}>${m.head}`);
}

test('planCds: restart on a repeated first directory, the top at a section start, continue within a section, reset on an absolute cd', () => {
  const graph = graphOf([
    ['tar xf src-1.0.tar.gz', 'cd src-1.0', 'make'],
    ['cd src-1.0/src/sql', 'cd sub', 'make'],
    ['cd doc', 'cd ..', 'cd doc.ja'],
    ['cd /opt', 'cd app'],
    ['cd lib'],
  ]);
  assert.deepEqual(moves(graph), [
    'a-2: ->->src-1.0',
    'a-4: src-1.0>->src-1.0',
    'a-5: ->->sub',
    'a-7: src-1.0>src-1.0>doc',
    'a-9: ->->doc.ja',
    'a-11: ->->app',
    'a-12: app>app>lib',
  ]);
});

test('the bash runbook types each cd where the guide means it, and a re-run runs no command', () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'tejun-cd-')));
  for (const d of ['src-1.0/src/sql/sub', 'src-1.0/doc', 'src-1.0/doc.ja']) mkdirSync(join(dir, d), { recursive: true });
  const log = 'pwd >> "$HOME"/ran';
  const graph = graphOf([
    ['cd src-1.0', log],
    ['cd src-1.0/src/sql', 'cd sub', log],
    ['cd doc', log, 'cd ..', 'cd doc.ja', log],
  ]);
  const script = join(dir, 'cd.sh');
  const { files } = stepsToBash(graph, { vars: {} });
  writeFileSync(script, files[0]!.content, { mode: 0o700 });
  const run = (): string[] => {
    const r = spawnSync(script, ['--yes'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env['PATH'], HOME: dir, TEJUN_STATE_DIR: join(dir, 'state'), TEJUN_ROOT: join(dir, 'root') } });
    assert.equal(r.status, 0, r.stderr);
    const ran = existsSync(join(dir, 'ran')) ? readFileSync(join(dir, 'ran'), 'utf8').split('\n').filter(Boolean) : [];
    writeFileSync(join(dir, 'ran'), '');
    return ran;
  };
  assert.deepEqual(run(), ['src-1.0', 'src-1.0/src/sql/sub', 'src-1.0/doc', 'src-1.0/doc.ja'].map((d) => join(dir, d)));
  assert.deepEqual(run(), [], 'every step recorded: only the cds run again');
});
