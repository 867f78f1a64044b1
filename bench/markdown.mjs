// Markdown parse throughput in MB per CPU-second (user + system of this process, all threads): the
// Markdown guides 002 and 003 made into a varied corpus (corpus.mjs writeCorpus, default 4 MB),
// parsed with `markdownToMdast` alone and with `parseBlocks` (read, detect, lint, remark, blocks).
// CPU time, not wall time: the machine is shared. Medians of several passes after one warm-up.
// Usage: node bench/markdown.mjs [--dist DIR] [--mb N] [--passes N]
//   --dist: the compiled tree to measure (default dist/ of this checkout; give another build's
//   dist/ to compare before and after on the same corpus).
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
const dist = resolve(option('--dist', join(root, 'dist')));
const mb = Number(option('--mb', '4'));
const passes = Number(option('--passes', '5'));

const { markdownToMdast } = await import(pathToFileURL(join(dist, 'src/parse/markdown-to-mdast.js')).href);
const { parseBlocks } = await import(pathToFileURL(join(dist, 'src/parse/parse-blocks.js')).href);

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
  const measure = async (run) => {
    await run();
    const times = [];
    for (let i = 0; i < passes; i++) {
      const before = cpu();
      await run();
      times.push(cpu() - before);
    }
    return median(times);
  };
  const mdast = await measure(async () => {
    for (const t of texts) markdownToMdast(t);
  });
  const blocks = await measure(async () => {
    for (const p of corpus.paths) await parseBlocks(p);
  });
  const size = corpus.bytes / 1e6;
  console.log(`corpus: ${corpus.paths.length} files, ${size.toFixed(2)} MB (guides 002, 003), dist ${dist}`);
  console.log(`markdownToMdast: ${mdast.toFixed(2)} CPU s, ${(size / mdast).toFixed(2)} MB per CPU-second`);
  console.log(`parseBlocks:     ${blocks.toFixed(2)} CPU s, ${(size / blocks).toFixed(2)} MB per CPU-second`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
