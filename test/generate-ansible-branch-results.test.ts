/**
 * Fallback steps after a branching check read the check's registered result
 * (src/generate/ansible/branch-results.ts); the fixture markdown-check-branch-fallback shows it in
 * a whole playbook.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CommandAction, StepGraph } from '../src/ir/types.js';
import { branchReaders, branchRegister, branchWhen } from '../src/generate/ansible/branch-results.js';

const check = (id: string, expect: string | null, branches = true): CommandAction => ({ id, kind: 'command', run: 'egrep -c vmx /proc/cpuinfo', user: 'root', verify: true, expect, branches, source: { line: 1 } });

test('branchWhen: the failing result of the expectation, else a non-zero exit; the condition variable where the check did not run', () => {
  assert.equal(branchRegister(check('a-1F2e', null)), 'tejun_result_a_1f2e');
  const r = 'tejun_result_a_1';
  assert.equal(branchWhen(check('a-1', '1以上の数を返すこと'), 'when_x | bool'), `((${r} is not skipped and not ((${r}.stdout | trim | int) >= 1)) if ${r} is defined else (when_x | bool))`);
  assert.equal(branchWhen(check('a-1', null), 'when_x | bool'), `((${r} is not skipped and ${r}.rc != 0) if ${r} is defined else (when_x | bool))`);
});

test('branchReaders: the procedure, step and action conditions that read the nearest branching check before them', () => {
  const first = check('a-1', '1以上');
  const retry = check('a-2', '1以上');
  const plain = check('a-3', null, false);
  const step = (id: string, when: string | null, actions: CommandAction[] = []) => ({ id, text: id, role: null, when, source: { line: 1 }, actions });
  const graph = {
    procedures: [
      { id: 'p1', title: 'check', role: null, source: { line: 1 }, steps: [step('s1', null, [first])] },
      { id: 'p2', title: 'fallback', role: null, when: '上記コマンドで0を返した場合のみ', source: { line: 2 }, steps: [step('s2', '上記コマンドで0を返した場合のみ', [retry]), step('s3', 'それでも0だった場合')] },
      { id: 'p3', title: 'other', role: null, source: { line: 3 }, steps: [step('s4', null, [plain]), step('s5', '上記コマンドで0を返した場合のみ'), step('s6', 'Linux Bridge を使用する場合')] },
    ],
  } as unknown as StepGraph;
  const readers = branchReaders(graph);
  assert.deepEqual(
    [...readers].map(([id, c]) => [id, c.id]),
    [
      ['p2', 'a-1'],
      ['s2', 'a-1'],
      ['s3', 'a-2'],
    ],
    'a condition after a check that picks no branch, or one that reads no check, stays the operator’s',
  );
});
