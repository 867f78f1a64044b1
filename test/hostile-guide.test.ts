/**
 * No leaks from prose into code: a guide whose titles, step text and placeholder descriptions hold
 * `$(…)`, backticks, quotes, `*\/`, `{{`, `{%`, `---`, `#` and `EOF` is compiled to every target;
 * the bash runbook is checked with `bash -n` and run (`--list` and `--help`, which define and read
 * everything) with a tripwire: every `$(touch …)` in the prose names a marker file that must never
 * appear. The playbook is parsed with `yaml` (the hostile titles are plain strings); ansible-playbook
 * --syntax-check on it: test/tools/hostile-guide.test.ts (`npm run test:tools`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { inlineDir } from './helpers/ansible-layout.js';
import { compileHostileGuide } from './helpers/hostile-guide.js';

test('hostile prose stays inert text in bash, YAML and Markdown; the tripwire never fires', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-hostile-'));
  try {
    const { out, mark } = await compileHostileGuide(dir, 'all');
    const script = join(out, 'bash', 'hostile.sh');
    execFileSync('bash', ['-n', script]);
    for (const args of [['--list'], ['--help']]) {
      execFileSync('bash', [script, ...args], { stdio: 'ignore', env: { ...process.env, TEJUN_ROOT: join(dir, 'root') } });
    }
    assert.equal(existsSync(mark), false, 'a command in the prose ran');
    const plays = inlineDir(join(out, 'ansible', 'hostile'), (text) => parseYaml(text));
    const names = JSON.stringify(plays);
    assert.ok(names.includes('*/'), 'the hostile title is kept as text');
    assert.doesNotMatch(names, /\{\{ lookup\('pipe'/, 'a Jinja expression from the prose is live in the playbook');
    const md = readdirSync(join(out, 'checklist')).map((f) => readFileSync(join(out, 'checklist', f), 'utf8')).join('');
    assert.doesNotMatch(md, /^---$/m, 'a --- line from the prose became a Markdown rule or front matter');
    assert.equal(existsSync(mark), false, 'a command in the prose ran');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
