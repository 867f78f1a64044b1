/**
 * Where things are, for the tests. The tests run compiled from dist/test/, so every path is
 * resolved from the repository root, never from the working directory.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Repository root, absolute: the nearest ancestor of this module holding package.json and
 * guides/ (this file runs as dist/test/helpers/paths.js). Throws when none is found.
 */
export const ROOT: string = findRoot(fileURLToPath(new URL('.', import.meta.url)));

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'guides'))) return dir;
    const up = join(dir, '..');
    if (up === dir) throw new Error(`no repository root above ${start}`);
    dir = up;
  }
}

/** guides/, the read-only corpus. */
export const GUIDES_DIR = join(ROOT, 'guides');

/** test/fixtures/ in the source tree (fixtures are data, not compiled). */
export const FIXTURES_DIR = join(ROOT, 'test', 'fixtures');

/** The CLI launcher, bin/tejun.js (needs `npm run build` first). */
export const CLI = join(ROOT, 'bin', 'tejun.js');

/** Extensions of guide files: everything in guides/ except these is a guide. */
const NOT_GUIDES = new Set(['SOURCES.md']);

/**
 * The guide files in guides/, as absolute paths sorted by name (`000_….txt` … `006_….html`).
 * SOURCES.md (the corpus description) is not a guide.
 */
export function listGuides(): string[] {
  return readdirSync(GUIDES_DIR)
    .filter((name) => !NOT_GUIDES.has(name) && !name.startsWith('.'))
    .sort()
    .map((name) => join(GUIDES_DIR, name));
}

/** Guides larger than this many bytes are left out of the corpus loops of the quick tier. */
export const QUICK_GUIDE_BYTES = 64 * 1024;

/**
 * The guides of a corpus-wide loop (worker pools against one thread, encodings, line ends,
 * ids): every guide under TEJUN_TEST_FULL=1 (.ci/run, `npm run test:full`); in
 * the quick tier (`npm test`) the guides of at most {@link QUICK_GUIDE_BYTES} bytes, which leaves
 * out only the one very long guide (003, upstream Markdown: most of the corpus's bytes and of
 * these loops' time). Every format is still there; the upstream-markdown dialect is still read by
 * the tests written for that guide (sections, autolinks, builds, the CLI).
 */
export function corpusGuides(): string[] {
  const all = listGuides();
  if (process.env['TEJUN_TEST_FULL'] === '1') return all;
  return all.filter((path) => statSync(path).size <= QUICK_GUIDE_BYTES);
}

/**
 * The guides of an equivalence loop whose subject is not the guide's reading (worker pools against
 * one thread, encodings, line ends): {@link corpusGuides} under TEJUN_TEST_FULL=1; every other one
 * of them in the quick tier (000, 002 and 005 here: text and HTML), always the same ones.
 */
export function sampleGuides(): string[] {
  const guides = corpusGuides();
  return process.env['TEJUN_TEST_FULL'] === '1' ? guides : guides.filter((_, i) => i % 2 === 0);
}

/** The quick tier's line-wise corpus loops take one line in this many. */
export const QUICK_LINE_STEP = 8;

/**
 * The non-empty lines of the guides, for the line-wise equivalence loops (tejun's tokenizer against
 * kuromoji's): every line of every guide under TEJUN_TEST_FULL=1; in the quick tier one non-empty
 * line in {@link QUICK_LINE_STEP} of the {@link sampleGuides} (text and HTML, the three kinds of
 * Japanese writing of the corpus), always the same ones.
 */
export function corpusLines(): { guide: string; line: string }[] {
  const full = process.env['TEJUN_TEST_FULL'] === '1';
  const step = full ? 1 : QUICK_LINE_STEP;
  return (full ? listGuides() : sampleGuides()).flatMap((guide) =>
    readFileSync(guide, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .filter((_, i) => i % step === 0)
      .map((line) => ({ guide, line })),
  );
}
