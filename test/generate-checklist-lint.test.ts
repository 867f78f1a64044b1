/**
 * The checklist of every guide in guides/: it passes markdownlint-cli2 with the committed
 * .markdownlint-cli2.jsonc (examples/site.yaml bound, as the main job does), embeds the Mermaid
 * picture of its step graph near the top, and never shows a bound secret unless showSecrets.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Code, Root } from 'mdast';
import { MASK } from '../src/generate/steps-to-checklist.js';
import { stepsToMermaid } from '../src/generate/steps-to-mermaid.js';
import { listGuides, ROOT } from './helpers/paths.js';
import { loadTejun } from './helpers/tejun.js';

const SITE = join(ROOT, 'examples', 'site.yaml');
const LINT = join(ROOT, 'node_modules', '.bin', 'markdownlint-cli2');
const CONFIG = join(ROOT, '.markdownlint-cli2.jsonc');
let dir = '';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tejun-checklist-lint-'));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('every guide: the checklist passes markdownlint-cli2 with the committed config', async () => {
  const tejun = await loadTejun();
  const { vars, messages } = tejun.loadVars(readFileSync(SITE, 'utf8'), SITE);
  assert.deepEqual(messages.filter((m) => m.severity === 'error'), []);
  const files: string[] = [];
  for (const guide of listGuides()) {
    const result = tejun.generate('checklist', await tejun.parseGuide(guide), { vars });
    assert.deepEqual(result.messages.filter((m) => m.severity === 'error'), [], basename(guide));
    for (const f of result.files) {
      const path = join(dir, f.path);
      writeFileSync(path, f.content);
      files.push(path);
    }
  }
  assert.equal(files.length, listGuides().length);
  const r = spawnSync(LINT, ['--config', CONFIG, ...files], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.error, undefined, `markdownlint-cli2 could not run (npm ci installs it): ${String(r.error)}`);
  assert.equal(r.status, 0, `markdownlint-cli2 findings:\n${r.stdout}${r.stderr}`);
  assert.match(r.stderr + r.stdout, new RegExp(`Linting: ${files.length} file\\(s\\)`), 'every checklist was linted');
  assert.match(r.stderr + r.stdout, /Summary: 0 error\(s\)/);
});

test('the linter and the config do find what they should (a checklist with a finding fails)', () => {
  const bad = join(dir, 'bad.md');
  writeFileSync(bad, '# t\n\n\n## x:\n\n```\ncode\n```\n');
  const r = spawnSync(LINT, ['--config', CONFIG, bad], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 1);
  for (const rule of ['MD012', 'MD026', 'MD040']) assert.match(r.stdout + r.stderr, new RegExp(rule), rule);
});

test('every guide: the Mermaid picture of the step graph is the first code block, before the first procedure', async () => {
  const tejun = await loadTejun();
  for (const guide of listGuides()) {
    const graph = await tejun.parseGuide(guide);
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
  for (const guide of listGuides()) {
    const graph = await tejun.parseGuide(guide);
    // a distinct value per placeholder, so a leak names its placeholder
    const vars = Object.fromEntries(graph.placeholders.map((p) => [p.name, `v4l-${p.variable}-Qz9`]));
    const masked = tejun.generate('checklist', graph, { vars }).files[0]!.content;
    const shown = tejun.generate('checklist', graph, { vars, showSecrets: true }).files[0]!.content;
    for (const p of graph.placeholders) {
      if (!p.secret) continue;
      secrets += 1;
      assert.ok(!masked.includes(vars[p.name]!), `${basename(guide)}: ${p.name} shown`);
      assert.ok(shown.includes(vars[p.name]!), `${basename(guide)}: ${p.name} is bound somewhere (showSecrets shows it)`);
    }
    if (graph.placeholders.some((p) => p.secret)) assert.ok(masked.includes(MASK), basename(guide));
  }
  assert.ok(secrets >= 10, `secret placeholders over the guides: ${secrets}`);
});
