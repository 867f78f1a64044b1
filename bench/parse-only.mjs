// A reference for warm throughput: tejun's parse stage alone (`parseBlocks`: read, decode, detect,
// remark/rehype/line grammar → blocks; no extraction, no generation) over a corpus, on as many
// threads as `tejun compile` uses by default (this thread and availableParallelism − 1 workers,
// files dealt round-robin), after one priming pass of the guides in each thread. Plain
// remark-parse (the cold floor's parser) is no reference here: it parses each 1 MB copy whole,
// and micromark's cost grows faster than linearly with one document's size (bench/PROFILE.md),
// while tejun cuts long Markdown guides into sections. Prints {"mbps": N, "bytes": N, "ms": N}
// (wall time of the timed pass). Needs `npm run build` (dist/).
// With --libraries, each thread runs only the parsers tejun is built on, over the same files: the
// Markdown guides through remark-parse with GFM (`markdownToMdast`, cut in sections as tejun
// does), the HTML guides through rehype-parse; plain-text guides cost nothing there (tejun's own
// line grammar parses them). The floor under any warm compile on this many threads.
// Usage: node bench/parse-only.mjs [--libraries] GUIDES_DIR FILE...
import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import { detectDialect } from '../dist/src/ingest/detect-dialect.js';
import { markdownToMdast } from '../dist/src/parse/markdown-to-mdast.js';
import { parseBlocks } from '../dist/src/parse/parse-blocks.js';

const libraries = isMainThread ? process.argv.includes('--libraries') : workerData.libraries;
const html = unified().use(rehypeParse);

/** The libraries' share of parsing one guide (see the header). */
function parseWithLibraries(path) {
  const text = readFileSync(path, 'utf8');
  const { format } = detectDialect(text);
  if (format === 'markdown') markdownToMdast(text);
  else if (format === 'html') html.parse(text);
}

const parseAll = async (paths) => {
  for (const path of paths) {
    if (libraries) parseWithLibraries(path);
    else await parseBlocks(path);
  }
};

if (!isMainThread) {
  await parseAll(workerData.prime);
  parentPort.postMessage('primed');
  parentPort.once('message', async () => {
    await parseAll(workerData.files);
    parentPort.postMessage('done');
  });
} else {
  const [guidesDir, ...files] = process.argv.slice(2).filter((a) => a !== '--libraries');
  const prime = readdirSync(guidesDir)
    .filter((f) => /\.(txt|html)$/.test(f))
    .map((f) => join(guidesDir, f));
  const threads = Math.max(1, availableParallelism());
  const shares = Array.from({ length: threads }, (_, t) => files.filter((_, i) => i % threads === t));
  const workers = shares.slice(1).map((share) => new Worker(new URL(import.meta.url), { workerData: { prime, files: share, libraries } }));
  await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
  await parseAll(prime);
  const start = performance.now();
  const done = workers.map((w) => new Promise((resolve) => w.once('message', resolve)));
  for (const w of workers) w.postMessage('go');
  await parseAll(shares[0]);
  await Promise.all(done);
  const ms = performance.now() - start;
  const bytes = files.reduce((sum, f) => sum + readFileSync(f).length, 0);
  await Promise.all(workers.map((w) => w.terminate()));
  process.stdout.write(`${JSON.stringify({ mbps: bytes / 1e6 / (ms / 1000), bytes, ms })}\n`);
}
