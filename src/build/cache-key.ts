/**
 * The secret that seals the build cache (build-cache.ts): the cache's state is signed with an
 * HMAC-SHA256 under a key that lives outside the project, so whoever can write the project's
 * `.tejun-cache/` (a shared checkout, a tarball, a pull request) cannot forge a state this user's
 * `tejun build` trusts; with a plain hash anyone could recompute the seal. Like ssh's
 * known_hosts, the key is per user: `$XDG_STATE_HOME/tejun/cache-key`, else
 * `~/.local/state/tejun/cache-key` (XDG Base Directory: state that is not worth a backup),
 * created on first use from 32 random bytes, hex, mode 0600 in a 0700 folder. A key file other
 * users may read or write, or one that is not 64 hex digits, is not used: the cache is then not
 * trusted and not saved (every build parses again), with a warning that says why.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';

/** The key, or why there is none (the text of a warning). */
export type CacheKey = { key: Buffer; path: string } | { key: null; path: string; problem: string };

/**
 * Where this user's cache key is: `$XDG_STATE_HOME/tejun/cache-key` when XDG_STATE_HOME is an
 * absolute path (the XDG rule: a relative one is ignored), else `$HOME/.local/state/tejun/cache-key`.
 */
export function cacheKeyPath(env: NodeJS.ProcessEnv = process.env): string {
  const state = env['XDG_STATE_HOME'];
  const base = state && isAbsolute(state) ? state : join(env['HOME'] || homedir(), '.local', 'state');
  return join(base, 'tejun', 'cache-key');
}

/** The key in the file at `path`, or the problem with it; throws ENOENT when there is no file. */
async function readKey(path: string): Promise<CacheKey> {
  const st = await stat(path);
  if ((st.mode & 0o077) !== 0) return { key: null, path, problem: `other users may read or write it (mode ${(st.mode & 0o777).toString(8)}; chmod 600 it)` };
  if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return { key: null, path, problem: 'it belongs to another user' };
  const text = (await readFile(path, 'utf8')).trim();
  if (!/^[0-9a-f]{64}$/.test(text)) return { key: null, path, problem: 'it does not hold 64 hexadecimal digits (remove it: a new one is made)' };
  return { key: Buffer.from(text, 'hex'), path };
}

/**
 * This user's cache key (see the module comment), created when missing: written to a private
 * temporary file, then linked to its name, so two builds starting at once agree on one key.
 * Never throws: a key that cannot be read or made comes back as `{ key: null, problem }`.
 */
export async function loadCacheKey(path: string = cacheKeyPath()): Promise<CacheKey> {
  try {
    return await readKey(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return { key: null, path, problem: (error as Error).message };
  }
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}`;
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFile(tmp, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    await link(tmp, path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    return await readKey(path);
  } catch (error) {
    return { key: null, path, problem: `it could not be made: ${(error as Error).message}` };
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}
