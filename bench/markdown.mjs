// Markdown parse throughput in MB per CPU-second (user + system of this process, all threads): the
// Markdown guides 002 and 003 made into a varied corpus (corpus.mjs writeCorpus, default 4 MB),
// parsed with `markdownToMdast` alone and with `parseBlocks` (read, detect, lint, remark, blocks).
// CPU time, not wall time: the machine is shared. Medians (and minima) of several passes after one
// warm-up; with several --dist the builds take turns pass by pass, so they see the same load.
// Usage: node bench/markdown.mjs [--dist DIR]... [--mb N] [--passes N]
//   --dist: a compiled tree to measure (default dist/ of this checkout; give another build's
//   dist/ too to compare before and after on the same corpus in one process).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeCorpus } from './corpus.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const dists = args.flatMap((a, i) => (a === '--dist' ? [resolve(args[i + 1])] : []));
if (dists.length === 0) dists.push(join(root, 'dist'));
const mb = Number(option('--mb', '4'));
const passes = Number(option('--passes', '5'));

const builds = [];
for (const dist of dists) {
  const { markdownToMdast } = await import(pathToFileURL(join(dist, 'src/parse/markdown-to-mdast.js')).href);
  const { parseBlocks } = await import(pathToFileURL(join(dist, 'src/parse/parse-blocks.js')).href);
  builds.push({ dist, markdownToMdast, parseBlocks, mdast: [], blocks: [] });
}

const guides = ['002_2d7643ffe102f83d.txt', '003_e518f7a0c7d8b72e.txt'].map((g) => join(root, 'guides', g));
const work = mkdtempSync(join(tmpdir(), 'tejun-md-bench-'));
try {
  const corpus = writeCorpus(guides, work, mb * 1e6, 4);
  const texts = corpus.paths.map((p) => readFileSync(p, 'utf8'));
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const time = async (run) => {
    const before = cpu();
    await run();
    return cpu() - before;
  };
  for (let pass = 0; pass <= passes; pass++) {
    for (const b of builds) {
      const mdast = await time(async () => {
        for (const t of texts) b.markdownToMdast(t);
      });
      const blocks = await time(async () => {
        for (const p of corpus.paths) await b.parseBlocks(p);
      });
      if (pass === 0) continue; // warm-up
      b.mdast.push(mdast);
      b.blocks.push(blocks);
    }
  }
  const size = corpus.bytes / 1e6;
  console.log(`corpus: ${corpus.paths.length} files, ${size.toFixed(2)} MB (guides 002, 003); ${passes} passes`);
  const row = (label, xs) => `${label}: median ${median(xs).toFixed(2)} CPU s (${(size / median(xs)).toFixed(2)} MB per CPU-second), min ${Math.min(...xs).toFixed(2)} s (${(size / Math.min(...xs)).toFixed(2)} MB/CPU-s)`;
  for (const b of builds) {
    console.log(b.dist);
    console.log(`  ${row('markdownToMdast', b.mdast)}`);
    console.log(`  ${row('parseBlocks    ', b.blocks)}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
