/**
 * The resumable bash runbook (issue 16): each step records completion under TEJUN_STATE_DIR by
 * its stable id; a re-run skips recorded steps (their `source`/`export`/`cd` run again), `--redo`
 * and `--from` run them again, a reboot step records itself before rebooting, an unknown
 * `--role` is an error, and `--answers FILE` answers conditions, optional and manual steps
 * without a terminal. Each runbook runs for real in a scratch folder, stdin closed (no terminal).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stepsToBash } from '../src/generate/bash/steps-to-bash.js';
import type { Action, StepGraph } from '../src/ir/types.js';

/** A command action appending `word` to ./ran. */
function echo(id: string, word: string, line: number, extra: Partial<Action> = {}): Action {
  return { id, kind: 'command', run: `echo ${word} >> ran`, user: 'root', verify: false, expect: null, source: { line }, ...extra } as Action;
}

/** A graph of steps that log what ran: an export, a reboot, a condition, an optional and a manual step. */
function graph(): StepGraph {
  const step = (id: string, line: number, actions: Action[], extra: object = {}) => ({ id, text: `step ${id}`, role: null, when: null, source: { line }, actions, ...extra });
  const cmd = (id: string, run: string, line: number): Action => ({ id, kind: 'command', run, user: 'root', verify: false, expect: null, source: { line } });
  return {
    schemaVersion: 1,
    source: { path: 'guides/resume.md', format: 'markdown', dialect: 'md', sha256: '22'.repeat(32) },
    title: 'Resume', roles: ['controller', 'compute'],
    procedures: [
      { id: 'p1', title: 'Setup', role: 'controller', source: { line: 1 }, steps: [
        step('s-env', 2, [cmd('a-env', 'export GREETING=hello', 3)]),
        step('s-one', 4, [echo('a-one', 'one', 5)]),
        step('s-boot', 6, [cmd('a-boot', 'reboot', 7)]),
        step('s-two', 8, [cmd('a-two', 'echo "two $GREETING" >> ran', 9)]),
        step('s-when', 10, [echo('a-when', 'when', 11)], { when: 'Linux Bridge を使用する場合' }),
        step('s-opt', 12, [echo('a-opt', 'optional', 13)], { optional: true }),
        step('s-man', 14, [{ id: 'a-man', kind: 'manual', text: 'BIOS で VT-x を有効にします。', source: { line: 15 } }]),
      ] },
    ],
    placeholders: [], literals: [], missing: [], messages: [],
  };
}

/** A scratch folder with the runbook and a `reboot` that kills the runbook (its parent), logging each call. */
function setup(): { dir: string; script: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-resume-'));
  const { files } = stepsToBash(graph(), { vars: {} });
  const script = join(dir, 'resume.sh');
  writeFileSync(script, files[0]!.content, { mode: files[0]!.mode });
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'bin', 'reboot'), '#!/bin/sh\necho reboot >> reboots\nkill -9 "$PPID"\n');
  chmodSync(join(dir, 'bin', 'reboot'), 0o755);
  return { dir, script };
}

/** Runs the runbook in `dir` with no terminal; returns status, stderr and the lines of ./ran. */
function run(dir: string, script: string, args: string[]): { status: number | null; stderr: string; ran: string[] } {
  const r = spawnSync(script, args, {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: `${join(dir, 'bin')}:${process.env['PATH']}`, HOME: dir, TEJUN_STATE_DIR: join(dir, 'state'), TEJUN_ROOT: join(dir, 'root') },
  });
  const ran = existsSync(join(dir, 'ran')) ? readFileSync(join(dir, 'ran'), 'utf8').split('\n').filter(Boolean) : [];
  writeFileSync(join(dir, 'ran'), '');
  return { status: r.status, stderr: r.stderr, ran };
}

test('the runbook is executable as written (no `bash` in front)', () => {
  const { dir, script } = setup();
  assert.equal(run(dir, script, ['--list']).status, 0);
});

test('a run interrupted at its reboot step resumes after it; a third run runs nothing', () => {
  const { dir, script } = setup();
  const first = run(dir, script, ['--yes']);
  assert.notEqual(first.status, 0, 'the reboot killed the run');
  assert.deepEqual(first.ran, ['one']);
  assert.ok(existsSync(join(dir, 'state', 's-boot.done')), 'the reboot step recorded itself before rebooting');
  const second = run(dir, script, ['--yes']);
  assert.equal(second.status, 0, second.stderr);
  assert.deepEqual(second.ran, ['two hello'], 'continues after the reboot; the recorded export ran again for the steps after it');
  assert.equal(readFileSync(join(dir, 'reboots'), 'utf8'), 'reboot\n', 'no second reboot');
  const third = run(dir, script, ['--yes']);
  assert.equal(third.status, 0, third.stderr);
  assert.deepEqual(third.ran, []);
  assert.match(third.stderr, /steps done in an earlier run were skipped/);
});

test('--redo runs recorded steps again, --from starts at a step; unknown ids are errors', () => {
  const { dir, script } = setup();
  writeFileSync(join(dir, 'bin', 'reboot'), '#!/bin/sh\necho reboot >> reboots\n');
  assert.equal(run(dir, script, ['--yes']).status, 0);
  assert.deepEqual(run(dir, script, ['--yes', '--redo', 's-one']).ran, ['one']);
  assert.deepEqual(run(dir, script, ['--yes', '--redo=s-one,s-two']).ran, ['one', 'two hello']);
  assert.deepEqual(run(dir, script, ['--yes', '--from', 's-two']).ran, ['two hello'], 'steps before --from are skipped, their export runs again');
  assert.deepEqual(run(dir, script, ['--yes', '--redo', 'all']).ran, ['one', 'two hello']);
  for (const args of [['--from', 's-nope'], ['--redo', 's-one,s-nope']]) {
    const r = run(dir, script, ['--yes', ...args]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /unknown step id s-nope/);
  }
});

test('an unknown --role is an error naming the known roles (the lexicon\'s and the guide\'s)', () => {
  const { dir, script } = setup();
  const r = run(dir, script, ['--yes', '--role', 'controler']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /unknown role controler; known roles: all compute controller db network storage/);
  assert.deepEqual(r.ran, []);
  assert.notEqual(run(dir, script, ['--yes', '--role', 'controller,bogus']).status, 0);
});

test('--answers answers conditions, optional and manual steps without a terminal', () => {
  const { dir, script } = setup();
  writeFileSync(join(dir, 'bin', 'reboot'), '#!/bin/sh\n');
  const list = spawnSync(script, ['--list'], { encoding: 'utf8' }).stdout;
  const when = /^\s+(when_\S+)/m.exec(list)![1]!;
  const optional = /^\s+(optional_\S+)/m.exec(list)![1]!;
  assert.equal(when, 'when_linux_bridge');
  const answers = join(dir, 'answers');
  writeFileSync(answers, `# answers\n${when}=yes\n  ${optional} = no  # not this one\na-man=done\n`);
  const r = run(dir, script, ['--answers', answers]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.ran, ['one', 'two hello', 'when']);
  assert.ok(existsSync(join(dir, 'state', 'a-man.done')), 'the manual step answered done is recorded');
  assert.ok(!existsSync(join(dir, 'state', 's-opt.done')), 'the optional step answered no is not');

  // Without answers and without --yes: no terminal to ask is an error naming the key to answer.
  const fresh = setup();
  writeFileSync(join(fresh.dir, 'bin', 'reboot'), '#!/bin/sh\n');
  const asked = run(fresh.dir, fresh.script, []);
  assert.notEqual(asked.status, 0);
  assert.match(asked.stderr, /no terminal to ask.*when_linux_bridge=yes\|no/);

  for (const [content, message] of [
    ['when_nope=yes\n', /answers:1: unknown id when_nope/],
    [`${when}=done\n`, /answers:1: .* answer yes or no/],
    ['a-man=maybe\n', /answers:1: .* answer done or no/],
    ['this is not an answer\n', /answers:1: expected ID=yes/],
  ] as const) {
    writeFileSync(answers, content);
    const bad = run(dir, script, ['--answers', answers]);
    assert.notEqual(bad.status, 0, content);
    assert.match(bad.stderr, message);
  }
});

test('--yes leaves a manual step unconfirmed: later runs list it again until it is answered done', () => {
  const { dir, script } = setup();
  writeFileSync(join(dir, 'bin', 'reboot'), '#!/bin/sh\n');
  assert.equal(run(dir, script, ['--yes']).status, 0);
  assert.ok(!existsSync(join(dir, 'state', 'a-man.done')));
  const again = run(dir, script, ['--yes']);
  assert.deepEqual(again.ran, [], 'the recorded steps run no command');
  assert.match(again.stderr, /手作業 \(resume\.md:15\) a-man/);
  writeFileSync(join(dir, 'answers'), 'a-man=done\n');
  assert.match(run(dir, script, ['--yes', '--answers', join(dir, 'answers')]).stderr, /a-man[\s\S]*done \(--answers\)/);
  assert.doesNotMatch(run(dir, script, ['--yes']).stderr, /手作業/, 'confirmed once, not asked again');
});
