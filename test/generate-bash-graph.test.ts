/**
 * The hand-made bash sample graph (test/helpers/bash-sample-graph.ts) is sound: unique action ids,
 * every SQL session names a command.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allActions, bashSampleGraph } from './helpers/bash-sample-graph.js';

test('the bash sample graph has unique action ids and sessions that point at commands', () => {
  const actions = allActions(bashSampleGraph());
  const ids = actions.map((a) => a.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const a of actions) {
    if (a.kind === 'sql') assert.ok(actions.some((c) => c.id === a.session && c.kind === 'command'));
  }
});
