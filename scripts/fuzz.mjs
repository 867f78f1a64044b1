#!/usr/bin/env node
/**
 * The long fuzz run: `npm run fuzz -- [--cases N] [--from F] [--seed S] [--case I] [--workers W] [--cli-every K]
 * [--no-timing] [--timing-only] [--family PREFIX ...]`. Needs `npm run build` first (the npm script does it).
 *
 * 1. Cases (scripts/fuzz/cases.mjs: mutated guides and fixtures — invalid encodings, BOMs, long
 *    lines, runs, deep nesting, hostile strings and file names) run in child processes, one per
 *    lane (scripts/fuzz/worker.mjs), through parseGuide, the step-graph JSON Schema, every
 *    generator, and every K-th case through the CLI's `compile` (in-process). Each case is timed
 *    in CPU time of its process (robust to the machine's load) and in wall time: one over 2 s of
 *    CPU is run again once and is slow when the second run is over 2 s too; one over 60 s of wall has its lane killed (reported as a timeout)
 *    and the run goes on.
 *    A case is replayed with `--seed S --case I`; `--from F` runs cases F..F+N-1 (a long run split
 *    in parts). SIGINT/SIGTERM print the tallies so far.
 * 2. The per-pattern timing table (scripts/fuzz/patterns.mjs, in a child process, CPU time): every
 *    regex applied to guide text (source literals, grammars, lexicon), at 1 KB, 10 KB and 100 KB of
 *    crafted input (the 10 KB and 100 KB inputs timed in turn, the least of 7 each); a pattern
 *    whose 100 KB / 10 KB ratio is over 15 at first is timed again once, and is super-linear
 *    when that ratio is over 15 too; so is one whose timing process is stuck over 120 s of wall
 *    time on it.
 *    `--family PREFIX` (repeatable) times only the families starting with PREFIX (e.g.
 *    `--family src/nlp/ --family grammars/`) and prints one row per pattern as well.
 * Prints cases run, outcomes, internal errors, schema violations, cases over 2 s and the table;
 * exits 1 when anything failed.
 */
import { setInterval, clearInterval } from 'node:timers';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const { values: opt } = parseArgs({
  options: {
    cases: { type: 'string', default: process.env.FUZZ_RUNS ?? '20000' },
    seed: { type: 'string', default: process.env.FUZZ_SEED ?? String(Date.now() % 2 ** 31) },
    case: { type: 'string' },
    from: { type: 'string', default: '0' },
    workers: { type: 'string', default: '1' },
    'cli-every': { type: 'string', default: '200' },
    'no-timing': { type: 'boolean', default: false },
    'timing-only': { type: 'boolean', default: false },
    family: { type: 'string', multiple: true },
  },
});
const SLOW_MS = 2000;
const KILL_MS = 60_000;
const PATTERN_KILL_MS = 120_000; // wall time: generous, as a loaded machine gives the process a small share of a core
const MAX_RATIO = 15;
let failed = false;

/**
 * Runs cases [from, to) on `workers` lanes, each a child process (scripts/fuzz/worker.mjs) so that
 * each case's CPU time is its own (worker threads would share process.cpuUsage); returns the tallies.
 * A case over SLOW_MS of CPU time is slow; a lane stuck over KILL_MS of wall time on one case, or
 * that dies, is killed and restarted past it.
 */
async function runCases(t, seed, from, to, workers, cliEvery) {
  const started = t.started;
  const chunk = Math.ceil((to - from) / workers);
  const lanes = Array.from({ length: workers }, (_, w) => ({ from: from + w * chunk, to: Math.min(to, from + (w + 1) * chunk) })).filter((l) => l.from < l.to);
  await Promise.all(lanes.map((lane) => new Promise((resolve) => {
    const start = (at) => {
      if (at >= lane.to) return resolve();
      let current = null;
      let ended = false;
      let next = null;
      const child = fork(join(root, 'scripts/fuzz/worker.mjs'), [JSON.stringify({ root, seed, from: at, to: lane.to, cliEvery, slowMs: SLOW_MS })], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      lanesAlive.add(child);
      const watch = setInterval(() => {
        if (current && Date.now() - current.at > KILL_MS) {
          clearInterval(watch);
          t.run++;
          t.timeouts.push(current.i);
          console.error(`fuzz: case ${current.i} still running after ${KILL_MS / 1000} s of wall time: lane killed, counted as a timeout (replay: --seed ${seed} --case ${current.i})`);
          next = current.i + 1;
          current = null;
          child.kill('SIGKILL');
        }
      }, 500);
      child.on('message', (m) => {
        if (m.type === 'start') current = { i: m.i, at: Date.now() };
        else if (m.type === 'done') {
          current = null;
          t.run++;
          t.outcomes[m.outcome] = (t.outcomes[m.outcome] ?? 0) + 1;
          t.kinds[m.kind] = (t.kinds[m.kind] ?? 0) + 1;
          t.cpuMs += m.cpuMs;
          t.wallMs += m.wallMs;
          if (m.cpuMs > t.maxCpu.ms) t.maxCpu = { i: m.i, ms: m.cpuMs, kind: m.kind };
          if (m.wallMs > t.maxWall.ms) t.maxWall = { i: m.i, ms: m.wallMs, kind: m.kind };
          if (m.outcome === 'refused') t.refused[m.detail] = (t.refused[m.detail] ?? 0) + 1;
          else if (m.outcome !== 'ok') t[m.outcome].push({ i: m.i, detail: m.detail, kind: m.kind });
          if (m.cpuMs > SLOW_MS) {
            // Over the limit at first: run again once in the same lane; slow only when the second run is over too
            // (a burst of contention on a loaded machine inflates CPU time too, and does not repeat).
            t.firstOver++;
            if (m.retryCpuMs > SLOW_MS) t.slow.push({ i: m.i, cpu: Math.round(m.cpuMs), retry: Math.round(m.retryCpuMs), wall: Math.round(m.wallMs), kind: m.kind });
            else t.notRepeated.push({ i: m.i, cpu: Math.round(m.cpuMs), retry: Math.round(m.retryCpuMs) });
          }
          if (m.wallMs > SLOW_MS) t.slowWall++;
          if (t.run % 1000 === 0) console.error(`fuzz: ${t.run} cases, ${((Date.now() - started) / 1000).toFixed(0)} s wall, ${(t.cpuMs / 1000).toFixed(0)} s CPU in cases; internal ${t.internal.length}, schema ${t.schema.length}, output ${t.output.length}, over ${SLOW_MS / 1000} s CPU ${t.slow.length}${t.slow.length ? ` (last: case ${t.slow.at(-1).i} ${t.slow.at(-1).cpu} ms)` : ''}, timeouts ${t.timeouts.length}; slowest ${t.maxCpu.i} ${Math.round(t.maxCpu.ms)} ms CPU`);
        } else if (m.type === 'end') ended = true;
      });
      child.on('exit', (code, signal) => {
        clearInterval(watch);
        lanesAlive.delete(child);
        if (ended) return resolve();
        if (next === null) {
          // The lane died on a case (a crash of the process itself, e.g. out of memory).
          t.run++;
          t.internal.push({ i: current?.i ?? -1, detail: `lane exited (code ${code}, signal ${signal})`, kind: '?' });
          next = (current?.i ?? lane.to) + 1;
        }
        start(next);
      });
    };
    start(lane.from);
  })));
  return t;
}

/** The lanes running (killed when the driver is stopped). */
const lanesAlive = new Set();

/** Prints the tallies of a case run (at its end, or so far when the driver is stopped). */
function report(t, seed, partial) {
  t.seconds = (Date.now() - t.started) / 1000;
  const bad = t.internal.length + t.schema.length + t.output.length + t.slow.length + t.timeouts.length;
  if (bad || partial) failed = true;
  console.log(`fuzz: ${t.run} cases (seed ${seed}, cases ${t.from}..${t.from + t.run - 1}${partial ? ', STOPPED before the end' : ''}) in ${t.seconds.toFixed(0)} s: ${JSON.stringify(t.outcomes)}`);
  console.log(`  refused with a rule id (exit 1): ${JSON.stringify(t.refused)}`);
  console.log(`  mutations: ${JSON.stringify(t.kinds)}`);
  console.log(`  time: ${(t.cpuMs / 1000).toFixed(1)} s CPU, ${(t.wallMs / 1000).toFixed(1)} s wall in cases (mean ${(t.cpuMs / Math.max(1, t.run)).toFixed(1)} ms CPU, ${(t.wallMs / Math.max(1, t.run)).toFixed(1)} ms wall); slowest case ${t.maxCpu.i} ${Math.round(t.maxCpu.ms)} ms CPU [${t.maxCpu.kind}], slowest wall ${t.maxWall.i} ${Math.round(t.maxWall.ms)} ms [${t.maxWall.kind}]; cases over ${SLOW_MS / 1000} s wall (load, not counted): ${t.slowWall}`);
  console.log(`  over ${SLOW_MS / 1000} s CPU at the first run: ${t.firstOver}, of which under it when run again: ${t.notRepeated.length}${t.notRepeated.length ? ` (${t.notRepeated.slice(0, 10).map((x) => `case ${x.i}: ${x.cpu} then ${x.retry} ms`).join(', ')})` : ''}`);
  console.log(`  internal errors: ${t.internal.length}, schema violations: ${t.schema.length}, unsafe output names: ${t.output.length}, cases over ${SLOW_MS / 1000} s CPU (twice): ${t.slow.length}, timeouts (> ${KILL_MS / 1000} s wall): ${t.timeouts.length}`);
  for (const x of [...t.internal, ...t.schema, ...t.output].slice(0, 10)) console.log(`  case ${x.i} [${x.kind}]: ${x.detail}`);
  for (const x of t.slow.slice(0, 20)) console.log(`  slow: case ${x.i} [${x.kind}] ${x.cpu} ms CPU, again ${x.retry} ms (${x.wall} ms wall)`);
  for (const i of t.timeouts.slice(0, 10)) console.log(`  timeout: case ${i}`);
  if (bad) console.log(`  replay one: node scripts/fuzz.mjs --seed ${seed} --case N`);
}

/** Times every pattern (scripts/fuzz/patterns.mjs) in a child process, restarting it past a stuck one. */
async function timePatterns() {
  let patterns = [];
  let unresolved = [];
  const results = new Map();
  const run = (from) => new Promise((resolve) => {
    const child = fork(join(root, 'scripts/fuzz/patterns.mjs'), [JSON.stringify({ root, from, families: opt.family ?? [], maxRatio: MAX_RATIO })], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    let current = null;
    let next = null;
    const watch = setInterval(() => {
      if (current && Date.now() - current.at > PATTERN_KILL_MS) {
        clearInterval(watch);
        results.set(current.index, { input: current.input, t1: NaN, t10: NaN, t100: Infinity, ratio: Infinity });
        next = current.index + 1;
        child.kill('SIGKILL');
      }
    }, 250);
    child.on('message', (m) => {
      if (m.type === 'list') ({ patterns, unresolved } = m);
      else if (m.type === 'start') current = { index: m.index, input: m.input, at: Date.now() };
      else if (m.type === 'done') {
        current = null;
        if (m.result) results.set(m.index, m.result);
      } else if (m.type === 'end') next = null;
    });
    child.on('exit', (code) => {
      clearInterval(watch);
      if (next === null && code !== 0 && current) {
        console.log(`patterns: the timing process exited with ${code} on pattern ${current.index}`);
        next = current.index + 1;
      }
      resolve(next);
    });
  });
  let next = 0;
  while (next !== null) next = await run(next);
  return { timed: patterns.map((p, i) => ({ ...p, ...results.get(i) })).filter((p) => p.ratio !== undefined), unresolved };
}

const ms = (x) => (Number.isFinite(x) ? x.toFixed(3) : x === Infinity ? `>${PATTERN_KILL_MS / 1000} s wall` : '-');

if (!opt['timing-only']) {
  const seed = Number(opt.seed);
  const from = opt.case === undefined ? Number(opt.from) : Number(opt.case);
  const to = opt.case === undefined ? from + Number(opt.cases) : from + 1;
  const t = { started: Date.now(), from, run: 0, outcomes: {}, refused: {}, internal: [], schema: [], output: [], slow: [], firstOver: 0, notRepeated: [], slowWall: 0, timeouts: [], kinds: {}, cpuMs: 0, wallMs: 0, maxCpu: { ms: 0 }, maxWall: { ms: 0 } };
  const stop = () => {
    for (const child of lanesAlive) child.kill('SIGKILL');
    report(t, seed, true);
    process.exit(1);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await runCases(t, seed, from, to, Math.max(1, Number(opt.workers)), Number(opt['cli-every']));
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  report(t, seed, false);
}

if (!opt['no-timing'] && opt.case === undefined) {
  const { timed, unresolved } = await timePatterns();
  const families = new Map();
  for (const p of timed) {
    const f = families.get(p.family);
    if (!f || p.ratio > f.worst.ratio) families.set(p.family, { worst: p, n: (f?.n ?? 0) + 1 });
    else f.n++;
  }
  console.log(`\npatterns: ${timed.length} regexes in ${families.size} families, each at 1 KB / 10 KB / 100 KB of its worst crafted input (ms of CPU)`);
  console.log(`${'family'.padEnd(44)} ${'n'.padStart(3)}  ${'1 KB'.padStart(8)} ${'10 KB'.padStart(8)} ${'100 KB'.padStart(9)}  ratio  worst pattern (input)`);
  for (const [family, { worst: p, n }] of [...families].sort((a, b) => a[0].localeCompare(b[0]))) {
    const ok = p.ratio <= MAX_RATIO;
    if (!ok) failed = true;
    console.log(`${family.padEnd(44)} ${String(n).padStart(3)}  ${ms(p.t1).padStart(8)} ${ms(p.t10).padStart(8)} ${ms(p.t100).padStart(9)}  ${(Number.isFinite(p.ratio) ? p.ratio.toFixed(1) : 'inf').padStart(5)}  ${ok ? '' : 'SUPERLINEAR '}/${p.source.slice(0, 50)}/${p.flags}${p.line ? ` :${p.line}` : ''} ${p.input}`);
  }
  if (opt.family) for (const p of timed) console.log(`  ${(Number.isFinite(p.ratio) ? p.ratio.toFixed(1) : 'inf').padStart(6)} ${ms(p.t1).padStart(8)} ${ms(p.t10).padStart(8)} ${ms(p.t100).padStart(9)}  ${p.family}:${p.line} /${p.source}/${p.flags} ${p.input}`);
  const retimed = timed.filter((p) => p.firstRatio !== undefined);
  console.log(`timed again (over ${MAX_RATIO} at first): ${retimed.length}${retimed.length ? ` (${retimed.map((p) => `${p.family}:${p.line} ${p.firstRatio.toFixed(1)} then ${p.ratio.toFixed(1)}`).join(', ')})` : ''}`);
  console.log(`RegExp(…) built at run time, not timed here (data patterns are timed as loaded, under grammars/): ${unresolved.length}${unresolved.length ? ` (${unresolved.join(', ')})` : ''}`);
  const superlinear = timed.filter((p) => !(p.ratio <= MAX_RATIO));
  console.log(`super-linear patterns (ratio > ${MAX_RATIO}): ${superlinear.length}`);
  for (const p of superlinear) console.log(`  ${p.family}:${p.line} /${p.source}/${p.flags} ratio ${Number.isFinite(p.ratio) ? p.ratio.toFixed(1) : 'inf'} on ${p.input}`);
}
process.exitCode = failed ? 1 : 0;
