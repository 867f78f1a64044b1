/**
 * Results of costly test computations remembered between runs of the quick tier, in
 * dist/test-cache/, under a sha256 of everything the result depends on (the caller names those
 * inputs). Under TEJUN_TEST_FULL=1 (.ci/run) the computation always runs. Only for pure
 * computations over files and installed packages (a generated schema, a scan of the installed
 * dictionary), never for tejun's own readings.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FULL } from './depth.js';
import { ROOT } from './paths.js';

/**
 * sha256 over the named files (paths relative to the repository root, read as bytes), the
 * versions of the named installed packages, and any extra strings.
 */
export function inputsKey(files: string[], packages: string[], extra: string[] = []): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(join(ROOT, file))).update('\0');
  for (const name of packages) {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
    hash.update(`${name}@${version}\0`);
  }
  for (const s of extra) hash.update(`${s}\0`);
  return hash.digest('hex');
}

/**
 * `compute()`'s result (JSON-serialisable), read from dist/test-cache/<name>.<key>.json when it
 * was computed before under the same key, else computed and written there (through a temporary
 * file and a rename, so a parallel test process never reads half a file).
 */
export async function remembered<T>(name: string, key: string, compute: () => T | Promise<T>): Promise<T> {
  const dir = join(ROOT, 'dist', 'test-cache');
  const file = join(dir, `${name}.${key}.json`);
  if (!FULL && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as T;
  const value = await compute();
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value));
  renameSync(tmp, file);
  return value;
}
