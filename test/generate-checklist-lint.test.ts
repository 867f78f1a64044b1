/**
 * The checklist of every guide in guides/: it embeds the Mermaid picture of its step graph near
 * the top, and never shows a bound secret unless showSecrets. That it passes markdownlint-cli2 is
 * checked in test/tools/checklist-markdownlint.test.ts (`npm run test:tools`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Code, Root } from 'mdast';
import { MASK } from '../src/generate/steps-to-checklist.js';
import { stepsToMermaid } from '../src/generate/steps-to-mermaid.js';
import { corpusGuides } from './helpers/paths.js';
import { loadTejun } from './helpers/tejun.js';
import type { StepGraph } from '../src/ir/types.js';
import { withPromptedSecrets } from '../src/generate/shell/interactive-secrets.js';

/** Each guide's graph, parsed once and shared by the tests below (they only read it). */
const graphs = new Map<string, Promise<StepGraph>>();
function graphOf(guide: string): Promise<StepGraph> {
  if (!graphs.has(guide)) graphs.set(guide, loadTejun().then((tejun) => tejun.parseGuide(guide)));
  return graphs.get(guide)!;
}

test('every guide: the Mermaid picture of the step graph is the first code block, before the first procedure', async () => {
  const tejun = await loadTejun();
  for (const guide of corpusGuides()) {
    const graph = await graphOf(guide);
    const content = tejun.generate('checklist', graph, { vars: {}, allowUnbound: true }).files[0]!.content;
    const tree = unified().use(remarkParse).use(remarkGfm).parse(content) as Root;
    const first = tree.children.findIndex((n) => n.type === 'code');
    const code = tree.children[first] as Code;
    assert.equal(code.lang, 'mermaid', basename(guide));
    assert.equal(`${code.value}\n`, stepsToMermaid(graph));
    const procedure = tree.children.findIndex((n) => n.type === 'heading' && n.depth === 2 && n.position!.start.line > code.position!.end.line);
    assert.ok(procedure === -1 || procedure > first);
    assert.ok(code.position!.start.line < 10, 'near the top');
  }
});

test('every guide: no bound secret value appears in the checklist unless showSecrets', async () => {
  const tejun = await loadTejun();
  let secrets = 0;
  for (const guide of corpusGuides()) {
    // The variables as the generators see them: the secrets commands ask for at a terminal too.
    const graph = withPromptedSecrets(await graphOf(guide)).graph;
    // a distinct value per site variable (by meaning; the guide's placeholders for a graph
    // without them), so a leak names its variable
    // (a placeholder that is only the guide's spelling of a site variable is not bound by itself)
    const spelled = new Set((graph.variables ?? []).flatMap((v) => [v.name, ...v.spellings]));
    const values = [...(graph.variables ?? []), ...graph.placeholders.filter((p) => !spelled.has(p.name) && !spelled.has(p.token ?? p.name))];
    const vars = Object.fromEntries(values.map((p) => [p.name, `v4l-${p.name.replace(/\W/g, '_')}-Qz9`]));
    const masked = tejun.generate('checklist', graph, { vars }).files[0]!.content;
    const shown = tejun.generate('checklist', graph, { vars, showSecrets: true }).files[0]!.content;
    for (const p of values) {
      if (!p.secret) continue;
      secrets += 1;
      assert.ok(!masked.includes(vars[p.name]!), `${basename(guide)}: ${p.name} shown`);
      assert.ok(shown.includes(vars[p.name]!), `${basename(guide)}: ${p.name} is bound somewhere (showSecrets shows it)`);
    }
    if (values.some((p) => p.secret)) assert.ok(masked.includes(MASK), basename(guide));
  }
  assert.ok(secrets >= 10, `secret placeholders over the guides: ${secrets}`);
});
