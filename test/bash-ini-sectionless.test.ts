/**
 * The bash runbook's INI helper on settings without a section (section `""`: postgresql.conf,
 * Packstack answer files read as the part of the file before any header): the key is set before the
 * first `[section]` header, an existing key there is replaced in place, and no `[]` header is ever
 * written. Runs the generated runbook under a throw-away TEJUN_ROOT.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stepsToBash } from '../src/generate/steps-to-bash.js';
import type { IniAction, StepGraph } from '../src/ir/types.js';

/** A one-step graph setting `settings` (key, value) in section "" of /etc/demo/demo.conf. */
function graph(settings: Array<[string, string]>, section = ''): StepGraph {
  const actions: IniAction[] = settings.map(([key, value], i) => ({ id: `i${i}`, kind: 'ini', file: '/etc/demo/demo.conf', section, key, value, via: 'edit', source: { line: 3 + i } }));
  return {
    schemaVersion: 1,
    source: { path: 'guides/demo.md', format: 'markdown', dialect: 'generic', sha256: '00'.repeat(32) },
    title: 'demo', roles: [],
    procedures: [{ id: 'p1', title: '設定', role: null, source: { line: 1 }, steps: [{ id: 's1', text: '設定します', role: null, when: null, source: { line: 2 }, actions }] }],
    placeholders: [], literals: [], missing: [], messages: [],
  };
}

/** Runs the runbook of `g` with `initial` as the file's content (undefined: no file); returns the file after. */
function run(g: StepGraph, initial: string | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-ini-'));
  try {
    const root = join(dir, 'root');
    mkdirSync(join(root, 'etc/demo'), { recursive: true });
    if (initial !== undefined) writeFileSync(join(root, 'etc/demo/demo.conf'), initial);
    const script = join(dir, 'runbook.sh');
    writeFileSync(script, stepsToBash(g, { vars: {} }).files[0]!.content);
    const r = spawnSync('bash', [script, '--yes'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir, TEJUN_ROOT: root } });
    assert.equal(r.status, 0, r.stderr);
    return readFileSync(join(root, 'etc/demo/demo.conf'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a sectionless setting goes into a new file with no [] header', () => {
  assert.equal(run(graph([['listen_addresses', "'*'"], ['port', '5432']]), undefined), "listen_addresses = '*'\nport = 5432\n");
});

test('a sectionless setting replaces its key in place and appends new keys, leaving comments and other keys', () => {
  const before = "# PostgreSQL\n#port = 5432\nlisten_addresses = 'localhost'\nmax_connections = 100\n";
  assert.equal(run(graph([['listen_addresses', "'*'"], ['port', '5433']]), before), "# PostgreSQL\n#port = 5432\nlisten_addresses = '*'\nmax_connections = 100\nport = 5433\n");
});

test('in a file with sections, a sectionless setting goes before the first header, and a second run changes nothing', () => {
  const before = 'a = 1\n[general]\nb = 2\n';
  const once = run(graph([['c', '3']]), before);
  assert.equal(once, 'a = 1\nc = 3\n[general]\nb = 2\n');
  assert.equal(run(graph([['c', '3']]), once), once);
  assert.doesNotMatch(once, /^\[\]/m);
});

test('a named section still gets its header when missing', () => {
  assert.equal(run(graph([['k', 'v']], 'DEFAULT'), 'a = 1\n'), 'a = 1\n\n[DEFAULT]\nk = v\n');
});
