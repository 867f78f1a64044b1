/**
 * Sentences that say which hosts a step runs on set the step's role, not a condition
 * (nlp/host-scope.ts, extract/reader/text.ts); a check whose failing result the guide gives steps
 * for is a branch, not an error (extract/check-branches.ts), in the IR, the playbook and the bash
 * runbook.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, type Tags } from 'yaml';
import { stepsToAnsible } from '../src/generate/ansible/steps-to-ansible.js';
import { stepsToBash } from '../src/generate/bash/steps-to-bash.js';
import type { CommandAction, StepGraph } from '../src/ir/types.js';
import { parseGuide } from '../src/index.js';
import { conditionOf, hostScopeRoleOf, roleOf } from '../src/nlp/japanese.js';
import { FIXTURES_DIR } from './helpers/paths.js';

test('a scope naming what its hosts host is a role; a condition with a marker is none', async () => {
  assert.equal(await hostScopeRoleOf('API のインスタンスをホストする各システムで'), 'controller');
  assert.equal(await hostScopeRoleOf('仮想マシンインスタンスをホストする予定の全システムで'), 'compute');
  assert.equal(await hostScopeRoleOf('Linux Bridge を使用する場合'), null);
  assert.equal(await hostScopeRoleOf('上記コマンドで0を返した場合のみ'), null);
  // A scope whose hosted thing names no role stays a condition.
  assert.equal(await hostScopeRoleOf('監視エージェントをホストする各システムで'), null);
  assert.equal(await roleOf('計算ノードで実行します。'), 'compute');
  assert.equal(await conditionOf('計算ノードで実行します。'), null);
});

test('the steps under "…をホストする各システムで…を起動します" take its role and no condition', async () => {
  const guide = [
    '# 起動',
    '',
    '1. API サービスの起動',
    '',
    '   API のインスタンスをホストする各システムで API サービスを起動します。',
    '',
    '   1. service コマンドで openstack-nova-api サービスを起動します。',
    '',
    '      ```',
    '      # service openstack-nova-api start',
    '      ```',
    '',
    '2. Compute Service の起動',
    '',
    '   仮想マシンインスタンスをホストする予定の全システムで Compute Service を起動します。',
    '',
    '   1. service コマンドで openstack-nova-compute サービスを起動します。',
    '',
    '      ```',
    '      # service openstack-nova-compute start',
    '      ```',
    '',
  ].join('\n');
  const graph = await parseGuide('guide.md', { bytes: Buffer.from(guide, 'utf8') });
  const steps = graph.procedures.flatMap((p) => p.steps).filter((s) => s.actions.some((a) => a.kind === 'command'));
  assert.deepEqual(steps.map((s) => [s.role, s.when, s.actions[0]!.when ?? null]), [
    ['controller', null, null],
    ['compute', null, null],
  ]);
});

/** The graph of the fixture with a check, its fallback, and a retry. */
async function fallbackGraph(): Promise<StepGraph> {
  const path = join(FIXTURES_DIR, 'markdown-quoted-instruction', 'input.md');
  return parseGuide(path, { bytes: readFileSync(path) });
}

test('checks whose results later conditions read are branches; other checks are not', async () => {
  const checks = (await fallbackGraph()).procedures.flatMap((p) => p.steps.flatMap((s) => s.actions)).filter((a): a is CommandAction => a.kind === 'command' && a.verify);
  assert.deepEqual(checks.map((a) => [a.source.line, a.branches ?? false]), [[9, true], [17, true]]);
  const plain = await parseGuide('g.md', { bytes: Buffer.from('# 確認\n\n- 確認します\n\n```\n# <1以上の数を返すこと>\n# egrep -c vmx /proc/cpuinfo\n```\n', 'utf8') });
  const only = plain.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions)).filter((a): a is CommandAction => a.kind === 'command');
  assert.deepEqual(only.map((a) => [a.verify, a.branches ?? false]), [[true, false]]);
});

/** `!unsafe` read back as a plain string. */
const UNSAFE: Tags = [{ tag: '!unsafe', identify: () => false, resolve: (value: string) => value } as unknown as Tags[number]];

/** Every task (an object with a `name`) under `v`. */
function tasksIn(v: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(v)) return v.flatMap(tasksIn);
  if (!v || typeof v !== 'object') return [];
  const o = v as Record<string, unknown>;
  return [...('name' in o && !('hosts' in o) ? [o] : []), ...Object.values(o).flatMap(tasksIn)];
}

test('the playbook never fails on a branch check: no assert, failed_when false', async () => {
  const graph = await fallbackGraph();
  const yamls = stepsToAnsible(graph, { vars: {}, allowUnbound: true }).files.filter((f) => /\.ya?ml$/.test(f.path));
  const tasks = yamls.flatMap((f) => tasksIn(parse(f.content, { customTags: UNSAFE })));
  const checks = tasks.filter((t) => JSON.stringify(t).includes('egrep -c'));
  assert.ok(checks.length >= 2);
  for (const t of checks) assert.equal(t['failed_when'], false);
  assert.equal(tasks.filter((t) => 'ansible.builtin.assert' in t && JSON.stringify(t).includes('以上')).length, 0);
});

test('the bash runbook goes on after a failing branch check, even with --strict', async () => {
  const graph = await fallbackGraph();
  const action = graph.procedures[0]!.steps[0]!.actions[0] as CommandAction;
  const check: StepGraph = { ...graph, procedures: [{ ...graph.procedures[0]!, steps: [{ ...graph.procedures[0]!.steps[0]!, actions: [{ ...action, run: 'echo 0' }] }] }] };
  const dir = mkdtempSync(join(tmpdir(), 'tejun-branch-'));
  try {
    const script = join(dir, 'runbook.sh');
    const text = stepsToBash(check, { vars: {}, allowUnbound: true }).files[0]!.content;
    assert.match(text, /^\s*tejun_check .* branch a-[0-9a-f]+$/m);
    writeFileSync(script, text);
    const r = spawnSync('bash', [script, '--yes', '--strict'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir, TEJUN_ROOT: join(dir, 'root') } });
    assert.equal(r.status, 0, r.stderr);
    const failing: StepGraph = { ...check, procedures: [{ ...check.procedures[0]!, steps: [{ ...check.procedures[0]!.steps[0]!, actions: [{ ...action, run: 'echo 0', branches: false }] }] }] };
    writeFileSync(script, stepsToBash(failing, { vars: {}, allowUnbound: true }).files[0]!.content);
    // (a fresh root: the runbook records completed steps under its root and would skip this one)
    const strict = spawnSync('bash', [script, '--yes', '--strict'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir, TEJUN_ROOT: join(dir, 'root2') } });
    assert.notEqual(strict.status, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
