/**
 * Unit tests of the DOT picture: shapes and edges in the source, string escaping. The pictures are
 * laid out by Graphviz in test/tools/graph-dot.test.ts (`npm run test:tools`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { dotString, stepsToDot } from '../src/generate/steps-to-dot.js';
import { listGuides } from './helpers/paths.js';
import { loadTejun } from './helpers/tejun.js';

test('guide 000: conditional steps are hexagons, manual steps trapeziums', async () => {
  const tejun = await loadTejun();
  const graph = await tejun.parseGuide(listGuides().find((g) => basename(g).startsWith('000_'))!);
  const source = stepsToDot(graph);
  assert.match(source, /shape=hexagon[^\n]*\n/);
  assert.match(source, /root でログインします。", shape=trapezium/);
  assert.match(source, /^ {2}s_\w+ -> s_\w+;$/m);
});

test('dotString: quotes, backslashes and & are escaped; lines are folded', () => {
  assert.equal(dotString('a "b" \\N\n&amp;'), '"a \\"b\\" \\\\N &amp;amp;"');
});
