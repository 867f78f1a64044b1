/**
 * The playbook of the hostile guide (test/helpers/hostile-guide.ts: prose holding `$(…)`, quotes,
 * `{{`, `{%`, `---`…) passes `ansible-playbook --syntax-check`, and compiling it runs nothing.
 * ansible-playbook is required: the test fails, never skips, when it is missing. The bash, YAML and
 * Markdown checks of the same guide are in test/hostile-guide.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileHostileGuide } from '../helpers/hostile-guide.js';

test('ansible-playbook --syntax-check accepts the hostile guide\'s playbook; the tripwire never fires', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-hostile-'));
  try {
    const { out, mark } = await compileHostileGuide(dir, 'ansible');
    const playbook = join(out, 'ansible', 'hostile', 'site.yml');
    execFileSync('ansible-playbook', ['--syntax-check', '-i', join(out, 'ansible', 'hostile', 'inventory.ini'), playbook], { stdio: 'pipe' });
    assert.equal(existsSync(mark), false, 'a command in the prose ran');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
