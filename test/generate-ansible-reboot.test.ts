/**
 * The playbook's reboot runs once per host (src/generate/ansible/handlers/reboot.ts): a stamp
 * named by the step's stable action id is recorded just before ansible.builtin.reboot, so a
 * later run goes on after the reboot instead of rebooting again; check mode never writes it.
 * ansible-playbook itself on these tasks: test/tools/ansible-reboot.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, type Tags } from 'yaml';
import { stepsToAnsible } from '../src/generate/ansible/steps-to-ansible.js';
import type { StepGraph } from '../src/ir/types.js';
import { inlineFiles } from './helpers/ansible-layout.js';
import { rebootGraph } from './helpers/reboot-graph.js';

/** `!unsafe` read back as a plain string. */
const UNSAFE: Tags = [{ tag: '!unsafe', identify: () => false, resolve: (value: string) => value } as unknown as Tags[number]];

type AnyTask = Record<string, any>;

/** The tasks of every play, in order. */
function tasksOf(graph: StepGraph): AnyTask[] {
  return inlineFiles(stepsToAnsible(graph, { vars: {} }).files, (text) => parse(text, { customTags: UNSAFE })).flatMap((p) => p.tasks);
}

const STAMP = '{{ tejun_root }}/var/lib/tejun/901_reboot/a-2e583a7a.done';
const NOT_DONE = "'a-2e583a7a.done' not in (tejun_done | default([]))";

for (const reboot of ['reboot', 'shutdown -r now', 'systemctl reboot']) {
  test(`\`${reboot}\`: the stamp named by the action id is written just before the reboot, not in check mode; both skipped once it exists`, () => {
    const tasks = tasksOf(rebootGraph(reboot));
    const at = tasks.findIndex((t) => 'ansible.builtin.reboot' in t);
    assert.ok(at > 0, 'a reboot task');
    assert.equal(tasks.filter((t) => 'ansible.builtin.reboot' in t).length, 1);
    const rebootTask = tasks[at]!;
    const stamp = tasks[at - 1]!;
    // The stamp, right before the reboot: a run cut short by the reboot has recorded it.
    assert.deepEqual(stamp['ansible.builtin.file'], { path: STAMP, state: 'touch', mode: '0600', modification_time: 'preserve', access_time: 'preserve' });
    assert.deepEqual(stamp.when, [NOT_DONE, 'not ansible_check_mode']);
    assert.deepEqual(stamp.tags, ['reboot'], '--skip-tags reboot skips the stamp with the reboot');
    assert.match(String(stamp.name), /^Stamp: .*\(a-2e583a7a\).*before rebooting/);
    // The reboot tests the stamps found when the run started: it still runs in the run that wrote it.
    assert.equal(rebootTask.when, NOT_DONE);
    assert.deepEqual(rebootTask.tags, ['reboot']);
    // The stamps play lists the stamp directory's *.done files into tejun_done before any of this.
    const find = tasks.findIndex((t) => 'ansible.builtin.find' in t);
    assert.ok(find >= 0 && find < at - 1, 'the stamps are found before the reboot');
    assert.equal(tasks[find]!['ansible.builtin.find'].paths, '{{ tejun_root }}/var/lib/tejun/901_reboot');
    // Nothing else writes this stamp: the tasks after the reboot are the guide's own.
    assert.equal(tasks.filter((t) => t['ansible.builtin.file']?.path === STAMP).length, 1);
  });
}

test('a conditional reboot keeps its condition on both the stamp and the reboot', () => {
  const tasks = tasksOf(rebootGraph('reboot', 'カーネルを更新した場合'));
  const at = tasks.findIndex((t) => 'ansible.builtin.reboot' in t);
  const when = [tasks[at - 1]!.when, tasks[at]!.when] as string[][];
  assert.equal(when[1]![0], NOT_DONE);
  const condition = when[1]!.slice(1);
  assert.equal(condition.length, 1, `one condition variable: ${JSON.stringify(when[1])}`);
  assert.match(condition[0]!, /^when_\w+ \| bool$/);
  assert.deepEqual(when[0], [NOT_DONE, ...condition, 'not ansible_check_mode']);
});

test('two reboots in one guide get two stamps', () => {
  const graph = rebootGraph();
  const steps = graph.procedures[0]!.steps;
  steps.push({ ...steps[1]!, id: 's-4', source: { line: 12 }, actions: [{ ...steps[1]!.actions[0]!, id: 'a-44444444', source: { line: 13 } }] });
  const stamps = tasksOf(graph)
    .filter((t) => /before rebooting/.test(String(t.name)))
    .map((t) => String(t['ansible.builtin.file'].path).split('/').pop());
  assert.deepEqual(stamps, ['a-2e583a7a.done', 'a-44444444.done']);
});
