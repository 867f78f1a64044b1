// tejun-test: own-process (asserts that this process never loaded the kuromoji dictionary)
/**
 * Incremental `tejun build`: after a first build (run in a child process, so this process never
 * loads kuromoji), a build with nothing changed reads no guide, parses nothing, writes nothing and
 * never loads the kuromoji dictionary; a touched guide (same bytes, new mtime) is read and hashed
 * but not parsed; a changed guide is parsed again. Its own process (the first line marks it
 * for scripts/run-tests.mjs): isTokenizerLoaded() is per process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBuild } from '../src/build/index.js';
import { isTokenizerLoaded } from '../src/nlp/tokenizer/index.js';
import { CLI, GUIDES_DIR, ROOT } from './helpers/paths.js';
import { fileTree } from './helpers/tree.js';

test('a no-change build reparses nothing, rereads nothing and never loads kuromoji', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-incremental-'));
  try {
    mkdirSync(join(dir, 'guides'));
    for (const g of ['004_e11c47b965b43efe.txt', '002_2d7643ffe102f83d.txt']) cpSync(join(GUIDES_DIR, g), join(dir, 'guides', g));
    cpSync(join(ROOT, 'examples', 'site.yaml'), join(dir, 'site.yaml'));
    writeFileSync(join(dir, 'tejun.yaml'), 'guides: [guides/*.txt]\nsites:\n  tokyo: {vars: site.yaml}\n');
    // First build in a child process: it parses both guides (and loads kuromoji there).
    execFileSync(process.execPath, [CLI, 'build', '-C', dir, '-q'], { stdio: 'pipe' });

    const again = await runBuild({ projectFile: join(dir, 'tejun.yaml') });
    assert.ok(again.ok);
    // Every output of the first build (bash runbook, checklist, the playbook's site.yml, inventory and roles) is unchanged.
    const outputs = fileTree(join(dir, 'out')).size;
    assert.ok(outputs >= 2 * 5, `${outputs} outputs`);
    assert.deepEqual(again.stats, { parsed: 0, cached: 2, read: 0, written: 0, unchanged: outputs, removed: 0 });
    assert.deepEqual(again.changed, []);
    assert.equal(isTokenizerLoaded(), false, 'kuromoji was never loaded');

    // Same bytes, new mtime: read and hashed, not parsed.
    const later = new Date(Date.now() + 5000);
    utimesSync(join(dir, 'guides', '002_2d7643ffe102f83d.txt'), later, later);
    const touched = await runBuild({ projectFile: join(dir, 'tejun.yaml') });
    assert.deepEqual(touched.stats, { parsed: 0, cached: 2, read: 1, written: 0, unchanged: outputs, removed: 0 });
    assert.equal(isTokenizerLoaded(), false);
    const settled = await runBuild({ projectFile: join(dir, 'tejun.yaml') });
    assert.equal(settled.stats.read, 0, 'the new mtime was recorded');

    // A changed guide is parsed again; only its outputs can change.
    appendFileSync(join(dir, 'guides', '004_e11c47b965b43efe.txt'), '\n');
    const edited = await runBuild({ projectFile: join(dir, 'tejun.yaml') });
    assert.equal(edited.stats.parsed, 1);
    assert.equal(edited.stats.cached, 1);
    assert.ok(edited.changed.every((f) => f.includes('004_e11c47b965b43efe')), edited.changed.join(' '));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

