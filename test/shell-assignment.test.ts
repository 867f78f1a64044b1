/**
 * A lone shell variable assignment (`BAK=/root/MAINTENANCE/`date "+%Y%m%d"`/bak`) is the
 * environment of the commands after it (src/generate/shell/assignment.ts): the playbook prefixes
 * it to later shell tasks of the play (`BAK=… && cp -p /etc/my.cnf $BAK`) instead of a task of
 * its own whose variable dies with it, and the bash runbook replays it for a skipped step.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, type Tags } from 'yaml';
import type { Action, StepGraph } from '../src/ir/types.js';
import { isAssignment } from '../src/generate/shell/assignment.js';
import { classifyCommand } from '../src/generate/ansible/modules.js';
import { setsEnvironment } from '../src/generate/shell/environment.js';
import { stepsToAnsible } from '../src/generate/ansible/steps-to-ansible.js';
import { inlineFiles } from './helpers/ansible-layout.js';

const UNSAFE: Tags = [{ tag: '!unsafe', identify: () => false, resolve: (value: string) => value } as unknown as Tags[number]];

test('isAssignment: one NAME=VALUE word, quotes, backquotes and $(…) included; no command, list or pipe', () => {
  for (const yes of ['BAK=/root/MAINTENANCE/`date "+%Y%m%d"`/bak', 'A=b', 'A=', "A='x y'", 'A="$(date +%F) x"', 'A=$(hostname -s)', 'A=a\\ b']) {
    assert.equal(isAssignment(yes), true, yes);
  }
  for (const no of ['A=b cmd', 'export A=b', 'a b=c', '1A=b', 'A=b; rm x', 'A=b && x', 'A=b | x', 'A="unclosed', 'A=$(open', 'A=b >f', '=b', 'A==b c']) {
    assert.equal(isAssignment(no), false, no);
  }
});

test('an assignment is an environment command for both generators', () => {
  const run = 'BAK=/root/MAINTENANCE/`date "+%Y%m%d"`/bak';
  assert.deepEqual(classifyCommand(run), { module: 'environment', cmd: run });
  assert.equal(setsEnvironment(run), true);
  assert.equal(setsEnvironment('cp -p /etc/my.cnf $BAK'), false);
});

test('the playbook runs no task for the assignment and prefixes it to the later shell task that reads it', () => {
  const cmd = (id: string, run: string, line: number): Action => ({ id, kind: 'command', run, user: 'root', verify: false, expect: null, source: { line } });
  const graph = {
    schemaVersion: 1,
    source: { path: 'guides/902_bak.md', format: 'markdown', dialect: 'generic', sha256: '12'.repeat(32) },
    title: 'backup',
    roles: ['controller'],
    procedures: [
      {
        id: 'p1',
        title: 'バックアップ',
        role: 'controller',
        source: { line: 1 },
        steps: [
          { id: 's1', text: 'バックアップディレクトリ作成', role: 'controller', when: null, source: { line: 3 }, actions: [cmd('a-bak', 'BAK=/root/MAINTENANCE/`date "+%Y%m%d"`/bak', 4)] },
          { id: 's2', text: '設定更新', role: 'controller', when: null, source: { line: 6 }, actions: [cmd('a-cp', 'cp -p /etc/my.cnf $BAK', 7)] },
        ],
      },
    ],
    placeholders: [],
    literals: [],
  } as unknown as StepGraph;
  const tasks = inlineFiles(stepsToAnsible(graph, { vars: {} }).files, (text) => parse(text, { customTags: UNSAFE })).flatMap((p) => p.tasks);
  assert.equal(tasks.filter((t) => String(t.name).endsWith('(a-bak)')).length, 0, 'no task of its own');
  const cp = tasks.find((t) => String(t.name).endsWith('(a-cp)'))!;
  assert.equal(cp['ansible.builtin.shell']?.cmd, 'BAK=/root/MAINTENANCE/`date "+%Y%m%d"`/bak && cp -p /etc/my.cnf $BAK');
});
