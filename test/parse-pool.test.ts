/**
 * The parse worker pool (src/pool/parse-pool.ts) and `tejun compile --jobs N`: guides parsed on
 * worker threads give the same blocks, the same runbooks byte for byte, and the same diagnostics
 * in the same order as parsing them all in the main thread (`--jobs 1`), on every guide.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { main } from '../src/cli/index.js';
import { parseAll, parseBlocks, type ParseOutcome } from '../src/index.js';
import { GUIDES_DIR, ROOT } from './helpers/paths.js';

const guides = readdirSync(GUIDES_DIR)
  .filter((f) => /\.(txt|html)$/.test(f))
  .sort()
  .map((f) => join(GUIDES_DIR, f));

/** Every file under `dir` (relative path → bytes and mode). */
function tree(dir: string): Map<string, { bytes: string; mode: number }> {
  const out = new Map<string, { bytes: string; mode: number }>();
  const walk = (d: string) => {
    for (const name of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, name.name);
      if (name.isDirectory()) walk(path);
      else out.set(relative(dir, path), { bytes: readFileSync(path, 'latin1'), mode: statSync(path).mode });
    }
  };
  walk(dir);
  return out;
}

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
  for await (const outcome of parseAll(guides.map((path) => ({ path })), { jobs: 3 })) seen.push(outcome);
  assert.deepEqual(
    seen.map((o) => o.job.path),
    guides,
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
  assert.match(seen[1]!.error ?? '', /ENOENT/);
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
    const args = [...guides.slice(0, 3), missing, ...guides.slice(3)];
    const one = await compile(join(dir, 'one'), ...args, '--jobs', '1');
    const three = await compile(join(dir, 'three'), ...args, '--jobs', '3');
    assert.equal(one.code, 1); // the missing guide
    assert.equal(three.code, one.code);
    assert.equal(three.stdout, one.stdout);
    assert.equal(three.stderr, one.stderr);
    assert.match(one.stderr, /no-such-guide\.txt:1:1 {2}error {2}.*ENOENT.*read-guide/);
    const a = tree(join(dir, 'one'));
    const b = tree(join(dir, 'three'));
    assert.equal(a.size, guides.length * 5);
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
