// Generation alone: MB of guide per CPU-second for each target (bash, ansible, checklist).
//
// Builds a varied corpus from guides/* (bench/corpus.mjs writeCorpus, default 4.9 MB), parses
// every file into its step graph once (not timed), then runs `generate(target, graph, options)`
// over all graphs, several rounds per target, and prints the median CPU time per round
// (process.cpuUsage(): user + system of the whole process, so GC threads count too; the machine
// may be shared, so wall time is printed only beside it). Options (examples/site.yaml bound,
// unbound placeholders allowed, as `tejun compile --vars examples/site.yaml --allow-unbound`).
//
//   node bench/generate.mjs [--mb N] [--rounds N] [--graphs FILE] [--profile DIR] [--out DIR]
//
//   --mb N         corpus size in MB (default 4.9)
//   --rounds N     timed rounds per target (default 5; one untimed warm-up round first)
//   --graphs FILE  cache of the parsed step graphs (JSON): read when it exists, else written;
//                  saves the parse (about a minute of CPU for 4.9 MB) when rerunning
//   --profile DIR  also write one V8 CPU profile per target (DIR/<target>.cpuprofile, one
//                  round of generation only) and print its top functions by self time
//   --out DIR      write every generated file to DIR/<target>/… (to diff two versions)
//
// Needs `npm run build` first.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const MB = Number(option('--mb', '4.9'));
const ROUNDS = Number(option('--rounds', '5'));
const graphsFile = option('--graphs', null);
const profileDir = option('--profile', null);
const outDir = option('--out', null);
const log = (s) => process.stderr.write(`${s}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const lib = await import(join(root, 'dist', 'src', 'index.js'));
const { vars } = lib.loadVars(readFileSync(join(root, 'examples', 'site.yaml'), 'utf8'), 'examples/site.yaml');
const options = { vars, allowUnbound: true };

/** The corpus's step graphs and its size in bytes, parsed now or read from --graphs. */
async function corpusGraphs() {
  if (graphsFile && existsSync(graphsFile)) {
    const cached = JSON.parse(readFileSync(graphsFile, 'utf8'));
    if (cached.mb === MB) return cached;
    log(`${graphsFile} holds a ${cached.mb} MB corpus, not ${MB} MB: parsing again`);
  }
  const guides = readdirSync(join(root, 'guides'))
    .filter((f) => /\.(txt|html)$/.test(f))
    .sort()
    .map((f) => join(root, 'guides', f));
  const work = mkdtempSync(join(tmpdir(), 'tejun-bench-gen-'));
  try {
    const corpus = writeCorpus(guides, work, MB * 1e6, 4);
    log(`parsing ${corpus.paths.length} files, ${(corpus.bytes / 1e6).toFixed(2)} MB (not timed)…`);
    const graphs = [];
    for (const path of corpus.paths) {
      const graph = await lib.parseGuide(path);
      graph.source.path = `corpus/${basename(path)}`; // independent of the temporary directory
      graphs.push(graph);
    }
    const result = { mb: MB, bytes: corpus.bytes, graphs };
    if (graphsFile) writeFileSync(graphsFile, JSON.stringify(result));
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** One round: every graph through `target`. @returns the number of bytes generated. */
function round(target, graphs, write) {
  let bytes = 0;
  for (const graph of graphs) {
    const result = lib.generate(target, graph, options);
    for (const file of result.files) {
      bytes += file.content.length;
      if (write) {
        const path = join(outDir, target, file.path);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, file.content);
      }
    }
  }
  return bytes;
}

/** Top `n` functions of a V8 CPU profile by self time (ms). */
function topSelf(profile, n) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, '')}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  }
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, n);
}

const { bytes, graphs } = await corpusGraphs();
const mb = bytes / 1e6;
log(`${graphs.length} step graphs, ${mb.toFixed(2)} MB of guide; ${ROUNDS} rounds per target`);
const rows = [];
let session = null;
if (profileDir) {
  mkdirSync(profileDir, { recursive: true });
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
}
for (const target of lib.TARGETS) {
  round(target, graphs, Boolean(outDir)); // warm-up (and the files of --out)
  const cpu = [];
  const wall = [];
  let out = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    out = round(target, graphs, false);
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  if (session) {
    await session.post('Profiler.start');
    round(target, graphs, false);
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(profileDir, `${target}.cpuprofile`), JSON.stringify(profile));
    log(`\n${target}: top self time (ms, one round)`);
    for (const [name, ms] of topSelf(profile, 25)) log(`${ms.toFixed(0).padStart(7)}  ${name}`);
  }
  const cpuS = median(cpu) / 1000;
  rows.push({ target, cpuS, wallS: median(wall) / 1000, out });
}
session?.disconnect();

const total = rows.reduce((sum, r) => sum + r.cpuS, 0);
const lines = [
  `generation only: ${graphs.length} step graphs from ${mb.toFixed(2)} MB of guide, median of ${ROUNDS} rounds`,
  '',
  '| target | CPU s per round | MB of guide per CPU-second | wall s | output MB |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.target} | ${r.cpuS.toFixed(3)} | ${(mb / r.cpuS).toFixed(2)} | ${r.wallS.toFixed(3)} | ${(r.out / 1e6).toFixed(2)} |`),
  `| all three | ${total.toFixed(3)} | ${(mb / total).toFixed(2)} | | |`,
];
process.stdout.write(`${lines.join('\n')}\n`);
