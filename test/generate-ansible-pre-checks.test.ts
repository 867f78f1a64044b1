/**
 * A check of the state before its step changes it (src/generate/ansible/pre-checks.ts): the guide
 * shows `ls -l LINK` failing, then `ln -s TARGET LINK`, then `ls -l LINK` again. The first check
 * reports without failing the play (on a fresh host LINK is not there, by the guide's own
 * account); the check after the change, and a check of a path no later task makes, still fail.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, type Tags } from 'yaml';
import type { Action, StepGraph } from '../src/ir/types.js';
import { stepsToAnsible } from '../src/generate/ansible/steps-to-ansible.js';
import { inlineFiles } from './helpers/ansible-layout.js';

const UNSAFE: Tags = [{ tag: '!unsafe', identify: () => false, resolve: (value: string) => value } as unknown as Tags[number]];

const cmd = (id: string, run: string, verify: boolean, line: number): Action => ({ id, kind: 'command', run, user: 'root', verify, expect: null, source: { line } });

function graph(): StepGraph {
  return {
    schemaVersion: 1,
    source: { path: 'guides/901_link.md', format: 'markdown', dialect: 'generic', sha256: 'ef'.repeat(32) },
    title: 'link',
    roles: ['controller'],
    procedures: [
      {
        id: 'p1',
        title: 'シンボリックリンク作成',
        role: 'controller',
        source: { line: 1 },
        steps: [
          {
            id: 's1',
            text: 'シンボリックリンクの作成',
            role: 'controller',
            when: null,
            source: { line: 3 },
            actions: [
              cmd('a-before', 'ls -l /etc/neutron/plugin.ini', true, 5),
              cmd('a-target', 'ls -l /etc/neutron/plugins/ml2/ml2_conf.ini', true, 8),
              cmd('a-link', 'ln -s /etc/neutron/plugins/ml2/ml2_conf.ini /etc/neutron/plugin.ini', false, 11),
              cmd('a-after', 'ls -l /etc/neutron/plugin.ini', true, 14),
            ],
          },
        ],
      },
    ],
    placeholders: [],
    literals: [],
  } as unknown as StepGraph;
}

test('a check of a path a later task of its step makes reports without failing; the others still fail', () => {
  const tasks = inlineFiles(stepsToAnsible(graph(), { vars: {} }).files, (text) => parse(text, { customTags: UNSAFE })).flatMap((p) => p.tasks);
  const byId = (id: string) => tasks.find((t) => String(t.name).endsWith(`(${id})`))!;
  // The link is a file task (so its path is what the check reads).
  assert.equal(byId('a-link')['ansible.builtin.file']?.state, 'link');
  // Under tejun_root the staged link points into the staged tree, where the run wrote its target.
  assert.equal(byId('a-link')['ansible.builtin.file']?.src, '{{ tejun_root }}/etc/neutron/plugins/ml2/ml2_conf.ini');
  assert.equal(byId('a-before').failed_when, false, 'the check before the link is made never fails');
  assert.equal(byId('a-before').changed_when, false);
  for (const id of ['a-target', 'a-after']) assert.equal(byId(id).failed_when, undefined, `${id} still fails the play on a missing path`);
});

test('the pre-check says why in the playbook', () => {
  const files = stepsToAnsible(graph(), { vars: {} }).files;
  const text = files.filter((f) => f.path.includes('/tasks/')).map((f) => f.content).join('\n');
  assert.match(text, /# a check of the state before this step makes \/etc\/neutron\/plugin\.ini/);
});
