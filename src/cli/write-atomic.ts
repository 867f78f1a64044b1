/**
 * Atomic file writes: content goes to a temporary file beside the target, then is renamed over it,
 * so a failed or interrupted run never leaves a partial output. Folders are created mode 0700
 * whatever the umask (outputs hold site values). A temporary file or staging folder that exists
 * (it may hold bound secrets) is removed on every exit path: the write's own failure, process
 * exit, and SIGINT, SIGTERM and SIGHUP (the signal is raised again once they are removed, so the
 * exit status is the signal's). Only SIGKILL can leave one behind; `tejun build` removes a
 * staging folder an earlier killed build left.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

/** Temporary files and folders that exist now, removed if the process ends before they are renamed. */
const live = new Set<string>();
let hooked = false;

/** Removes every live temporary path (synchronously: exit and signal handlers cannot wait). */
function removeLive(): void {
  for (const p of live) rmSync(p, { recursive: true, force: true });
  live.clear();
}

/** Installs the exit and signal handlers once. */
function hook(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', removeLive);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const handler = (): void => {
      removeLive();
      process.removeListener(signal, handler);
      // Without a listener left, the default action ends the process with the signal.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, handler);
  }
}

/**
 * Registers `path` (a temporary file or folder) to be removed if the process exits or is
 * signalled before {@link releaseTemporary} is called for it.
 */
export function trackTemporary(path: string): void {
  hook();
  live.add(path);
}

/** Forgets `path` (renamed into place or removed by its owner). */
export function releaseTemporary(path: string): void {
  live.delete(path);
}

/**
 * Creates `dir` and its missing parents mode 0700 (exactly, whatever the umask); folders that
 * exist keep their mode.
 * @throws {Error} when a folder cannot be created.
 */
export async function mkdirPrivate(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (first === undefined) return;
  // chmod every folder created, from the first one down to `dir`.
  let cur = first;
  await chmod(cur, 0o700);
  for (const part of relative(first, dir).split(sep).filter(Boolean)) {
    cur = join(cur, part);
    await chmod(cur, 0o700);
  }
}

/**
 * Writes `content` to `path` atomically with file mode `mode` (e.g. 0o600 for files holding secrets).
 * @throws {Error} when the directory cannot be created or the file cannot be written or renamed.
 */
export async function writeAtomic(path: string, content: string, mode: number): Promise<void> {
  await mkdirPrivate(dirname(path));
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  trackTemporary(tmp);
  try {
    await writeFile(tmp, content, { mode: mode & 0o600 });
    await chmod(tmp, mode);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  } finally {
    releaseTemporary(tmp);
  }
}
