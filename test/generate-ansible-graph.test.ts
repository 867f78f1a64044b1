/**
 * The hand-made Ansible/checklist sample graph (test/helpers/ansible-sample-graph.ts) is sound:
 * unique action ids, every SQL session names an interactive command, and its hostile variant
 * differs only in prose.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allActions, sampleGraph } from './helpers/ansible-sample-graph.js';

test('sample graph: action ids are unique and every sql session names an interactive command', () => {
  const actions = allActions(sampleGraph());
  const ids = actions.map((a) => a.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const a of actions) {
    if (a.kind !== 'sql') continue;
    const session = actions.find((b) => b.id === a.session);
    assert.ok(session && session.kind === 'command' && session.interactive, `session of ${a.id}`);
  }
});

test('sample graph: hostile variant differs only in prose, not in actions', () => {
  const plain = sampleGraph();
  const hostile = sampleGraph(true);
  assert.deepEqual(allActions(plain), allActions(hostile));
  assert.notEqual(plain.title, hostile.title);
});
