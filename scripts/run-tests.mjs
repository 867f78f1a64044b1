// Runs one tier of the tests with node's test runner, on the compiled files in dist/ whose source
// still exists (a test moved or removed leaves a stale dist/test/*.js behind; it is not run).
// Usage: node scripts/run-tests.mjs unit|tools|e2e [FILE…]   (after `npm run build`)
//   unit   test/*.test.ts        npm test: no system tool
//   tools  test/tools/*.test.ts  npm run test:tools: shellcheck, ansible, ansible-lint, dot,
//                                python3 (+jinja2), mermaid and markdownlint-cli2
//   e2e    test/e2e/*.e2e.ts     npm run test:e2e: a private MariaDB, one file at a time
// FILE… (source paths such as test/cli.test.ts) runs those files only. Every process is started
// with --import dist/test/helpers/fast-check-seed.js (one fixed fast-check seed; TEJUN_FC_SEED=N
// for another).
//
// The unit tier shares processes: starting Node, loading tejun's modules and the kuromoji
// dictionary once per file cost about as much CPU as the tests themselves. Its files are spread
// over TEJUN_TEST_JOBS lanes (2 unless set; 1 spends the least CPU), balanced by each file's time
// in the last run (dist/test-cache/test-times.*.json); a lane runs its files in one process
// (scripts/run-tests/files.mjs imports them in turn), except the files whose first line is
//   // tejun-test: own-process (why)
// (they assert something about the whole process: which modules it loaded, its environment, its
// globals), each of which runs in a process of its own. Each process's spec report is printed
// when it ends, then a summary: the test counts over all processes and every failing test with its
// file and line. The exit code is 1 when a test failed or a process did not end cleanly.
// The tools and e2e tiers run each file in its own process (`node --test`); the exit code is node's.
// The tools tier runs TEJUN_TEST_JOBS files at a time (each mostly waits on one external tool:
// ansible-lint, ansible-playbook, shellcheck; node's own default is one fewer than the cores, one
// on the 2-core CI machine); the e2e tier runs one at a time (the Ansible file runs its own lanes).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planLanes } from './run-tests/lanes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TIERS = {
  unit: { dir: 'test', suffix: '.test.ts', args: [], share: true },
  tools: { dir: 'test/tools', suffix: '.test.ts', args: [], concurrent: true },
  e2e: { dir: 'test/e2e', suffix: '.e2e.ts', args: ['--test-concurrency=1'] },
};

const [tierName, ...picked] = process.argv.slice(2);
const tier = TIERS[tierName];
if (!tier) {
  console.error(`usage: node scripts/run-tests.mjs ${Object.keys(TIERS).join('|')} [FILE…]`);
  process.exit(2);
}
const sources = picked.length > 0 ? picked.map((f) => relative(root, join(process.cwd(), f))) : readdirSync(join(root, tier.dir)).filter((f) => f.endsWith(tier.suffix)).sort().map((f) => join(tier.dir, f));
/** The compiled file of a test source: test/a.test.ts → dist/test/a.test.js. */
const compiled = (source) => join('dist', source.replace(/\.ts$/, '.js'));
const missing = sources.map(compiled).filter((f) => !existsSync(join(root, f)));
if (missing.length > 0) {
  console.error(`not built (run npm run build): ${missing.join(', ')}`);
  process.exit(2);
}
const setup = join('dist', 'test', 'helpers', 'fast-check-seed.js');
const jobs = Number(process.env['TEJUN_TEST_JOBS'] || 2);
if (!Number.isInteger(jobs) || jobs < 1) {
  console.error(`TEJUN_TEST_JOBS must be a whole number ≥ 1, got ${process.env['TEJUN_TEST_JOBS']}`);
  process.exit(2);
}

if (!tier.share) {
  const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--import', `./${setup}`, ...tier.args, ...(tier.concurrent ? [`--test-concurrency=${jobs}`] : []), ...sources.map(compiled)], { cwd: root, stdio: 'inherit' });
  if (run.error) throw run.error;
  process.exit(run.status ?? 1);
}

// ---- unit: shared processes ----------------------------------------------------------------

/** The first-line mark of a file that needs a process of its own. */
const OWN_PROCESS = /^\/\/\s*tejun-test:\s*own-process\b/;
const ownProcess = new Set(sources.filter((s) => OWN_PROCESS.test(readFileSync(join(root, s), 'utf8').split('\n', 1)[0])));

const full = process.env['TEJUN_TEST_FULL'] === '1';
const timesFile = join(root, 'dist', 'test-cache', `test-times.${tierName}${full ? '.full' : ''}.json`);
const times = existsSync(timesFile) ? JSON.parse(readFileSync(timesFile, 'utf8')) : {};
const lanes = planLanes(sources, (s) => ownProcess.has(s), times, jobs);
const processes = lanes.flat();
const shared = processes.filter((p) => !p.own);
console.log(
  `${sources.length} files in ${processes.length} processes on ${lanes.length} lanes: ` +
    `${shared.map((p) => p.files.length).join(' + ') || 0} files sharing ${shared.length}, ` +
    `${ownProcess.size} alone (${[...ownProcess].join(', ') || 'none'})`,
);

const work = mkdtempSync(join(tmpdir(), 'tejun-tests-'));
const started = Date.now();
let printed = 0;

/**
 * Runs one process of the plan: its files through scripts/run-tests/files.mjs, the spec report
 * kept to print when it ends, the summary reporter's lines read back.
 */
function runProcess(proc, number) {
  const resultsFile = join(work, `${number}.jsonl`);
  const args = [
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/run-tests/summary-reporter.mjs', `--test-reporter-destination=${resultsFile}`,
    '--import', `./${setup}`, join('scripts', 'run-tests', 'files.mjs'), ...proc.files.map(compiled),
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.stack}\n`)));
    child.on('close', (code, signal) => {
      const title = proc.own ? `${proc.files[0]} (own process)` : `${proc.files.length} files sharing one process`;
      console.log(`\n▶ process ${++printed}/${processes.length}: ${title}\n`);
      process.stdout.write(Buffer.concat(output));
      const results = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
      resolve({ proc, code, signal, results });
    });
  });
}

let number = 0;
const ended = (await Promise.all(lanes.map(async (lane) => {
  const out = [];
  for (const proc of lane) out.push(await runProcess(proc, ++number));
  return out;
}))).flat();
rmSync(work, { recursive: true, force: true });

/** The source path of the file a test was declared in (dist/test/a.test.js → test/a.test.ts). */
const sourceOf = (file) => {
  if (!file) return '?';
  const rel = relative(root, file.startsWith('file:') ? fileURLToPath(file) : file);
  return rel.startsWith('dist/') ? rel.slice(5).replace(/\.js$/, '.ts') : rel;
};
const tests = ended.flatMap((e) => e.results).filter((r) => !r.suite);
const count = {
  tests: tests.length,
  pass: tests.filter((r) => r.ok && !r.skip && !r.todo).length,
  fail: tests.filter((r) => !r.ok && !r.todo).length,
  skipped: tests.filter((r) => r.skip).length,
  todo: tests.filter((r) => r.todo).length,
};
const failures = ended.flatMap((e) => e.results).filter((r) => !r.ok && !r.todo && !r.subtests);
const broken = ended.filter((e) => e.code !== 0 || e.signal !== null);

console.log(`\nℹ ${Object.entries(count).map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log(`ℹ ${sources.length} files in ${processes.length} processes, ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (failures.length > 0) {
  console.log('\n✖ failing tests:');
  for (const f of failures) console.log(`  ${sourceOf(f.file)}:${f.line ?? '?'}  ${f.name}\n      ${f.error}`);
}
for (const e of broken) {
  const why = e.signal ? `was killed by ${e.signal}` : `exited with code ${e.code}`;
  const failed = e.results.some((r) => !r.ok && !r.todo);
  if (!failed) console.log(`\n✖ the process of ${e.proc.files.join(', ')} ${why} with no failing test reported`);
}
if (broken.length > 0 || failures.length > 0) {
  const alone = [...new Set(failures.map((f) => sourceOf(f.file)))].filter((s) => sources.includes(s));
  if (alone.length > 0) console.log(`\nRun a file alone: node scripts/run-tests.mjs ${tierName} ${alone.join(' ')}`);
}

// Each file's time (its top-level tests), for the next run's balance.
const measured = {};
for (const r of ended.flatMap((e) => e.results)) {
  if (r.nesting !== 0) continue;
  const s = sourceOf(r.file);
  measured[s] = (measured[s] ?? 0) + r.ms;
}
mkdirSync(dirname(timesFile), { recursive: true });
writeFileSync(timesFile, `${JSON.stringify({ ...times, ...measured }, null, 1)}\n`);

process.exit(broken.length > 0 || count.fail > 0 ? 1 : 0);
