/**
 * Tests of the Mermaid picture: every guide's picture and random hostile graphs are read back
 * with mermaid's own flowchart parser (under jsdom), and the nodes, lanes, procedure boxes,
 * edges, shapes and classes it finds are checked against the step graph.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import fc from 'fast-check';
import type { StepGraph } from '../../src/ir/types.js';
import { stepsToMermaid } from '../../src/generate/steps-to-mermaid.js';
import { cleanLabel, laneTitle, stepLanes, stepNodeIds } from '../../src/generate/step-lanes.js';
import { listGuides } from '../helpers/paths.js';
import { loadTejun } from '../helpers/tejun.js';
import { parseFlowchart, type ParsedFlowchart } from '../helpers/mermaid.js';
import { tejun as runCli } from '../helpers/cli.js';
import { expectedStepLines, hostileGraph } from '../helpers/picture-graphs.js';

/** Mermaid's default limits (maxTextSize, maxEdges): a bigger picture is refused, not drawn. */
const MAX_TEXT = 50_000;
const MAX_EDGES = 500;

/** Checks the parsed picture against the graph it was drawn from. */
function checkPicture(graph: StepGraph, parsed: ParsedFlowchart): void {
  const { lanes, steps } = stepLanes(graph);
  const ids = stepNodeIds(steps);
  const byId = new Map(parsed.subgraphs.map((s) => [s.id, s]));
  // one vertex per step with the text the reader should see, shaped and classed by its marks
  steps.forEach((s, i) => {
    const v = parsed.vertices.get(ids[i]!);
    assert.ok(v, `vertex for step ${s.step.id}`);
    assert.equal(v.text, expectedStepLines(s.step.text, s.when).join('<br>'), `label of ${s.step.id}`);
    assert.equal(v.type, s.when ? 'hexagon' : s.manual ? 'trapezoid' : 'square', `shape of ${s.step.id}`);
    assert.equal(v.classes.includes('manual'), s.manual);
    assert.equal(v.classes.includes('conditional'), s.when !== null);
    assert.equal(v.classes.includes('optional'), s.optional);
    assert.equal(v.classes.includes('forbidden'), s.forbidden);
  });
  assert.equal(parsed.vertices.size, steps.length + 5, 'steps and the five legend entries');
  // steps linked in guide order
  assert.deepEqual(
    parsed.edges.map((e) => [e.start, e.end]),
    ids.slice(1).map((id, i) => [ids[i]!, id]),
  );
  // lanes hold procedure boxes, boxes hold their steps
  lanes.forEach((lane, l) => {
    const sub = byId.get(`lane_${l + 1}`);
    assert.ok(sub, `lane ${l + 1}`);
    assert.equal(sub.title, cleanLabel(laneTitle(lane.role)));
    for (const part of lane.parts) {
      const boxId = `p_${part.procedureIndex + 1}_${l + 1}`;
      assert.ok(sub.nodes.includes(boxId), `${boxId} in lane ${l + 1}`);
      const box: ParsedFlowchart["subgraphs"][number] = byId.get(boxId)!;
      assert.equal(box.title, cleanLabel(part.procedure.title));
      assert.deepEqual(
        [...box.nodes].sort(),
        part.steps.map((s) => ids[s.order]!).sort(),
      );
    }
  });
  assert.ok(byId.has('legend'));
}

test('every guide: the picture parses, within mermaid default limits, lanes and steps as in the graph', async () => {
  const tejun = await loadTejun();
  for (const guide of listGuides()) {
    const graph = await tejun.parseGuide(guide);
    const source = stepsToMermaid(graph);
    assert.ok(source.length < MAX_TEXT, `${basename(guide)}: ${source.length} characters`);
    const parsed = await parseFlowchart(source);
    assert.ok(parsed.edges.length < MAX_EDGES, `${basename(guide)}: ${parsed.edges.length} edges`);
    checkPicture(graph, parsed);
    assert.equal(stepsToMermaid(graph), source, 'deterministic');
  }
});

test('guide 000: db, controller and compute lanes; the conditional and manual steps are marked', async () => {
  const tejun = await loadTejun();
  const graph = await tejun.parseGuide(listGuides().find((g) => basename(g).startsWith('000_'))!);
  const parsed = await parseFlowchart(stepsToMermaid(graph));
  const lanes = parsed.subgraphs.filter((s) => s.id.startsWith('lane_')).map((s) => s.title);
  assert.deepEqual(lanes, ['db', 'controller', 'compute']);
  const all = [...parsed.vertices.values()];
  assert.ok(all.some((v) => v.type === 'hexagon' && v.text.includes('条件: ')), 'a conditional step');
  assert.ok(all.some((v) => v.type === 'trapezoid' && v.text.includes('root でログインします')), 'a manual step');
  assert.ok(all.some((v) => v.classes.includes('forbidden')), 'the forbidden step');
});

test('hostile titles, roles, step texts and conditions never break the syntax (property)', async () => {
  await fc.assert(
    fc.asyncProperty(hostileGraph, async (graph) => {
      checkPicture(graph, await parseFlowchart(stepsToMermaid(graph)));
    }),
    { numRuns: 150 },
  );
});

// Moved from test/graph-cli.test.ts: the command line's picture, read back by mermaid.
test('graph GUIDE prints a Mermaid flowchart (the default format) that mermaid parses', async () => {
  const r = await runCli('graph', listGuides().find((g) => basename(g).startsWith('004_'))!);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^flowchart TB\n/);
  const parsed = await parseFlowchart(r.stdout);
  assert.ok(parsed.subgraphs.some((s) => s.id === 'lane_1' && s.title === 'controller'));
});
