/**
 * The compile pipeline of src/pool/compile-all.ts (guides parsed and runbooks generated on worker
 * threads while the main thread extracts) and the bundled command line (bin/tejun.js runs
 * dist/src/bundle/, built by scripts/bundle.mjs): both must give exactly what the plain,
 * one-thread, unbundled path gives, on every guide.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { compileAll, extractGraph, generate, parseBlocks, TARGETS, type CompileOutcome } from '../src/index.js';
import { GuideError } from '../src/ingest/guide-error.js';
import { withSizes } from '../src/pool/parse-pool.js';
import { TaskPool } from '../src/pool/task-pool.js';
import { main } from '../src/cli/index.js';
import { CLI, corpusGuides, sampleGuides, GUIDES_DIR, ROOT } from './helpers/paths.js';
import { fileTree } from './helpers/tree.js';

const run = promisify(execFile);
// Every guide under TEJUN_TEST_FULL=1; the quick tier leaves out the one very long guide.
const guides = corpusGuides().filter((f) => /\.(txt|html)$/.test(f));
// The guides of the pool-against-one-thread comparisons (every other one in the quick tier):
// what they compare is the pool's order and results, not the readings of each guide.
const compared = sampleGuides().filter((f) => /\.(txt|html)$/.test(f));
const vars = { PASSWORD: 'secret', IP: '192.0.2.10' };


test('compileAll gives, in guide order, the graphs and runbooks of extracting and generating in this thread', async () => {
  const missing = join(GUIDES_DIR, 'no-such-guide.txt');
  const paths = [...compared.slice(0, 2), missing, ...compared.slice(2)];
  const expected = [];
  for (const path of paths) {
    if (path === missing) {
      expected.push(undefined);
      continue;
    }
    const graph = await extractGraph(await parseBlocks(path));
    expected.push({ graph, results: TARGETS.map((t) => generate(t, graph, { vars, allowUnbound: true })) });
  }
  for (const jobs of [1, 2, 3]) {
    const seen: CompileOutcome[] = [];
    // A small lookahead makes the pipeline wait on its own queue as well.
    for await (const outcome of compileAll(
      paths.map((path) => ({ path })),
      { extract: extractGraph, targets: TARGETS, options: { vars, allowUnbound: true }, jobs, lookahead: jobs === 3 ? 2 : undefined },
    )) {
      seen.push(outcome);
    }
    assert.deepEqual(
      seen.map((o) => o.job.path),
      paths,
      `jobs ${jobs}`,
    );
    for (const [i, outcome] of seen.entries()) {
      if (paths[i] === missing) {
        assert.ok(outcome.error instanceof GuideError, `jobs ${jobs}: the missing guide is a GuideError in its place`);
        assert.equal(outcome.error.ruleId, 'read-guide');
        continue;
      }
      assert.equal(outcome.error, undefined, `jobs ${jobs}: ${paths[i]}`);
      assert.deepEqual(outcome.graph, expected[i]!.graph, `jobs ${jobs}: graph of ${paths[i]}`);
      assert.deepEqual(outcome.results, expected[i]!.results, `jobs ${jobs}: runbooks of ${paths[i]}`);
    }
  }
});

test('compileAll stops its workers when the consumer breaks out early', async () => {
  let n = 0;
  for await (const outcome of compileAll(
    guides.map((path) => ({ path })),
    { extract: extractGraph, targets: ['bash'], options: { vars, allowUnbound: true }, jobs: 2, lookahead: 1 },
  )) {
    assert.ok(outcome.results);
    if (++n === 2) break;
  }
  assert.equal(n, 2);
});

test('a TaskPool runs generate tasks on a worker with the same result as in this thread, and parse errors keep their rule id', async () => {
  const pool = new TaskPool(1);
  try {
    const graph = await extractGraph(await parseBlocks(guides[0]!));
    const handles = TARGETS.map((target) => pool.submit({ kind: 'generate', graph, target, options: { vars, allowUnbound: true } }));
    const bad = pool.submit({ kind: 'parse', job: { path: join(GUIDES_DIR, 'no-such-guide.txt') } });
    for (const [k, handle] of handles.entries()) {
      assert.deepEqual((await pool.waitFor(handle)).result, generate(TARGETS[k]!, graph, { vars, allowUnbound: true }));
    }
    await assert.rejects(pool.waitFor(bad), (error: unknown) => error instanceof GuideError && error.ruleId === 'read-guide');
  } finally {
    await pool.close();
  }
});

test('submitAll posts tasks that share a graph together, and each handle settles with its own target\'s result, in order', async () => {
  const pool = new TaskPool(1);
  try {
    const graph = await extractGraph(await parseBlocks(guides[1]!));
    const options = { vars, allowUnbound: true };
    const handles = pool.submitAll(TARGETS.map((target) => ({ kind: 'generate' as const, graph, target, options })));
    assert.equal(handles.length, TARGETS.length);
    // Waiting for the last first lets the worker run the earlier ones (or this thread claim them).
    const results = await Promise.all([...handles].reverse().map((h) => pool.waitFor(h)));
    results.reverse();
    for (const [k, r] of results.entries()) assert.deepEqual(r.result, generate(TARGETS[k]!, graph, options), TARGETS[k]);
  } finally {
    await pool.close();
  }
});

test('withSizes takes a size from the bytes, else from stat, and leaves an unreadable path alone', () => {
  const missing = join(GUIDES_DIR, 'no-such-guide.txt');
  const [a, b, c] = withSizes([{ path: 'x', bytes: new Uint8Array(7) }, { path: guides[0]! }, { path: missing }]);
  assert.equal(a!.size, 7);
  assert.equal(b!.size, statSync(guides[0]!).size);
  assert.equal(c!.size, undefined);
});

test('the bundled command line (bin/tejun.js) writes the same runbooks and diagnostics as the modules, on workers and without', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-bundle-'));
  try {
    const site = join(ROOT, 'examples', 'site.yaml');
    let stdout = '';
    let stderr = '';
    const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } };
    const code = await main(['node', 'tejun', 'compile', ...compared, '--target', 'all', '--vars', site, '--jobs', '1', '-o', join(dir, 'modules')], io);
    assert.equal(code, 0, stderr);
    const expected = fileTree(join(dir, 'modules'));
    // Per guide: a script, a checklist, site.yml, inventory.ini and the roles' files.
    assert.equal([...expected.keys()].filter((f) => /(^|[\\/])site\.yml$/.test(f)).length, compared.length);
    assert.ok(expected.size >= compared.length * 6);
    for (const jobs of ['1', '2']) {
      const out = join(dir, `bundle-${jobs}`);
      const child = await run(process.execPath, [CLI, 'compile', ...compared, '--target', 'all', '--vars', site, '--jobs', jobs, '-o', out], { maxBuffer: 16 * 1024 * 1024 });
      assert.equal(child.stderr, stderr, `--jobs ${jobs}: same diagnostics`);
      assert.equal(child.stdout.split(out).join('OUT'), stdout.split(join(dir, 'modules')).join('OUT'), `--jobs ${jobs}: same files listed`);
      const got = fileTree(out);
      assert.deepEqual([...got.keys()].sort(), [...expected.keys()].sort());
      for (const [path, file] of expected) assert.deepEqual(got.get(path), file, `--jobs ${jobs}: ${path}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a worker runs the largest parse task it holds first, then generate tasks in order', async () => {
  const { pickTask } = await import('../src/pool/pool-worker.js');
  const parse = (size: number) => ({ task: { kind: 'parse' as const, job: { path: `g${size}` } }, size });
  const gen = { task: { kind: 'generate' as const, graph: {} as never, target: 'bash' as const, options: { vars: {} } }, size: 0 };
  assert.equal(pickTask([]), -1);
  assert.equal(pickTask([gen, parse(5), parse(90), parse(7)]), 2);
  assert.equal(pickTask([gen, { ...gen }]), 0);
});

test('every task settles with its own result, whether its worker or this thread (waiting) ran it', async () => {
  const pool = new TaskPool(1);
  try {
    const graph = await extractGraph(await parseBlocks(guides[4]!));
    const handles = Array.from({ length: 12 }, () => pool.submit({ kind: 'generate', graph, target: 'bash', options: { vars, allowUnbound: true } }));
    // Waiting for the last one makes this thread claim the earliest unstarted tasks itself.
    const last = await pool.waitFor(handles.at(-1)!);
    const rest = await Promise.all(handles.slice(0, -1).map((h) => pool.waitFor(h)));
    for (const r of [...rest, last]) assert.deepEqual(r.result, generate('bash', graph, { vars, allowUnbound: true }));
  } finally {
    await pool.close();
  }
});

test('a claim cell is taken once: the second thread to claim a task skips it', async () => {
  const { claimTask } = await import('../src/pool/tasks.js');
  const cell = new Int32Array(new SharedArrayBuffer(4));
  assert.equal(claimTask(cell), true);
  assert.equal(claimTask(cell), false);
  assert.equal(claimTask(new Int32Array(cell.buffer)), false, 'another view of the same memory sees the claim');
});

test('generate tasks go to the pool costliest target first, whatever order the targets are asked in', async () => {
  const { byCost } = await import('../src/pool/compile-all.js');
  assert.deepEqual(byCost(['bash', 'ansible', 'checklist']), ['ansible', 'checklist', 'bash']);
  assert.deepEqual(byCost(['bash', 'checklist']), ['checklist', 'bash']);
  assert.deepEqual(byCost([]), []);
});
