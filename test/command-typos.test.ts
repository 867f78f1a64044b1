/**
 * Misspelt command words (src/extract/command-typos.ts, src/extract/command-words.ts,
 * src/generate/corrected-commands.ts): which words are read as a slip of another, which are
 * not, and what the step graph and the runbooks carry for one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandWords } from '../src/extract/command-words.js';
import { findCommandTypos, slipDistance } from '../src/extract/command-typos.js';
import { withCorrectedCommands } from '../src/generate/corrected-commands.js';
import type { CommandAction, Procedure, StepGraph } from '../src/ir/types.js';

const KNOWN = new Set(['systemctl', 'grep', 'iptables', 'ip6tables', 'ip', 'id']);

/** One procedure of one step per command line, on lines 1, 2, … */
function procedures(...runs: string[]): Procedure[] {
  const actions: CommandAction[] = runs.map((run, i) => ({ id: `a-${i + 1}`, kind: 'command', run, user: 'root', verify: false, expect: null, source: { line: i + 1 } }));
  return [{ id: 'p-1', title: 't', role: null, source: { line: 1 }, steps: [{ id: 's-1', text: '', role: null, when: null, source: { line: 1 }, actions }] }];
}

test('commandWords: the program of each simple command, past sudo, env and assignments', () => {
  assert.deepEqual(commandWords('sudo systemctl status x | grep -i error'), ['systemctl', 'grep']);
  assert.deepEqual(commandWords('LANG=C env chkconfig --list && service x restart; /usr/sbin/ip a'), ['chkconfig', 'service', '/usr/sbin/ip']);
  assert.deepEqual(commandWords('cat x |'), ['cat', '']);
  assert.deepEqual(commandWords(''), []);
});

test('slipDistance: one slip per short word part, two in a long one, one part only', () => {
  assert.equal(slipDistance('chkconifig', 'chkconfig'), 1);
  assert.equal(slipDistance('chkonifig', 'chkconfig'), 2);
  assert.equal(slipDistance('nova-manag', 'nova-manage'), 1);
  assert.equal(slipDistance('pcp_attach_node', 'pcp_detach_node'), null, 'two edits in a six-letter part');
  assert.equal(slipDistance('nova-manage', 'nova_manage'), null, 'separators differ');
  assert.equal(slipDistance('novo-manage', 'nova-managa'), null, 'two parts differ');
  assert.equal(slipDistance('keystone', 'keystone-manage'), null, 'part counts differ');
});

test('findCommandTypos: a word run once, one slip from a word the guide runs elsewhere', () => {
  const found = findCommandTypos(procedures('chkconfig a on', 'chkconfig b on', 'chkconifig --list | grep -i b'), KNOWN);
  assert.deepEqual([...found], [['a-3', { written: 'chkconifig', meant: 'chkconfig', lines: [1, 2] }]]);
});

test('findCommandTypos: known commands, repeated words, short words, lone uses and ties are not slips', () => {
  assert.equal(findCommandTypos(procedures('iptables -L', 'iptables -S', 'ip6tables -L'), KNOWN).size, 0, 'a known command');
  assert.equal(findCommandTypos(procedures('chkconfig a on', 'chkconfig b on', 'chkconifig x', 'chkconifig y'), KNOWN).size, 0, 'the word occurs twice');
  assert.equal(findCommandTypos(procedures('chkconfig a on', 'chkconifig x'), KNOWN).size, 0, 'the meant word is run once');
  assert.equal(findCommandTypos(procedures('mkfs a', 'mkfs b', 'mkfz c'), KNOWN).size, 0, 'a word shorter than five letters');
  assert.equal(findCommandTypos(procedures('drbdctl a', 'drbdctl b', 'drbdatl c', 'drbdatl d', 'drbdbtl x'), KNOWN).size, 0, 'two words as close');
  assert.equal(findCommandTypos(procedures('chkconfig a on', 'chkconfig b on', 'echo chkconifig'), KNOWN).size, 0, 'not a command word');
});

test('withCorrectedCommands: the runbooks run the meant word; the step graph keeps the guide text', () => {
  const procs = procedures('chkconfig a on', 'chkconfig b on', 'sudo chkconifig --list | grep -i chkconifig-x');
  const [id, correction] = [...findCommandTypos(procs, KNOWN)][0]!;
  const action = procs[0]!.steps[0]!.actions.find((a) => a.id === id) as CommandAction;
  action.correction = correction;
  const graph = { procedures: procs } as unknown as StepGraph;
  const out = withCorrectedCommands(graph);
  assert.equal((out.procedures[0]!.steps[0]!.actions[2] as CommandAction).run, 'sudo chkconfig --list | grep -i chkconifig-x');
  assert.equal(action.run, 'sudo chkconifig --list | grep -i chkconifig-x');
});
