// The cost of extraction alone (src/extract + src/nlp + kuromoji tokenizing): parses a varied
// corpus of ≥ 4 MB built from guides/ once (`parseBlocks`), loads the dictionary, then times only
// `extractGraph` over every file, in CPU time (the machine is shared: wall time measures the
// other jobs). Prints MB per CPU-second, the main thread's CPU, and how many texts kuromoji
// tokenized (cache misses) with their total length, which tokenizer served them (tejun's lattice, or
// kuromoji's own with TEJUN_TOKENIZER=kuromoji or after a failed shape check) and what loading it cost.
//
// Usage: npm run -s build && node bench/extract.mjs [--mb N] [--dir DIR] [--callers] [--graphs FILE]
//   --mb N       corpus size in MB (default 4.9, as the lead's profile); written to DIR
//   --dir DIR    where the corpus is written (default: a fresh temporary folder, removed after)
//   --callers    also count tokenizations per calling src/nlp function (slower: a stack per call;
//                all rounds together)
//   --graphs F   write every step graph (JSON lines, in corpus order) to F, to compare two builds
//   --plain      copies marked only at the end of their Japanese lines (default: also before 、 。)
//   --rounds N   after the timed extraction, extract the whole corpus N more times and print each
//                round's CPU: the first round pays V8's optimising compiler (~1 s of CPU on its
//                background threads here), later ones show the steady state (caches keep what the
//                previous round left: the pieces tokenized are printed per round)
//   --threads    also print the CPU of every thread during the extraction, by thread name (Linux)
//   --profile F  write a CPU profile of the timed extraction only to F (.cpuprofile, as `node
//                --cpu-prof` writes for the whole process, which would be mostly parsing)
import { Session } from 'node:inspector/promises';
import { mkdtempSync, readdirSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCorpus } from './corpus.mjs';
import { parseBlocks, extractGraph } from '../dist/src/index.js';
import { getTokenizer } from '../dist/src/nlp/tokenizer/select.js';
import { onPieceTokenized } from '../dist/src/nlp/tokenizer/pieces.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const mb = Number(option('--mb', '4.9'));
const callers = args.includes('--callers');
const graphsPath = option('--graphs', null);
const given = option('--dir', null);
const profilePath = option('--profile', null);
const dir = given ?? mkdtempSync(join(tmpdir(), 'tejun-extract-'));

const root = new URL('..', import.meta.url).pathname;
const guides = readdirSync(join(root, 'guides'))
  .filter((f) => /\.(txt|html|md)$/u.test(f))
  .sort()
  .map((f) => join(root, 'guides', f));
// By default the copies carry a mark before every 、 and 。 as well (see `vary` in corpus.mjs), so
// that kuromoji's pieces differ between copies; --plain leaves only the end-of-line mark.
const corpus = writeCorpus(guides, dir, mb * 1e6, 4, { pieces: !args.includes('--plain') });

/** CPU milliseconds (user + system) of the main thread, from /proc (Linux), or NaN elsewhere. */
function mainThreadCpuMs() {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return Number.NaN;
  }
}

/** CPU milliseconds of every thread of this process by thread id, with its name (Linux /proc), or an empty map. */
function threadCpuMs() {
  const out = new Map();
  try {
    for (const tid of readdirSync(`/proc/self/task`)) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, { name, ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 });
    }
  } catch {
    // not Linux: no per-thread figures
  }
  return out;
}

const parsed = [];
for (const path of corpus.paths) parsed.push(await parseBlocks(path));

// The dictionary, loaded before timing. kuromoji's `tokenize` splits its text after every 、 and 。
// and builds one lattice per piece: that is where its work is, so the pieces are counted there
// (`onPieceTokenized`: every piece tejun's caches miss, before tejun builds and searches its lattice).
const load0 = process.cpuUsage();
const loadWall0 = performance.now();
const tokenizer = await getTokenizer();
const loadWall = performance.now() - loadWall0;
const loadCpu = process.cpuUsage(load0);
const counts = { calls: 0, chars: 0, byCaller: new Map() };
onPieceTokenized((piece) => {
  counts.calls++;
  counts.chars += piece.length;
  if (callers) {
    const frames = (new Error().stack ?? '').split('\n').slice(2);
    const frame = frames.find((f) => /src\/nlp\/(?!tokenizer\/)/u.test(f)) ?? '?';
    const name = /at (?:async )?([\w.]+)/u.exec(frame)?.[1] ?? frame.trim();
    const entry = counts.byCaller.get(name) ?? { calls: 0, chars: 0 };
    entry.calls++;
    entry.chars += piece.length;
    counts.byCaller.set(name, entry);
  }
});
globalThis.gc?.();
const session = profilePath ? new Session() : null;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
}

const cpu0 = process.cpuUsage();
const main0 = mainThreadCpuMs();
const threads0 = threadCpuMs();
const wall0 = performance.now();
const graphs = [];
for (const p of parsed) graphs.push(await extractGraph(p));
const wall = performance.now() - wall0;
const mainMs = mainThreadCpuMs() - main0;
const threads1 = threadCpuMs();
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
if (session) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(profilePath, JSON.stringify(profile));
  session.disconnect();
}

const first = { calls: counts.calls, chars: counts.chars };
const rounds = [];
for (let r = 0; r < Number(option('--rounds', '0')); r++) {
  const pieces0 = counts.calls;
  const c0 = process.cpuUsage();
  const m0 = mainThreadCpuMs();
  for (const p of parsed) await extractGraph(p);
  const c = process.cpuUsage(c0);
  rounds.push({ cpuMs: (c.user + c.system) / 1000, mainMs: mainThreadCpuMs() - m0, pieces: counts.calls - pieces0 });
}

if (graphsPath) writeFileSync(graphsPath, graphs.map((g) => JSON.stringify(g)).join('\n') + '\n');
if (!given) rmSync(dir, { recursive: true, force: true });

const mbytes = corpus.bytes / 1e6;
const steps = graphs.reduce((n, g) => n + g.procedures.reduce((m, p) => m + p.steps.length, 0), 0);
console.log(`corpus: ${corpus.paths.length} files, ${mbytes.toFixed(2)} MB, ${steps} steps`);
console.log(`tokenizer: ${tokenizer.kind}${tokenizer.reason ? ` (${tokenizer.reason})` : ''}; dictionary load ${((loadCpu.user + loadCpu.system) / 1000).toFixed(0)} ms CPU, ${loadWall.toFixed(0)} ms wall`);
console.log(`extractGraph: ${cpuMs.toFixed(0)} ms CPU (all threads), ${mainMs.toFixed(0)} ms main thread, ${wall.toFixed(0)} ms wall`);
console.log(`throughput: ${(mbytes / (cpuMs / 1000)).toFixed(2)} MB per CPU-second (main thread: ${(mbytes / (mainMs / 1000)).toFixed(2)})`);
console.log(`tokenized: ${first.calls} pieces, ${first.chars} chars`);
for (const [i, r] of rounds.entries()) {
  console.log(`round ${i + 2}: ${r.cpuMs.toFixed(0)} ms CPU (all threads), ${r.mainMs.toFixed(0)} ms main thread, ${(mbytes / (r.cpuMs / 1000)).toFixed(2)} MB per CPU-second, ${r.pieces} pieces tokenized`);
}
if (callers) {
  for (const [name, e] of [...counts.byCaller].sort((a, b) => b[1].chars - a[1].chars)) {
    console.log(`  ${name}: ${e.calls} pieces, ${e.chars} chars`);
  }
}
if (args.includes('--threads')) {
  const byName = new Map();
  for (const [tid, t] of threads1) {
    const ms = t.ms - (threads0.get(tid)?.ms ?? 0);
    const name = tid === String(process.pid) ? 'main' : t.name;
    byName.set(name, (byName.get(name) ?? 0) + ms);
  }
  for (const [name, ms] of [...byName].sort((a, b) => b[1] - a[1])) if (ms > 0) console.log(`  thread ${name}: ${ms.toFixed(0)} ms`);
}
