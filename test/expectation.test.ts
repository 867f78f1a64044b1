/**
 * Testable expectations (src/generate/expectation.ts, grammars/expectations.yaml): the guide's
 * words for a check's result read as a comparison of the number it prints or as a search that
 * must find nothing, and the bash runbook judging such a search by its exit status when run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { EXPECTATIONS_SCHEMA_PATH, lastProgram, loadExpectationsFile, readExpectation } from '../src/generate/expectation.js';
import { stepsToBash } from '../src/generate/bash/steps-to-bash.js';
import type { StepGraph } from '../src/ir/types.js';

test('grammars/expectations.yaml: valid against its schema; every pattern compiles and matches its example', () => {
  const file = loadExpectationsFile();
  const schema = JSON.parse(readFileSync(EXPECTATIONS_SCHEMA_PATH, 'utf8')) as object;
  assert.ok(new Ajv({ strict: true }).validate(schema, file));
  for (const list of [file.atLeast, file.atMost, file.exactly, file.nothing]) {
    for (const p of list) assert.match(p.example.normalize('NFKC'), new RegExp(p.pattern, 'u'), p.pattern);
  }
});

test('readExpectation: numbers the check prints, compared as the guide says', () => {
  const run = "egrep -c '(vmx|svm)' /proc/cpuinfo";
  assert.deepEqual(readExpectation(run, '1以上の数を返すこと'), { kind: 'count', op: '>=', value: 1 });
  assert.deepEqual(readExpectation(run, '1 以上の値を返す場合、追加の設定は必要ありません'), { kind: 'count', op: '>=', value: 1 });
  assert.deepEqual(readExpectation(run, '０ を返す'), { kind: 'count', op: '==', value: 0 });
  assert.deepEqual(readExpectation(run, '２以下であること'), { kind: 'count', op: '<=', value: 2 });
  assert.deepEqual(readExpectation(run, '3'), { kind: 'count', op: '==', value: 3 });
  assert.equal(readExpectation('glance image-list', '使用可能なイメージが一覧表示されること (例: Cirros 0.3.2, Status ACTIVE)'), null);
  assert.equal(readExpectation(run, null), null);
  assert.equal(readExpectation(run, ''), null);
});

test('readExpectation: "no error" is a test only of a search, whose last command is grep', () => {
  const none = { kind: 'nothing' };
  assert.deepEqual(readExpectation('grep "ERROR\\|WARNING" /var/log/nova/*', '各ノードの関連サービスでエラーが出ていないことを確認'), none);
  assert.deepEqual(readExpectation('sudo systemctl -f -u devstack@c-* | grep error', 'ドライバに何らかの定期的なエラーがないこと'), none);
  assert.deepEqual(readExpectation('journalctl -u x | /usr/bin/egrep -i "error|fail"', 'no errors are logged'), none);
  // The same words over a command that is no search say nothing about its exit status.
  assert.equal(readExpectation('tailf /var/log/rabbitmq/rabbit.log', '新たなエラーが表示されないこと'), null);
  assert.equal(readExpectation('grep -c ERROR /var/log/x.log | wc -l', 'エラーがないこと'), null);
  // A count wins: `grep -c` printing 0.
  assert.deepEqual(readExpectation('grep -c ERROR /var/log/x.log', '0 を返すこと（エラーがないこと）'), { kind: 'count', op: '==', value: 0 });
});

test('lastProgram: the program of the last command of a line', () => {
  assert.equal(lastProgram('grep x file'), 'grep');
  assert.equal(lastProgram('sudo systemctl status x | grep -i error'), 'grep');
  assert.equal(lastProgram('cat a | grep b && LANG=C /usr/bin/fgrep c d'), 'fgrep');
  assert.equal(lastProgram('grep b file | wc -l'), 'wc');
  assert.equal(lastProgram('echo "a | grep b"'), 'echo');
  assert.equal(lastProgram(''), '');
});

/** A one-step graph: check `run` with expectation `expect`. */
function checkGraph(run: string, expect: string): StepGraph {
  return {
    schemaVersion: 1,
    source: { path: 'guides/check.md', format: 'markdown', dialect: 'generic', sha256: '33'.repeat(32) },
    title: 'Check', roles: [],
    procedures: [{ id: 'p1', title: 'Logs', role: null, source: { line: 1 }, steps: [
      { id: 's1', text: 'ログを確認します。', role: null, when: null, source: { line: 2 }, actions: [
        { id: 'a1', kind: 'command', run, user: 'root', verify: true, expect, source: { line: 3 } },
      ] },
    ] }],
    placeholders: [], literals: [], missing: [], messages: [],
  };
}

/** Runs the runbook of `graph` with `--yes --strict` in a scratch folder holding `log`; returns its status and stderr. */
function runCheck(graph: StepGraph, log: string | null): { status: number | null; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-expect-'));
  const { files } = stepsToBash(graph, { vars: {} });
  const script = join(dir, 'check.sh');
  writeFileSync(script, files[0]!.content);
  chmodSync(script, 0o700);
  mkdirSync(join(dir, 'logs'));
  if (log !== null) writeFileSync(join(dir, 'logs', 'daemon.log'), log);
  const r = spawnSync(script, ['--yes', '--strict'], {
    cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env['PATH'], HOME: dir, TEJUN_STATE_DIR: join(dir, 'state'), TEJUN_ROOT: join(dir, 'root') },
  });
  return { status: r.status, stderr: r.stderr };
}

test('bash runbook: a search that must find nothing passes on no line, fails on lines found and on a missing log', () => {
  const graph = checkGraph('grep "ERROR\\|WARNING" logs/daemon.log', 'エラーが出ていないことを確認');
  const clean = runCheck(graph, 'INFO started\n');
  assert.equal(clean.status, 0, clean.stderr);
  assert.match(clean.stderr, /ok \(check\.md:3\): エラーが出ていないことを確認/);
  const found = runCheck(graph, 'INFO started\nERROR lost the database\n');
  assert.notEqual(found.status, 0);
  assert.match(found.stderr, /\| ERROR lost the database/);
  assert.match(found.stderr, /check failed .*exit status 0: found the lines above/);
  const missing = runCheck(graph, null);
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, /exit status 2: could not search/);
});
