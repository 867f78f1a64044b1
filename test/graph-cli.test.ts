/**
 * `tejun graph` through the CLI (`main(argv, io)` in-process): DOT to a file with -o (the Mermaid default is read back by mermaid in test/tools/graph-mermaid.test.ts),
 * usage errors (exit 2) and an unreadable guide (exit 1).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { stepsToDot } from '../src/generate/steps-to-dot.js';
import { listGuides } from './helpers/paths.js';
import { loadTejun } from './helpers/tejun.js';
import { tejun } from './helpers/cli.js';

const GUIDE_004 = listGuides().find((g) => basename(g).startsWith('004_'))!;

test('graph --format dot -o FILE writes the DOT picture and prints the path', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-graph-'));
  try {
    const out = join(dir, 'sub', '004.dot');
    const r = await tejun('graph', GUIDE_004, '--format', 'dot', '--max-label', '12', '-o', out);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${out}\n`);
    const graph = await (await loadTejun()).parseGuide(GUIDE_004);
    assert.equal(readFileSync(out, 'utf8'), stepsToDot(graph, { maxLabel: 12 }));
    assert.match(readFileSync(out, 'utf8'), /^digraph tejun \{/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('graph: unknown format or a bad --max-label is a usage error (2); an unreadable guide is 1', async () => {
  const svg = await tejun('graph', GUIDE_004, '--format', 'svg');
  assert.equal(svg.code, 2);
  assert.match(svg.stderr, /Allowed choices are mermaid, dot/);
  assert.equal((await tejun('graph', GUIDE_004, '--max-label', '0')).code, 2);
  assert.equal((await tejun('graph', GUIDE_004, '--max-label', 'x')).code, 2);
  const missing = await tejun('graph', join(tmpdir(), 'no-such-guide.txt'));
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no-such-guide\.txt:1:1 {2}error {2}.*read-guide/);
  assert.equal(missing.stdout, '');
});
