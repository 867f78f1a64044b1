/**
 * Tests of the DOT picture: every guide's picture and random hostile graphs are laid out by
 * Graphviz (`dot -Tsvg`, Debian's graphviz package, installed by .ci/run; the test fails when it is
 * missing), and the nodes, clusters, labels and edges in the SVG are checked against the graph.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { basename } from 'node:path';
import fc from 'fast-check';
import type { StepGraph } from '../../src/ir/types.js';
import { stepsToDot } from '../../src/generate/steps-to-dot.js';
import { cleanLabel, laneTitle, stepLanes, stepNodeIds } from '../../src/generate/step-lanes.js';
import { listGuides } from '../helpers/paths.js';
import { loadTejun } from '../helpers/tejun.js';
import { expectedStepLines, hostileGraph } from '../helpers/picture-graphs.js';

/** One `<g class="node|cluster|edge">` of Graphviz's SVG: its title and its text lines. */
interface SvgItem {
  kind: string;
  title: string;
  lines: string[];
}

/** Decodes the XML escapes Graphviz writes in SVG text. */
function xmlDecode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()]!;
  });
}

/** Runs `dot -Tsvg` on `source`; fails the test (never skips) when dot is missing or rejects it. */
function renderSvg(source: string): SvgItem[] {
  const result = spawnSync('dot', ['-Tsvg'], { input: source, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(result.error, undefined, `dot could not run (apt-get install graphviz): ${String(result.error)}`);
  assert.equal(result.status, 0, `dot rejected the source: ${result.stderr}`);
  assert.equal(result.stderr, '', 'dot printed no warning');
  const items: SvgItem[] = [];
  for (const m of result.stdout.matchAll(/<g id="[^"]*" class="(node|cluster|edge)">\s*<title>([^<]*)<\/title>([\s\S]*?)<\/g>/g)) {
    const lines = [...m[3]!.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => xmlDecode(t[1]!));
    items.push({ kind: m[1]!, title: xmlDecode(m[2]!), lines });
  }
  return items;
}

/** Checks the rendered picture against the graph it was drawn from. */
function checkPicture(graph: StepGraph, items: SvgItem[]): void {
  const { lanes, steps } = stepLanes(graph);
  const ids = stepNodeIds(steps);
  const nodes = new Map(items.filter((i) => i.kind === 'node').map((i) => [i.title, i]));
  const clusters = new Map(items.filter((i) => i.kind === 'cluster').map((i) => [i.title, i]));
  steps.forEach((s, i) => {
    const node = nodes.get(ids[i]!);
    assert.ok(node, `node for step ${s.step.id}`);
    // Graphviz writes no <text> for an empty line
    assert.deepEqual(node.lines, expectedStepLines(s.step.text, s.when).filter((l) => l !== ''), `label of ${s.step.id}`);
  });
  assert.equal(nodes.size, steps.length + 5, 'steps and the five legend entries');
  const edges = items.filter((i) => i.kind === 'edge').map((i) => i.title);
  assert.deepEqual(edges.sort(), ids.slice(1).map((id, i) => `${ids[i]}->${id}`).sort(), 'steps linked in guide order');
  lanes.forEach((lane, l) => {
    const want = cleanLabel(laneTitle(lane.role));
    assert.deepEqual(clusters.get(`cluster_lane_${l + 1}`)?.lines, want ? [want] : [], `lane ${l + 1}`);
    for (const part of lane.parts) {
      const title = cleanLabel(part.procedure.title);
      assert.deepEqual(clusters.get(`cluster_p_${part.procedureIndex + 1}_${l + 1}`)?.lines, title ? [title] : []);
    }
  });
  assert.ok(clusters.has('cluster_legend'));
}

test('every guide: dot lays the picture out without a warning; nodes, clusters and edges as in the graph', async () => {
  const tejun = await loadTejun();
  for (const guide of listGuides()) {
    const graph = await tejun.parseGuide(guide);
    const source = stepsToDot(graph);
    checkPicture(graph, renderSvg(source));
    assert.equal(stepsToDot(graph), source, `${basename(guide)}: deterministic`);
  }
});

test('hostile titles, roles, step texts and conditions never break the syntax (property)', () => {
  fc.assert(
    fc.property(hostileGraph, (graph) => {
      checkPicture(graph, renderSvg(stepsToDot(graph)));
    }),
    { numRuns: 60 },
  );
});
