// Bundles the compiled CLI (dist/src/cli/index.js) and the pool worker (dist/src/pool/pool-worker.js)
// with esbuild into dist/src/bundle/, which bin/tejun.js runs. Why: a cold `tejun compile` spent
// ~300 ms of its main thread, and as much in each worker thread, resolving and evaluating ~400
// small ES modules (tejun's and its dependencies'); the bundle loads in under 100 ms (measured in
// bench/PROFILE.md). Code splitting keeps the CLI's lazily imported subcommands lazy.
//
// The bundle sits at the same depth as dist/src/<folder>/ so that the modules' paths relative to
// import.meta.url (grammars/, templates/, lexicon, the pool worker `./pool-worker.js`) resolve the
// same. Dependencies stay external only where they are required at run time by path (kuromoji's
// dictionary loader, found with createRequire) and where a dependency would pull in much code tejun
// never runs (rst-compiler, see `external`). Usage: node scripts/bundle.mjs (after tsc).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'src', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    tejun: join(root, 'dist', 'src', 'cli', 'index.js'),
    'pool-worker': join(root, 'dist', 'src', 'pool', 'pool-worker.js'),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: '[name]-[hash]',
  // CommonJS dependencies (kuromoji, ajv's runtime, handlebars…) call require(): give the ESM
  // bundle one, resolved from the bundle's own location inside the package.
  banner: { js: "import { createRequire as __tejunCreateRequire } from 'node:module'; const require = __tejunCreateRequire(import.meta.url);" },
  // rst-compiler imports shiki (hundreds of lazily loaded language grammars, ~13 MB of chunks) and
  // katex for its HTML generator, which tejun never uses: it stays a package resolved at run time,
  // loaded only when a reStructuredText guide is read (src/parse/parse-blocks.ts imports the reader lazily).
  external: ['rst-compiler'],
  logLevel: 'warning',
});
