/**
 * The build cache's seal is keyed (src/build/cache-key.ts, build-cache.ts; issue 14): a state
 * whose seal was recomputed without the key (the plain sha256 an attacker who can write
 * `.tejun-cache/` could compute) or under another user's key is rebuilt, with a note, never
 * trusted; the key file is made 0600 in a 0700 folder on first use; a key file others may read is
 * not used (a warning, nothing saved). Every build here uses a key file in its own scratch folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBuild } from '../src/build/index.js';
import { cacheKeyPath, loadCacheKey } from '../src/build/cache-key.js';

/** A small Markdown guide written here: one procedure, one command. */
const GUIDE = ['# 手順 1 インストール', '', '1. パッケージをインストールします。', '', '```', '# yum install -y demo-server', '```', ''].join('\n');

/** A project with one guide and one site, and a key file path in the same scratch folder. */
function project(): { dir: string; file: string; key: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-cache-key-'));
  mkdirSync(join(dir, 'guides'));
  writeFileSync(join(dir, 'guides', 'a.md'), GUIDE);
  writeFileSync(join(dir, 'site.yaml'), '{}\n');
  writeFileSync(join(dir, 'tejun.yaml'), 'guides: [guides/a.md]\ntargets: [bash]\nsites: {s: {vars: site.yaml}}\n');
  return { dir, file: join(dir, 'tejun.yaml'), key: join(dir, 'state-home', 'tejun', 'cache-key'), done: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The state body as build-cache.ts seals it (keys sorted, one-space indent). */
function body(state: Record<string, Record<string, unknown> | number>): string {
  const sorted = (o: unknown) => Object.fromEntries(Object.entries(o as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify({ version: state['version'], guides: sorted(state['guides']), jobs: sorted(state['jobs']), outputs: sorted(state['outputs']), graphs: sorted(state['graphs']) }, null, 1);
}

/** Writes `state` sealed with `seal(body)`, as a forger would. */
function reseal(path: string, state: Record<string, Record<string, unknown> | number>, seal: (b: string) => string): void {
  const b = body(state);
  writeFileSync(path, `${b.slice(0, -2)},\n "seal": ${JSON.stringify(seal(b))}\n}\n`);
}

for (const [how, seal] of [
  ['recomputed without the key (plain sha256)', (b: string) => createHash('sha256').update(b).digest('hex')],
  ['sealed under another key', (b: string) => createHmac('sha256', Buffer.alloc(32, 7)).update(b).digest('hex')],
] as const) {
  test(`a tampered cache whose seal was ${how} is rebuilt with a note, never trusted`, async () => {
    const p = project();
    try {
      const first = await runBuild({ projectFile: p.file, jobs: 1, cacheKeyFile: p.key });
      assert.equal(first.ok, true, JSON.stringify(first.messages));
      assert.equal(statSync(p.key).mode & 0o777, 0o600, 'the key file is private');
      assert.equal(statSync(join(p.key, '..')).mode & 0o777, 0o700, 'its folder is private');
      const cache = join(p.dir, '.tejun-cache');
      // The graph file is rewritten to run a command, and the state is edited to record its new
      // hash and to claim an outside file as an old output, then resealed.
      const graphPath = join(cache, 'graphs', readdirSync(join(cache, 'graphs'))[0]!);
      const evil = readFileSync(graphPath, 'utf8').replace('yum install -y demo-server', 'touch /tmp/tejun-pwned');
      writeFileSync(graphPath, evil);
      const victim = join(p.dir, 'victim.txt');
      writeFileSync(victim, 'keep me');
      const statePath = join(cache, 'state.json');
      const state = JSON.parse(readFileSync(statePath, 'utf8')) as Record<string, Record<string, unknown>>;
      const graphKey = Object.keys(state['graphs']!)[0]!;
      state['graphs']![graphKey] = createHash('sha256').update(evil).digest('hex');
      state['outputs']!['victim.txt'] = { size: 7, mtimeMs: 0, mode: 0o644, sha256: createHash('sha256').update('keep me').digest('hex') };
      reseal(statePath, state, seal);
      const second = await runBuild({ projectFile: p.file, jobs: 1, cacheKeyFile: p.key });
      assert.equal(second.ok, true);
      assert.equal(second.stats.parsed, 1, 'the forged state was trusted');
      assert.deepEqual(second.messages.filter((m) => m.ruleId === 'cache-untrusted').map((m) => m.severity), ['info'], 'a note says the cache was rebuilt');
      assert.ok(existsSync(victim), 'a file outside the output folder was removed');
      const script = readFileSync(join(p.dir, 'out', 's', 'bash', 'a.sh'), 'utf8');
      assert.ok(script.includes('demo-server') && !script.includes('tejun-pwned'));
      // Sealed anew: the next build trusts it and says nothing about it.
      const third = await runBuild({ projectFile: p.file, jobs: 1, cacheKeyFile: p.key });
      assert.equal(third.stats.parsed, 0);
      assert.deepEqual(third.messages.filter((m) => m.ruleId === 'cache-untrusted'), []);
    } finally {
      p.done();
    }
  });
}

test('a key file other users may read is not used: a warning, every guide parsed, nothing saved', async () => {
  const p = project();
  try {
    assert.equal((await runBuild({ projectFile: p.file, jobs: 1, cacheKeyFile: p.key })).ok, true);
    chmodSync(p.key, 0o644);
    const loose = await runBuild({ projectFile: p.file, jobs: 1, cacheKeyFile: p.key });
    assert.equal(loose.ok, true);
    assert.equal(loose.stats.parsed, 1);
    assert.deepEqual(loose.messages.filter((m) => m.ruleId === 'cache-key').map((m) => m.severity), ['warning']);
    assert.match(loose.messages.find((m) => m.ruleId === 'cache-key')!.reason, /mode 644/);
  } finally {
    p.done();
  }
});

test('cacheKeyPath follows XDG_STATE_HOME when absolute, else ~/.local/state; two first uses at once agree on one key', async () => {
  assert.equal(cacheKeyPath({ XDG_STATE_HOME: '/s', HOME: '/h' }), '/s/tejun/cache-key');
  assert.equal(cacheKeyPath({ XDG_STATE_HOME: 'relative', HOME: '/h' }), '/h/.local/state/tejun/cache-key');
  assert.equal(cacheKeyPath({ HOME: '/h' }), '/h/.local/state/tejun/cache-key');
  const p = project();
  try {
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadCacheKey(p.key)));
    const hex = keys.map((k) => k.key?.toString('hex'));
    assert.ok(hex.every((h) => h !== undefined && h === hex[0]), JSON.stringify(keys.map((k) => ('problem' in k ? k.problem : 'ok'))));
    assert.deepEqual(readdirSync(join(p.key, '..')), ['cache-key'], 'no temporary file is left');
  } finally {
    p.done();
  }
});
