// `npm run bench`: tejun's speed on this machine, as one table written to bench/results.md.
//
//   cold      fresh `tejun compile` of every guide in guides/ to all targets (examples/site.yaml)
//   floor     fresh process that only loads the kuromoji dictionary and remark-parses the same bytes
//   warm      MB/s compiling (all targets, in one process, dictionary loaded) a ≥ 20 MB corpus
//             built from the real guides, copies varied so that content caches cannot hit
//   scaling   parse + generate time of the corpus at 1×, 4×, 16× and the fitted exponent
//   rebuild   `tejun build` with nothing changed
//   memory    peak RSS of the cold run
//
// Wall times are the targets' measure; CPU times (user + system, all threads) are printed beside
// them because the machine may be shared: under load, wall time mostly measures the other jobs.
//
// Medians of several runs. Options: --runs N (cold/floor, default 5), --warm-mb N (default 20),
// --warm-runs N (default 3), --quick (3 runs, 4 MB warm corpus, for trying things out).
// Needs `npm run build` first (the npm script does it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus, writeScaled } from './corpus.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const quick = args.includes('--quick');
const RUNS = option('--runs', quick ? 3 : 5);
const WARM_MB = option('--warm-mb', quick ? 4 : 20);
const WARM_RUNS = option('--warm-runs', quick ? 1 : 3);
const SCALES = [1, 4, 16];

const guides = readdirSync(join(root, 'guides'))
  .filter((f) => /\.(txt|html)$/.test(f)) // as `npm run main`: SOURCES.md is not a guide
  .sort()
  .map((f) => join(root, 'guides', f));
const guideBytes = guides.reduce((sum, g) => sum + statSync(g).size, 0);
const tejun = join(root, 'bin', 'tejun.js');
const siteVars = join(root, 'examples', 'site.yaml');
const work = mkdtempSync(join(tmpdir(), 'tejun-bench-'));
const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);

const loadAvgBefore = loadavg().map((l) => l.toFixed(2)).join(" ");
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const log = (s) => process.stderr.write(`${s}\n`);

/**
 * Runs `node ARGS…` as a fresh process. @returns wall time (ms), CPU time (user + system, ms, all
 * threads) and peak RSS (KB, all threads).
 * @throws when the process fails.
 */
function timeNode(nodeArgs) {
  const rssFile = join(work, 'rss');
  rmSync(rssFile, { force: true });
  const [cmd, argv] = hasTime
    ? [TIME, ['-f', '%M %U %S', '-o', rssFile, process.execPath, ...nodeArgs]]
    : [process.execPath, ['--import', join(root, 'bench', 'rss-hook.mjs'), ...nodeArgs]];
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd: root, env: { ...process.env, TEJUN_BENCH_RSS: rssFile }, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`node ${nodeArgs.join(' ')} exited ${r.status}: ${r.stderr}`);
  const [rss, user, sys] = readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { ms, cpu: (user + sys) * 1000, rss };
}

/** Cold and floor runs interleaved, so that load on the machine affects both alike. */
function coldAndFloor() {
  const cold = [];
  const floor = [];
  const floorTejun = [];
  const out = join(work, 'cold');
  for (let i = 0; i < RUNS; i++) {
    rmSync(out, { recursive: true, force: true });
    cold.push(timeNode([tejun, 'compile', ...guides, '--target', 'all', '--vars', siteVars, '-o', out]));
    floor.push(timeNode([join(root, 'bench', 'floor.mjs'), ...guides]));
    floorTejun.push(timeNode([join(root, 'bench', 'floor.mjs'), '--tejun-loader', ...guides]));
    log(`  run ${i + 1}/${RUNS}: cold ${cold.at(-1).ms.toFixed(0)} ms (cpu ${cold.at(-1).cpu.toFixed(0)}), floor ${floor.at(-1).ms.toFixed(0)} ms (cpu ${floor.at(-1).cpu.toFixed(0)}), floor with tejun's loader ${floorTejun.at(-1).ms.toFixed(0)} ms`);
  }
  return {
    cold: median(cold.map((r) => r.ms)),
    floor: median(floor.map((r) => r.ms)),
    floorTejun: median(floorTejun.map((r) => r.ms)),
    coldCpu: median(cold.map((r) => r.cpu)),
    floorCpu: median(floor.map((r) => r.cpu)),
    rss: median(cold.map((r) => r.rss)),
    rssMax: Math.max(...cold.map((r) => r.rss)),
  };
}

/** Compiles `paths` to all targets in this process through the CLI (worker threads included). */
async function compileInProcess(main, paths, out) {
  const sink = { write: () => true };
  const code = await main(['node', 'tejun', 'compile', ...paths, '--target', 'all', '--vars', siteVars, '--allow-unbound', '-o', out], { stdout: sink, stderr: sink });
  if (code !== 0) throw new Error(`compile exited ${code}`);
}

/** Warm throughput: MB/s over a corpus of at least WARM_MB megabytes, dictionary already loaded. */
async function warm(main) {
  const corpus = writeCorpus(guides, join(work, 'warm'), WARM_MB * 1e6, 4);
  log(`  corpus: ${corpus.paths.length} files, ${(corpus.bytes / 1e6).toFixed(1)} MB`);
  await compileInProcess(main, guides, join(work, 'warm-out'));
  // With each run, two references over the same corpus on the same number of threads (taking
  // turns, so that load on the machine affects all three alike): tejun's parse stage alone, and
  // the parsers it is built on alone (remark-parse + GFM, rehype-parse).
  const parseOnly = (...args) => {
    const r = spawnSync(process.execPath, [join(root, 'bench', 'parse-only.mjs'), ...args, join(root, 'guides'), ...corpus.paths], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`bench/parse-only.mjs exited ${r.status}: ${r.stderr}`);
    return JSON.parse(r.stdout).mbps;
  };
  const times = [];
  const cpus = [];
  const ceilings = [];
  const libraries = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    rmSync(join(work, 'warm-out'), { recursive: true, force: true });
    const start = performance.now();
    const cpu0 = process.cpuUsage();
    await compileInProcess(main, corpus.paths, join(work, 'warm-out'));
    times.push(performance.now() - start);
    const cpu = process.cpuUsage(cpu0);
    cpus.push((cpu.user + cpu.system) / 1000);
    ceilings.push(parseOnly());
    libraries.push(parseOnly('--libraries'));
    log(`  run ${i + 1}/${WARM_RUNS}: ${(times.at(-1) / 1000).toFixed(1)} s (cpu ${(cpus.at(-1) / 1000).toFixed(1)} s); parse stage alone ${ceilings.at(-1).toFixed(2)} MB/s, parsing libraries alone ${libraries.at(-1).toFixed(2)} MB/s`);
  }
  rmSync(join(work, 'warm'), { recursive: true, force: true });
  rmSync(join(work, 'warm-out'), { recursive: true, force: true });
  return { mbps: corpus.bytes / 1e6 / (median(times) / 1000), cpuMbps: corpus.bytes / 1e6 / (median(cpus) / 1000), bytes: corpus.bytes, files: corpus.paths.length, ceiling: median(ceilings), libraries: median(libraries) };
}

/**
 * Scaling: every guide repeated 1×, 4×, 16× (one file each), parsed and generated to all targets
 * in this process (the library path, one thread: the passes' own complexity). Exponent b of
 * time = a·size^b, fitted by least squares on log–log.
 */
async function scaling(lib, vars) {
  const points = [];
  for (const factor of SCALES) {
    const set = writeScaled(guides, join(work, `scale-${factor}`), factor);
    const runs = factor >= 16 ? Math.max(1, Math.min(RUNS, 2)) : RUNS;
    const times = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      for (const path of set.paths) {
        const graph = await lib.parseGuide(path);
        for (const target of lib.TARGETS) lib.generate(target, graph, { vars, allowUnbound: true });
      }
      times.push(performance.now() - start);
    }
    points.push({ factor, bytes: set.bytes, ms: median(times) });
    log(`  ${factor}×: ${(set.bytes / 1e6).toFixed(2)} MB in ${median(times).toFixed(0)} ms`);
    rmSync(join(work, `scale-${factor}`), { recursive: true, force: true });
  }
  const xs = points.map((p) => Math.log(p.bytes));
  const ys = points.map((p) => Math.log(p.ms));
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  const exponent = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  return { points, exponent };
}

/** No-change rebuild: `tejun build` on examples/project, primed once, then timed. */
function rebuild() {
  const help = spawnSync(process.execPath, [tejun, 'build', '--help'], { cwd: root, encoding: 'utf8' });
  if (help.status !== 0 || !/Usage: tejun build/.test(help.stdout)) return { text: 'n/a (tejun build not available)' };
  const project = join(root, 'examples', 'project');
  if (!existsSync(project)) return { text: 'n/a (no examples/project to build)' };
  try {
    timeNode([tejun, 'build', '-C', project]);
    const times = [];
    for (let i = 0; i < RUNS; i++) times.push(timeNode([tejun, 'build', '-C', project]).ms);
    return { ms: median(times), text: `${median(times).toFixed(0)} ms` };
  } catch (error) {
    return { text: `n/a (tejun build -C examples/project failed: ${String(error.message).split('\n')[0]})` };
  }
}

const fmtMs = (ms) => `${(ms / 1000).toFixed(2)} s`;
const verdict = (ok) => (ok ? 'yes' : '**no**');

try {
  log(`cold and floor (${RUNS} runs each, ${guides.length} guides, ${(guideBytes / 1e3).toFixed(0)} kB)`);
  const cf = coldAndFloor();
  const lib = await import(join(root, 'dist', 'src', 'index.js'));
  const { main } = await import(join(root, 'dist', 'src', 'cli', 'index.js'));
  const vars = lib.loadVars(readFileSync(siteVars, 'utf8'), siteVars).vars;
  log(`warm throughput (${WARM_RUNS} runs)`);
  const w = await warm(main);
  log('scaling');
  const sc = await scaling(lib, vars);
  log('no-change rebuild');
  const rb = rebuild();
  const ratio = cf.cold / cf.floor;
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const rows = [
    ['cold: `tejun compile guides/* --target all` (fresh process)', `${fmtMs(cf.cold)} (cpu ${fmtMs(cf.coldCpu)})`, '', ''],
    ['floor: kuromoji dictionary + remark-parse of the same bytes (fresh process)', `${fmtMs(cf.floor)} (cpu ${fmtMs(cf.floorCpu)})`, '', ''],
    ['**cold / floor**', `**${ratio.toFixed(2)}** (cpu ${(cf.coldCpu / cf.floorCpu).toFixed(2)})`, '≤ 1.3', verdict(ratio <= 1.3)],
    ["reference: floor with tejun's own dictionary loader (`bench/floor.mjs --tejun-loader`)", fmtMs(cf.floorTejun), '', ''],
    ["reference: cold / floor with tejun's loader", (cf.cold / cf.floorTejun).toFixed(2), '', ''],
    [`warm throughput (${w.files} files, ${(w.bytes / 1e6).toFixed(1)} MB, all targets, one process, default --jobs)`, `${w.mbps.toFixed(2)} MB/s (${w.cpuMbps.toFixed(2)} MB per cpu-second)`, '≥ 2', verdict(w.mbps >= 2)],
    [`reference: tejun's parse stage alone (\`parseBlocks\`) over the same corpus on the same ${availableParallelism()} threads (\`bench/parse-only.mjs\`)`, `${w.ceiling.toFixed(2)} MB/s`, '', ''],
    [`reference: the parsing libraries alone (remark-parse + GFM for Markdown, rehype-parse for HTML; nothing for plain text) over the same corpus on the same ${availableParallelism()} threads (\`bench/parse-only.mjs --libraries\`)`, `${w.libraries.toFixed(2)} MB/s`, '', ''],
    ['reference: warm throughput / parsing libraries alone', (w.mbps / w.libraries).toFixed(2), '', ''],
    ...sc.points.map((p) => [`scaling ${p.factor}× (${(p.bytes / 1e6).toFixed(2)} MB, parse + generate)`, fmtMs(p.ms), '', '']),
    ['scaling exponent (log–log least squares, 1×…16×)', sc.exponent.toFixed(2), '≤ 1.1', verdict(sc.exponent <= 1.1)],
    ['no-change rebuild: `tejun build`', rb.text, '', ''],
    ['peak RSS of the cold run (median; max)', `${(cf.rss / 1024).toFixed(0)} MB; ${(cf.rssMax / 1024).toFixed(0)} MB`, '≤ 450 MB', verdict(cf.rssMax / 1024 <= 450)],
  ];
  const table = [
    '| measure | value | target | met |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
  const doc = `# tejun benchmark

Written by \`npm run bench\` (bench/run.mjs); medians of ${RUNS} runs for cold, floor and the 1×/4×
scaling points, ${WARM_RUNS} for warm throughput, ${Math.max(1, Math.min(RUNS, 2))} for 16×.

${table}

Machine: ${cpus().length} cores (availableParallelism ${availableParallelism()}), ${cpu},
${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, load average before the run ${loadAvgBefore}, Node ${process.version},
${process.platform}/${process.arch}, ${new Date().toISOString().slice(0, 10)}.
Peak RSS and CPU time (user + system, all threads) measured with ${hasTime ? '`/usr/bin/time -f "%M %U %S"`' : 'process.resourceUsage() in the child'}.
Corpus: ${guides.length} guides, ${(guideBytes / 1e3).toFixed(0)} kB; warm and scaling copies are varied (a
\`v<k>\` mark on every Japanese line and heading, a \`vq<letters>\` mark before every 、 and 。 of those lines,
IPv4 third octets shifted) so content caches, the per-piece token cache included, miss.
`;
  writeFileSync(join(root, 'bench', 'results.md'), doc);
  process.stdout.write(`${table}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
