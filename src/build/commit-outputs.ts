/**
 * Putting a build's outputs in place without ever leaving a mix of old and new, and without
 * touching a file tejun did not write:
 * - every changed file is first written into a staging folder inside the output folder
 *   (`<output>/.tejun-staging-<random>/…`, mode 0700, removed on every exit path, see
 *   src/cli/write-atomic.ts); only when all are written are they renamed into place (a failure
 *   while writing — disk full, permissions — changes no output);
 * - a stale output (one a previous build wrote that this one no longer produces) is removed only
 *   when it lies inside the output folder and its bytes still have the sha256 the sealed cache
 *   state recorded when tejun wrote it: a file edited since, or a path a tampered state names
 *   outside the output folder, is left alone.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile, chmod } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { mkdirPrivate, releaseTemporary, trackTemporary } from '../cli/write-atomic.js';
import { sha256, type OutputRecord } from './build-cache.js';

/** Prefix of staging folders in the output folder. */
export const STAGING_PREFIX = '.tejun-staging-';

/** True when `path` (relative to `root` or absolute) is strictly inside `dir` (absolute). */
export function insideDir(root: string, dir: string, path: string): boolean {
  const rel = relative(dir, resolve(root, path));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * The stale outputs that may be removed: inside `outputDir`, and on disk with exactly the recorded
 * sha256. @param stale project-relative paths. @returns those to remove, in the given order.
 */
export async function removableOutputs(root: string, outputDir: string, stale: string[], records: Record<string, OutputRecord>): Promise<string[]> {
  const out: string[] = [];
  for (const f of stale) {
    if (!insideDir(root, outputDir, f) || !records[f]) continue;
    try {
      if (sha256(await readFile(join(root, f))) === records[f].sha256) out.push(f);
    } catch {
      // gone, unreadable or a folder: not ours to remove
    }
  }
  return out;
}

/** Removes staging folders an earlier build left (it was killed with SIGKILL). */
export async function removeLeftoverStaging(outputDir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(outputDir);
  } catch {
    return;
  }
  for (const n of names) if (n.startsWith(STAGING_PREFIX)) await rm(join(outputDir, n), { recursive: true, force: true });
}

/**
 * Writes `files` (project-relative paths inside `outputDir`) into a staging folder, then renames
 * each into place. Folders are created 0700.
 * @throws {Error} when a path is outside `outputDir` (a bug) or on an I/O failure; a failure
 *   before the renames leaves every output as it was.
 */
export async function commitOutputs(root: string, outputDir: string, files: Array<{ path: string; content: string; mode: number }>): Promise<void> {
  if (files.length === 0) return;
  for (const f of files) if (!insideDir(root, outputDir, f.path)) throw new Error(`output ${f.path} is outside ${outputDir}`);
  await mkdirPrivate(outputDir);
  const staging = join(outputDir, `${STAGING_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
  trackTemporary(staging);
  try {
    await mkdirPrivate(staging);
    const staged = [];
    for (const f of files) {
      const rel = relative(outputDir, resolve(root, f.path));
      const tmp = join(staging, rel);
      await mkdirPrivate(dirname(tmp));
      await writeFile(tmp, f.content, { mode: f.mode & 0o600 });
      await chmod(tmp, f.mode);
      staged.push({ tmp, final: resolve(root, f.path) });
    }
    for (const { tmp, final } of staged) {
      await mkdirPrivate(dirname(final));
      await rename(tmp, final);
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
    releaseTemporary(staging);
  }
}
