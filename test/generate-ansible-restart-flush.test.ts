/**
 * Where the handlers of a guide's restart run (src/generate/ansible/handlers/restart.ts): right
 * where the guide restarts, so that a check or a setting the same step gives after the restart
 * finds the service restarted; not at the end of the step.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { stepsToAnsible } from '../src/generate/ansible/steps-to-ansible.js';
import type { Action, StepGraph } from '../src/ir/types.js';
import { inlineFiles } from './helpers/ansible-layout.js';

/** One step of the actions given (ids `a-1`…), on the controller. */
function graphOf(actions: Array<Record<string, unknown>>): StepGraph {
  return {
    schemaVersion: 1,
    source: { path: 'guides/903_restart.md', format: 'markdown', dialect: 'generic', sha256: '44'.repeat(32) },
    title: '再起動', roles: ['controller'],
    procedures: [{ id: 'p-1', title: '設定', role: 'controller', source: { line: 1 },
      steps: [{ id: 's-1', text: '設定を反映する', role: 'controller', when: null, source: { line: 2 },
        actions: actions.map((a, i) => ({ ...a, id: `a-${i + 1}`, source: { line: 3 + i } }) as Action) }] }],
    placeholders: [], literals: [], missing: [], messages: [],
  } as unknown as StepGraph;
}

test('a check after a restart in the same step runs after the restart handler, not before it', () => {
  const graph = graphOf([
    { kind: 'ini', file: '/etc/svc/svc.conf', section: 'DEFAULT', key: 'debug', value: 'True', via: 'edit' },
    { kind: 'command', run: 'service svc restart', user: 'root', verify: false, expect: null },
    { kind: 'command', run: 'chkconfig --list | grep -i svc', user: 'root', verify: true, expect: null },
    { kind: 'command', run: 'chkconfig svc on', user: 'root', verify: false, expect: null },
  ]);
  const plays = inlineFiles(stepsToAnsible(graph, { vars: {} }).files, (text) => parse(text, { customTags: [{ tag: '!unsafe', resolve: (s: string) => s }] }));
  const kinds = plays.flatMap((p) => p.tasks).map((t) => Object.keys(t).find((k) => k.includes('.'))!).filter((k) => !/assert|find|set_fact|ansible\.builtin\.file$/.test(k));
  assert.deepEqual(kinds, ['community.general.ini_file', 'ansible.builtin.meta', 'ansible.builtin.shell', 'ansible.builtin.service']);
});
