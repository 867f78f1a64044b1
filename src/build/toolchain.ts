/**
 * The toolchain fingerprint: what, besides a guide and a site's values, decides the outputs —
 * tejun's version, its grammars (grammars/), its templates (templates/) and its compiled code.
 * Any change to one of them invalidates every cached step graph and output.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../grammar/load-grammar.js';

/** The folder of tejun's own (compiled) modules: dist/src/ when built. */
const CODE_DIR = fileURLToPath(new URL('..', import.meta.url));

/** tejun's version, from package.json. @throws when package.json cannot be read. */
export async function tejunVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Every file below `dir` whose name passes `keep`, as absolute paths (sorted by the caller). */
async function walk(dir: string, keep: (name: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path, keep)));
    else if (entry.isFile() && keep(entry.name)) out.push(path);
  }
  return out;
}

/**
 * sha256 (hex) over the version and the path and content of every file in grammars/, templates/
 * and tejun's compiled `.js` modules, in sorted path order. About 100 small files: a few
 * milliseconds. @throws when one of the folders cannot be read.
 */
export async function toolchainFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`tejun ${await tejunVersion()}\0`);
  const files = [
    ...(await walk(join(PACKAGE_ROOT, 'grammars'), () => true)),
    ...(await walk(join(PACKAGE_ROOT, 'templates'), () => true)),
    ...(await walk(CODE_DIR, (name) => name.endsWith('.js'))),
  ];
  const entries = files.map((f) => ({ f, rel: relative(PACKAGE_ROOT, f).split(/[\\/]/).join('/') }));
  entries.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  for (const { f, rel } of entries) {
    hash.update(rel).update('\0').update(await readFile(f)).update('\0');
  }
  return hash.digest('hex');
}
