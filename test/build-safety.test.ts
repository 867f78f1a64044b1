/**
 * `tejun build` safety (src/build/, src/cli/write-atomic.ts; issue 14): a tampered cache is
 * rebuilt, never trusted (a graph file or state edited by hand, a stale-output record naming a
 * file outside the output folder); `--check` compares what is on disk even when size and mtime
 * were kept; two guides with one base name get distinct outputs; folders are created 0700 whatever
 * the umask; a temporary file holding secrets is removed when the process is signalled.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBuild } from '../src/build/index.js';
import { ROOT } from './helpers/paths.js';

/** A small Markdown guide written here: one procedure, one command and one INI setting. */
const GUIDE = ['# 手順 1 インストール', '', '1. パッケージをインストールします。', '', '```', '# yum install -y demo-server', '```', ''].join('\n');

/** A project with guides at `paths` (all the same small guide) and one site without values. */
function project(paths: string[]): { dir: string; file: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-build-safety-'));
  for (const p of paths) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), GUIDE);
  }
  writeFileSync(join(dir, 'site.yaml'), '{}\n');
  writeFileSync(join(dir, 'tejun.yaml'), `guides: [${paths.map((p) => JSON.stringify(p)).join(', ')}]\ntargets: [bash, checklist]\nsites: {s: {vars: site.yaml}}\n`);
  return { dir, file: join(dir, 'tejun.yaml'), done: () => rmSync(dir, { recursive: true, force: true }) };
}

test('a tampered cache is not trusted: an edited graph is parsed again, an edited state is ignored, nothing outside the output folder is removed', async () => {
  const p = project(['guides/a.md']);
  try {
    assert.equal((await runBuild({ projectFile: p.file, jobs: 1 })).ok, true);
    const cache = join(p.dir, '.tejun-cache');
    const graphFile = readdirSync(join(cache, 'graphs'))[0]!;
    const graphPath = join(cache, 'graphs', graphFile);
    writeFileSync(graphPath, readFileSync(graphPath, 'utf8').replace('yum install -y demo-server', 'touch /tmp/tejun-pwned'));
    // A state edited to claim an outside file as an old output (with its real hash).
    const victim = join(p.dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    const statePath = join(cache, 'state.json');
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as { outputs: Record<string, unknown> };
    state.outputs['victim.txt'] = { size: 7, mtimeMs: 0, mode: 0o644, sha256: createHash('sha256').update('keep me').digest('hex') };
    writeFileSync(statePath, JSON.stringify(state));
    const second = await runBuild({ projectFile: p.file, jobs: 1 });
    assert.equal(second.ok, true);
    assert.equal(second.stats.parsed, 1, 'the tampered graph was used');
    assert.ok(existsSync(victim), 'a file outside the output folder was removed');
    const script = readFileSync(join(p.dir, 'out', 's', 'bash', 'a.sh'), 'utf8');
    assert.ok(script.includes('demo-server') && !script.includes('tejun-pwned'));
  } finally {
    p.done();
  }
});

test('build --check fails when an output differs, even with its size and mtime kept; a stale output edited since is not removed', async () => {
  const p = project(['guides/a.md', 'guides/b.md']);
  try {
    assert.equal((await runBuild({ projectFile: p.file, jobs: 1 })).ok, true);
    const out = join(p.dir, 'out', 's', 'checklist', 'a.md');
    const st = statSync(out);
    const text = readFileSync(out, 'utf8');
    writeFileSync(out, text.replace(/[a-z]/, (c) => c.toUpperCase()));
    utimesSync(out, st.atime, st.mtime);
    const check = await runBuild({ projectFile: p.file, check: true, jobs: 1 });
    assert.deepEqual(check.changed, ['out/s/checklist/a.md']);
    // b.md leaves the project; its checklist was edited by hand, so it stays.
    const bOut = join(p.dir, 'out', 's', 'checklist', 'b.md');
    writeFileSync(bOut, 'my notes\n');
    writeFileSync(p.file, readFileSync(p.file, 'utf8').replace(', "guides/b.md"', ''));
    const r = await runBuild({ projectFile: p.file, jobs: 1 });
    assert.equal(r.ok, true);
    assert.ok(existsSync(bOut), 'an edited stale output was removed');
    assert.equal(existsSync(join(p.dir, 'out', 's', 'bash', 'b.sh')), false, 'an untouched stale output stayed');
  } finally {
    p.done();
  }
});

test('two guides with one base name get distinct outputs; folders are 0700 whatever the umask; no staging folder is left', async () => {
  const p = project(['x/install.md', 'y/install.md']);
  const old = process.umask(0);
  try {
    const r = await runBuild({ projectFile: p.file, jobs: 1 });
    assert.equal(r.ok, true, JSON.stringify(r.messages));
    const bash = readdirSync(join(p.dir, 'out', 's', 'bash')).sort();
    assert.equal(bash.length, 2);
    assert.ok(bash.every((f) => /^install-[0-9a-f]{8}\.sh$/.test(f)), bash.join(' '));
    for (const d of ['out', 'out/s', 'out/s/bash', 'out/s/checklist']) assert.equal(statSync(join(p.dir, d)).mode & 0o777, 0o700, d);
    assert.deepEqual(readdirSync(join(p.dir, 'out')), ['s']);
  } finally {
    process.umask(old);
    p.done();
  }
});

test('a temporary file registered by write-atomic is removed when the process gets SIGTERM', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-signal-'));
  try {
    const tmp = join(dir, 'secret.tmp');
    const code = [
      `const { trackTemporary } = await import(${JSON.stringify(join(ROOT, 'dist/src/cli/write-atomic.js'))});`,
      `const fs = await import('node:fs');`,
      `fs.writeFileSync(${JSON.stringify(tmp)}, 'hunter2');`,
      `trackTemporary(${JSON.stringify(tmp)});`,
      `process.kill(process.pid, 'SIGTERM');`,
      'setTimeout(() => {}, 5000);',
    ].join('\n');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    assert.equal(r.signal, 'SIGTERM', r.stderr);
    assert.equal(existsSync(tmp), false, 'the temporary file survived the signal');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
