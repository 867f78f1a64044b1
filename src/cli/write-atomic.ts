/**
 * Atomic file writes: content goes to a temporary file beside the target, then is renamed over it,
 * so a failed or interrupted run never leaves a partial output.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes `content` to `path` atomically with file mode `mode` (e.g. 0o600 for files holding secrets).
 * @throws {Error} when the directory cannot be created or the file cannot be written or renamed.
 */
export async function writeAtomic(path: string, content: string, mode: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(tmp, content, { mode });
    await chmod(tmp, mode);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
