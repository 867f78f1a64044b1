#!/usr/bin/env node
/**
 * The long fuzz run: `npm run fuzz -- [--cases N] [--seed S] [--case I] [--workers W] [--cli-every K]
 * [--no-timing] [--timing-only]`. Needs `npm run build` first (the npm script does it).
 *
 * 1. Cases (scripts/fuzz/cases.mjs: mutated guides and fixtures — invalid encodings, BOMs, long
 *    lines, runs, deep nesting, hostile strings and file names) run in worker threads
 *    (scripts/fuzz/worker.mjs) through parseGuide, the step-graph JSON Schema, every generator,
 *    and every K-th case through the CLI's `compile` (in-process). Each case is timed: one over
 *    2 s is reported; one over 60 s has its worker stopped (reported as a timeout) and the run goes on.
 *    A case is replayed with `--seed S --case I`.
 * 2. The per-pattern timing table (scripts/fuzz/patterns.mjs): every regex applied to guide text,
 *    at 1 KB, 10 KB and 100 KB of crafted input; a pattern whose 100 KB / 10 KB ratio is over 15
 *    (or that takes over 20 s at 100 KB) is super-linear.
 * Prints cases run, outcomes, internal errors, schema violations, cases over 2 s and the table;
 * exits 1 when anything failed.
 */
import { setInterval, clearInterval } from 'node:timers';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const { values: opt } = parseArgs({
  options: {
    cases: { type: 'string', default: process.env.FUZZ_RUNS ?? '20000' },
    seed: { type: 'string', default: process.env.FUZZ_SEED ?? String(Date.now() % 2 ** 31) },
    case: { type: 'string' },
    workers: { type: 'string', default: '1' },
    'cli-every': { type: 'string', default: '200' },
    'no-timing': { type: 'boolean', default: false },
    'timing-only': { type: 'boolean', default: false },
  },
});
const SLOW_MS = 2000;
const KILL_MS = 60_000;
const PATTERN_KILL_MS = 20_000;
const MAX_RATIO = 15;
let failed = false;

/** Runs cases [from, to) on `workers` threads; returns the tallies. */
async function runCases(seed, from, to, workers, cliEvery) {
  const t = { run: 0, outcomes: {}, refused: {}, internal: [], schema: [], output: [], slow: [], timeouts: [], kinds: {} };
  const started = Date.now();
  const chunk = Math.ceil((to - from) / workers);
  const lanes = Array.from({ length: workers }, (_, w) => ({ from: from + w * chunk, to: Math.min(to, from + (w + 1) * chunk) })).filter((l) => l.from < l.to);
  await Promise.all(lanes.map((lane) => new Promise((resolve) => {
    const start = (at) => {
      if (at >= lane.to) return resolve();
      let current = null;
      const worker = new Worker(join(root, 'scripts/fuzz/worker.mjs'), { workerData: { root, seed, from: at, to: lane.to, cliEvery } });
      const watch = setInterval(() => {
        if (current && Date.now() - current.at > KILL_MS) {
          clearInterval(watch);
          t.run++;
          t.timeouts.push(current.i);
          void worker.terminate().then(() => start(current.i + 1));
        }
      }, 500);
      worker.on('message', (m) => {
        if (m.type === 'start') current = { i: m.i, at: Date.now() };
        else if (m.type === 'done') {
          current = null;
          t.run++;
          t.outcomes[m.outcome] = (t.outcomes[m.outcome] ?? 0) + 1;
          t.kinds[m.kind] = (t.kinds[m.kind] ?? 0) + 1;
          if (m.outcome === 'refused') t.refused[m.detail] = (t.refused[m.detail] ?? 0) + 1;
          else if (m.outcome !== 'ok') t[m.outcome].push({ i: m.i, detail: m.detail, kind: m.kind });
          if (m.ms > SLOW_MS) t.slow.push({ i: m.i, ms: Math.round(m.ms), kind: m.kind });
          if (t.run % 5000 === 0) console.error(`fuzz: ${t.run} cases, ${((Date.now() - started) / 1000).toFixed(0)} s`);
        } else if (m.type === 'end') {
          clearInterval(watch);
          resolve();
        }
      });
      worker.on('error', (e) => {
        clearInterval(watch);
        t.run++;
        t.internal.push({ i: current?.i ?? -1, detail: `worker: ${e?.stack ?? e}`, kind: '?' });
        start((current?.i ?? lane.to) + 1);
      });
    };
    start(lane.from);
  })));
  t.seconds = (Date.now() - started) / 1000;
  return t;
}

/** Times every pattern (scripts/fuzz/patterns.mjs) in a worker, restarting it past a stuck one. */
async function timePatterns() {
  let patterns = [];
  const results = new Map();
  const run = (from) => new Promise((resolve) => {
    const worker = new Worker(join(root, 'scripts/fuzz/patterns.mjs'), { workerData: { role: 'patterns', root, from } });
    let current = null;
    const watch = setInterval(() => {
      if (current && Date.now() - current.at > PATTERN_KILL_MS) {
        clearInterval(watch);
        results.set(current.index, { input: current.input, t1: NaN, t10: NaN, t100: Infinity, ratio: Infinity });
        void worker.terminate().then(() => resolve(current.index + 1));
      }
    }, 250);
    worker.on('message', (m) => {
      if (m.type === 'list') patterns = m.patterns;
      else if (m.type === 'start') current = { index: m.index, input: m.input, at: Date.now() };
      else if (m.type === 'done') {
        current = null;
        if (m.result) results.set(m.index, m.result);
      } else if (m.type === 'end') {
        clearInterval(watch);
        resolve(null);
      }
    });
    worker.on('error', (e) => {
      clearInterval(watch);
      console.log(`patterns: worker error ${e?.stack ?? e}`);
      resolve(current ? current.index + 1 : null);
    });
  });
  let next = 0;
  while (next !== null) next = await run(next);
  return patterns.map((p, i) => ({ ...p, ...results.get(i) })).filter((p) => p.ratio !== undefined);
}

const ms = (x) => (Number.isFinite(x) ? x.toFixed(3) : x === Infinity ? '>20 s' : '-');

if (!opt['timing-only']) {
  const seed = Number(opt.seed);
  const from = opt.case === undefined ? 0 : Number(opt.case);
  const to = opt.case === undefined ? Number(opt.cases) : from + 1;
  const t = await runCases(seed, from, to, Math.max(1, Number(opt.workers)), Number(opt['cli-every']));
  const bad = t.internal.length + t.schema.length + t.output.length + t.slow.length + t.timeouts.length;
  if (bad) failed = true;
  console.log(`fuzz: ${t.run} cases (seed ${seed}) in ${t.seconds.toFixed(0)} s: ${JSON.stringify(t.outcomes)}`);
  console.log(`  refused with a rule id (exit 1): ${JSON.stringify(t.refused)}`);
  console.log(`  mutations: ${JSON.stringify(t.kinds)}`);
  console.log(`  internal errors: ${t.internal.length}, schema violations: ${t.schema.length}, unsafe output names: ${t.output.length}, cases over ${SLOW_MS / 1000} s: ${t.slow.length}, timeouts (> ${KILL_MS / 1000} s): ${t.timeouts.length}`);
  for (const x of [...t.internal, ...t.schema, ...t.output].slice(0, 10)) console.log(`  case ${x.i} [${x.kind}]: ${x.detail}`);
  for (const x of t.slow.slice(0, 10)) console.log(`  slow: case ${x.i} [${x.kind}] ${x.ms} ms`);
  for (const i of t.timeouts.slice(0, 10)) console.log(`  timeout: case ${i}`);
  if (bad) console.log(`  replay one: node scripts/fuzz.mjs --seed ${seed} --case N`);
}

if (!opt['no-timing'] && opt.case === undefined) {
  const timed = await timePatterns();
  const families = new Map();
  for (const p of timed) {
    const f = families.get(p.family);
    if (!f || p.ratio > f.worst.ratio) families.set(p.family, { worst: p, n: (f?.n ?? 0) + 1 });
    else f.n++;
  }
  console.log(`\npatterns: ${timed.length} regexes in ${families.size} families, each at 1 KB / 10 KB / 100 KB of its worst crafted input (ms)`);
  console.log(`${'family'.padEnd(44)} ${'n'.padStart(3)}  ${'1 KB'.padStart(8)} ${'10 KB'.padStart(8)} ${'100 KB'.padStart(9)}  ratio  worst pattern (input)`);
  for (const [family, { worst: p, n }] of [...families].sort((a, b) => a[0].localeCompare(b[0]))) {
    const ok = p.ratio <= MAX_RATIO;
    if (!ok) failed = true;
    console.log(`${family.padEnd(44)} ${String(n).padStart(3)}  ${ms(p.t1).padStart(8)} ${ms(p.t10).padStart(8)} ${ms(p.t100).padStart(9)}  ${(Number.isFinite(p.ratio) ? p.ratio.toFixed(1) : 'inf').padStart(5)}  ${ok ? '' : 'SUPERLINEAR '}/${p.source.slice(0, 50)}/${p.flags}${p.line ? ` :${p.line}` : ''} ${p.input}`);
  }
  const superlinear = timed.filter((p) => !(p.ratio <= MAX_RATIO));
  console.log(`super-linear patterns (ratio > ${MAX_RATIO}): ${superlinear.length}`);
  for (const p of superlinear) console.log(`  ${p.family}:${p.line} /${p.source}/${p.flags} ratio ${Number.isFinite(p.ratio) ? p.ratio.toFixed(1) : 'inf'} on ${p.input}`);
}
process.exitCode = failed ? 1 : 0;
