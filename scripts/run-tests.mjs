// Runs one tier of the tests with node's test runner, on the compiled files in dist/ whose source
// still exists (a test moved or removed leaves a stale dist/test/*.js behind; it is not run).
// Usage: node scripts/run-tests.mjs unit|tools|e2e [FILE…]   (after `npm run build`)
//   unit   test/*.test.ts        npm test: no system tool, about a minute of CPU
//   tools  test/tools/*.test.ts  npm run test:tools: shellcheck, ansible, ansible-lint, dot,
//                                python3 (+jinja2), mermaid and markdownlint-cli2
//   e2e    test/e2e/*.e2e.ts     npm run test:e2e: a private MariaDB, one file at a time
// FILE… (source paths such as test/cli.test.ts) runs those files only. Every file is run with
// --import dist/test/helpers/fast-check-seed.js (one fixed fast-check seed; TEJUN_FC_SEED=N for
// another). The exit code is node's.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TIERS = {
  unit: { dir: 'test', suffix: '.test.ts', args: [] },
  tools: { dir: 'test/tools', suffix: '.test.ts', args: [] },
  e2e: { dir: 'test/e2e', suffix: '.e2e.ts', args: ['--test-concurrency=1'] },
};

const [tierName, ...picked] = process.argv.slice(2);
const tier = TIERS[tierName];
if (!tier) {
  console.error(`usage: node scripts/run-tests.mjs ${Object.keys(TIERS).join('|')} [FILE…]`);
  process.exit(2);
}
const sources = picked.length > 0 ? picked.map((f) => relative(root, join(process.cwd(), f))) : readdirSync(join(root, tier.dir)).filter((f) => f.endsWith(tier.suffix)).sort().map((f) => join(tier.dir, f));
const files = sources.map((f) => join('dist', f.replace(/\.ts$/, '.js')));
const missing = files.filter((f) => !existsSync(join(root, f)));
if (missing.length > 0) {
  console.error(`not built (run npm run build): ${missing.join(', ')}`);
  process.exit(2);
}
const setup = join('dist', 'test', 'helpers', 'fast-check-seed.js');
const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--import', `./${setup}`, ...tier.args, ...files], { cwd: root, stdio: 'inherit' });
if (run.error) throw run.error;
process.exit(run.status ?? 1);
