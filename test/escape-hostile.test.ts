/**
 * Site values never execute, end to end through the bash generator (issue 14): 2,000 generated
 * hostile values through the bash runbook of the small fixture guide
 * test/fixtures/hostile-openrc (its openrc.sh written, sourced, its command run, its INI URL), the
 * fixture's steps repeated with one placeholder per value so that one run of the runbook carries
 * them all: each value arrives exactly, the canary never appears. Bash only. The hostile guide
 * whose playbook PyYAML loads is in test/tools/escape-hostile.test.ts (`npm run test:tools`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseGuide } from '../src/index.js';
import { stepsToBash } from '../src/generate/bash/steps-to-bash.js';
import { urlUserinfo } from '../src/generate/escape/url.js';
import type { Action, Placeholder, StepGraph } from '../src/ir/types.js';
import { ROOT } from './helpers/paths.js';
import { sampleHostile } from './helpers/hostile-values.js';

/** Runs a runbook with bash; exported shell functions stand for the guide's programs (no process per call). */
function runRunbook(script: string, cwd: string, root: string, functions: Record<string, string>, env: Record<string, string> = {}) {
  const path = join(cwd, '..', 'runbook.sh');
  writeFileSync(path, script);
  const fns = Object.fromEntries(Object.entries(functions).map(([name, body]) => [`BASH_FUNC_${name}%%`, `() { ${body}; }`]));
  return spawnSync('bash', [path, '--yes'], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { PATH: process.env.PATH, HOME: cwd, LANG: 'C.UTF-8', TEJUN_ROOT: root, ...fns, ...env } });
}

/** The fixture guide's graph with its steps repeated for `n` values each of ADMIN_PASS and DEMO_DBPASS. */
function scaled(graph: StepGraph, n: number): StepGraph {
  const actions = graph.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions));
  const file = actions.find((a) => a.kind === 'file')!;
  const source = actions.find((a) => a.kind === 'command' && a.run.startsWith('source'))!;
  const manage = actions.find((a) => a.kind === 'command' && a.run.startsWith('demo-manage'))!;
  const inis = actions.filter((a) => a.kind === 'ini');
  assert.ok(file.kind === 'file' && manage.kind === 'command' && inis.length === 2, 'the fixture has its openrc file, source, INI and command');
  const exportLine = file.content.split('\n').find((l) => l.includes('ADMIN_PASS'))!;
  const k = (i: number, text: string) => text.replace(/ADMIN_PASS/g, `ADMIN_PASS_${i}`).replace(/DEMO_DBPASS/g, `DEMO_DBPASS_${i}`).replace(/OS_PASSWORD/g, `OS_PASSWORD_${i}`);
  const ids = Array.from({ length: n }, (_, i) => i + 1);
  const step = (id: string, line: number, acts: Action[]) => ({ id, text: `step ${id}`, role: null, when: null, source: { line }, actions: acts });
  const placeholder = (name: string): Placeholder => ({ name, variable: name, description: null, secret: true, source: { line: 1 }, scope: null });
  return {
    ...graph,
    procedures: [{
      ...graph.procedures[0]!,
      steps: [
        step('s1', 1, [{ ...file, content: [file.content, ...ids.map((i) => k(i, exportLine))].join('\n') }]),
        step('s2', 2, [source]),
        step('s3', 3, [{ ...manage, id: 'dump', run: 'demo-dump' }]),
        step('s4', 4, ids.map((i) => ({ ...manage, id: `m${i}`, run: k(i, manage.run) }))),
        step('s5', 5, inis.map((a) => (a.kind === 'ini' ? { ...a, value: k(1, a.value) } : a))),
      ],
    }],
    placeholders: [...graph.placeholders, ...ids.flatMap((i) => [placeholder(`ADMIN_PASS_${i}`), placeholder(`DEMO_DBPASS_${i}`)])],
  };
}

test('2,000 hostile values through the bash runbook of the fixture guide (openrc written and sourced, command, INI URL): exact, and the canary never appears', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-escape-2000-'));
  try {
    const work = join(dir, 'root');
    mkdirSync(work);
    const canary = join(dir, 'CANARY');
    const n = 1000;
    const admin = sampleHostile(canary, n);
    // INI values are one line (a line break there is refused at binding); the command takes any.
    const demo = sampleHostile(`${canary}2`, n + 1, true).slice(1);
    const graph = scaled(await parseGuide(join(ROOT, 'test/fixtures/hostile-openrc/input.md')), n);
    const vars: Record<string, string> = { ADMIN_PASS: 'admin', DEMO_DBPASS: 'demo' };
    admin.forEach((v, i) => (vars[`ADMIN_PASS_${i + 1}`] = v));
    demo.forEach((v, i) => (vars[`DEMO_DBPASS_${i + 1}`] = v));
    assert.equal(Object.keys(vars).length - 2, 2000);
    const t0 = Date.now();
    const result = stepsToBash(graph, { vars });
    assert.deepEqual(result.messages.filter((m) => m.severity === 'error'), []);
    const started = Date.now();
    assert.ok(started - t0 < 30_000, 'generation stays linear in the number of placeholders');
    const r = runRunbook(result.files[0]!.content, work, work, {
      'demo-manage': `printf '%s\\0' "$3" >> "$TEJUN_REC/argv"`,
      'demo-dump': `local i v; for ((i = 1; i <= ${n}; i++)); do v=OS_PASSWORD_$i; printf '%s\\0' "\${!v}"; done >> "$TEJUN_REC/env"`,
    }, { TEJUN_REC: dir });
    assert.equal(r.status, 0, r.stderr.slice(-2000));
    assert.ok(Date.now() - started < 60_000);
    assert.equal(existsSync(canary) || existsSync(`${canary}2`), false, 'a hostile value ran');
    assert.deepEqual(readFileSync(join(dir, 'env'), 'utf8').split('\0').slice(0, -1), admin, 'the sourced openrc.sh gives each value back');
    assert.deepEqual(readFileSync(join(dir, 'argv'), 'utf8').split('\0').slice(0, -1), demo.map((v) => `--pass=${v}`), 'each command got its value as one argument');
    const ini = readFileSync(join(work, 'etc/demo/demo.conf'), 'utf8');
    assert.equal(ini, `[database]\nconnection = mysql://demo:${urlUserinfo(demo[0]!)}@controller/demo\npassword = ${demo[0]}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
