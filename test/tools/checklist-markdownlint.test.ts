/**
 * The checklist of every guide in guides/ passes markdownlint-cli2 with the committed
 * .markdownlint-cli2.jsonc (examples/site.yaml bound, as the main job does), and the linter with
 * that config does report a checklist with findings. The checklist's structure and secrets are
 * tested in test/generate-checklist-lint.test.ts.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { listGuides, ROOT } from '../helpers/paths.js';
import { loadTejun } from '../helpers/tejun.js';

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
