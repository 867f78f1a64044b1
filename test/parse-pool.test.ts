/**
 * The parse worker pool (src/pool/parse-pool.ts), `tejun compile --jobs N` and `tejun build`'s
 * `jobs`: guides parsed on worker threads give the same blocks, the same runbooks byte for byte,
 * and the same diagnostics and progress in the same order as parsing them all in the main thread
 * (`--jobs 1`), on every guide.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GuideError } from '../src/ingest/guide-error.js';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBuild, type ProgressEvent } from '../src/build/index.js';
import { main } from '../src/cli/index.js';
import { parseAll, parseBlocks, type ParseOutcome } from '../src/index.js';
import { corpusGuides, sampleGuides, GUIDES_DIR, ROOT } from './helpers/paths.js';
import { fileTree } from './helpers/tree.js';

// Every guide under TEJUN_TEST_FULL=1; the quick tier leaves out the one very long guide.
const guides = corpusGuides().filter((f) => /\.(txt|html)$/.test(f));
// The guides of the pool-against-one-thread comparisons (every other one in the quick tier):
// what they compare is the pool's order and results, not the readings of each guide.
const compared = sampleGuides().filter((f) => /\.(txt|html)$/.test(f));


/** Runs `tejun compile` in-process; @returns exit code, stdout with the output dir cut, stderr. */
async function compile(out: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } };
  const code = await main(['node', 'tejun', 'compile', ...args, '--target', 'all', '--vars', join(ROOT, 'examples', 'site.yaml'), '-o', out], io);
  return { code, stdout: stdout.split(out).join('OUT'), stderr };
}

test('parseAll on workers yields every guide in order, with the blocks parseBlocks gives', async () => {
  const seen: ParseOutcome[] = [];
  for await (const outcome of parseAll(compared.map((path) => ({ path })), { jobs: 3 })) seen.push(outcome);
  assert.deepEqual(
    seen.map((o) => o.job.path),
    compared,
  );
  for (const outcome of seen) {
    assert.equal(outcome.error, undefined);
    assert.deepEqual(outcome.parsed, await parseBlocks(outcome.job.path), outcome.job.path);
  }
});

test('parseAll reports an unreadable guide as an outcome, in its place, and goes on', async () => {
  const missing = join(GUIDES_DIR, 'no-such-guide.txt');
  const paths = [guides[0]!, missing, guides[4]!];
  const seen: ParseOutcome[] = [];
  for await (const outcome of parseAll(paths.map((path) => ({ path })), { jobs: 2 })) seen.push(outcome);
  assert.deepEqual(
    seen.map((o) => o.job.path),
    paths,
  );
  assert.ok(seen[0]!.parsed && seen[2]!.parsed);
  const error = seen[1]!.error;
  // A GuideError from a worker thread keeps its class, rule id and position.
  assert.ok(error instanceof GuideError, `expected a GuideError, got ${String(error)}`);
  assert.equal(error.ruleId, 'read-guide');
  assert.match(error.message, /ENOENT/);
});

test('parseAll stops its workers when the consumer breaks out early', async () => {
  let n = 0;
  for await (const outcome of parseAll(guides.map((path) => ({ path })), { jobs: 2, lookahead: 1 })) {
    assert.ok(outcome.parsed);
    if (++n === 2) break;
  }
  assert.equal(n, 2);
});

test('tejun compile --jobs 3 writes the same runbooks and diagnostics as --jobs 1 for every guide', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-pool-'));
  try {
    const missing = join(GUIDES_DIR, 'no-such-guide.txt');
    const args = [...compared.slice(0, 2), missing, ...compared.slice(2)];
    const one = await compile(join(dir, 'one'), ...args, '--jobs', '1');
    const three = await compile(join(dir, 'three'), ...args, '--jobs', '3');
    assert.equal(one.code, 1); // the missing guide
    assert.equal(three.code, one.code);
    assert.equal(three.stdout, one.stdout);
    assert.equal(three.stderr, one.stderr);
    assert.match(one.stderr, /no-such-guide\.txt:1:1 {2}error {2}.*ENOENT.*read-guide/);
    const a = fileTree(join(dir, 'one'));
    const b = fileTree(join(dir, 'three'));
    // Per guide: one bash runbook, one checklist, one playbook (site.yml) with its inventory and roles.
    for (const suffix of [/\.sh$/, /(^|\/)checklist\/[^/]+\.md$/, /(^|\/)site\.yml$/, /(^|\/)inventory\.ini$/]) {
      assert.equal([...a.keys()].filter((k) => suffix.test(k)).length, compared.length, String(suffix));
    }
    assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort());
    for (const [path, file] of a) assert.deepEqual(b.get(path), file, path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('tejun compile --jobs rejects what is not a whole number ≥ 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-pool-'));
  try {
    const run = await compile(dir, guides[4]!, '--jobs', '0');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /expected a whole number of jobs/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('tejun build with jobs 3 writes the same tree, messages, progress and counts as jobs 1', async () => {
  const dirs = ['one', 'three'].map((name) => {
    const dir = mkdtempSync(join(tmpdir(), `tejun-pool-build-${name}-`));
    mkdirSync(join(dir, 'guides'));
    for (const g of compared) cpSync(g, join(dir, 'guides', g.split('/').pop()!));
    writeFileSync(join(dir, 'guides', 'broken.txt'), Buffer.from([0x61, 0xff, 0x0a]));
    writeFileSync(join(dir, 'site.yaml'), readFileSync(join(ROOT, 'examples', 'site.yaml')));
    writeFileSync(join(dir, 'tejun.yaml'), 'guides:\n  - guides/*.txt\n  - guides/*.html\ntargets: [bash, checklist]\nsites:\n  tokyo:\n    vars: site.yaml\n');
    return dir;
  });
  try {
    // Twice each: with a guide that is not UTF-8 (reported; the build fails and writes nothing),
    // then without it (the build writes every output).
    for (const broken of [true, false]) {
      const runs = [];
      for (const [i, dir] of dirs.entries()) {
        if (!broken) rmSync(join(dir, 'guides', 'broken.txt'));
        rmSync(join(dir, '.tejun-cache'), { recursive: true, force: true }); // parse every guide again
        const progress: ProgressEvent[] = [];
        const result = await runBuild({ projectFile: join(dir, 'tejun.yaml'), jobs: i === 0 ? 1 : 3, onProgress: (e) => progress.push(e) });
        runs.push({ result, progress, tree: broken ? new Map() : fileTree(join(dir, 'out')) });
      }
      const [one, three] = runs as [(typeof runs)[0], (typeof runs)[0]];
      assert.equal(one.result.ok, !broken);
      // The build reports the GuideError with its own rule id and position, as compile does.
      assert.equal(one.result.messages.some((m) => m.file === 'guides/broken.txt' && m.ruleId === 'undecodable-guide' && m.line === 1 && m.column === 2), broken);
      assert.equal(one.result.stats.parsed, compared.length);
      assert.equal(one.tree.size, broken ? 0 : compared.length * 2);
      assert.deepEqual(three.result.stats, one.result.stats);
      assert.deepEqual(three.result.messages, one.result.messages);
      assert.deepEqual(three.progress, one.progress);
      assert.deepEqual([...three.tree], [...one.tree]);
    }
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
});
