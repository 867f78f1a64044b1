/**
 * Paths from guides and file names of outputs.
 *
 * A guide's file paths are written under a root at run time (the runbook's TEJUN_ROOT, the
 * playbook's tejun_root): `../` must not climb out of it. Literal paths are normalised at
 * generation ({@link pathUnderRoot}); the runbook's tejun_path also refuses a `..` component
 * at run time (values left unbound at generation), and bound values that land in a path are
 * refused at binding when they hold one ({@link hasParentSegment}, generate/bind-values.ts).
 * Output file names are made from the guide's file name by {@link safeFileName}.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';

/**
 * `path` (a guide's file path, `/etc/nova/nova.conf`, `~/openrc.sh`, `openrc.sh`) normalised so
 * that a root put before it keeps it inside the root: `.` and `..` components resolved, `//`
 * collapsed (`/etc/../../x` → `/x`, `~/a/../b` → `~/b`). Returns null when the path climbs above
 * its start (`../x`, `a/../../x`, `~/../x`): it would leave the root. An empty path stays empty.
 * Never throws.
 */
export function pathUnderRoot(path: string): string | null {
  if (path === '') return path;
  if (path.startsWith('/')) return posix.normalize(path);
  const home = path === '~' || path.startsWith('~/');
  const rest = home ? path.slice(1) : path;
  const normal = posix.normalize(home ? `.${rest}` : rest);
  if (normal === '..' || normal.startsWith('../')) return null;
  if (home) return normal === '.' ? '~' : `~/${normal.replace(/^\.\//, '')}`;
  return normal;
}

/** True when `value` has a `..` path component (`../x`, `a/..`, `..`). */
export function hasParentSegment(value: string): boolean {
  return /(^|\/)\.\.(\/|$)/.test(value);
}

/**
 * A file name for outputs made from a guide's file name (without directory and extension):
 * every character but letters, digits, `.`, `_` and `-` replaced by `_` (so no `/`, `\`,
 * blank, line break, `{{` or `$`), a leading `.` or `-` prefixed with `_` (no `..`, no hidden
 * file, no option-like name), empty → `runbook`; one over 60 characters is cut to 51 and ends
 * with `_` and 8 hex digits of its sha256 (a file name holds at most 255 bytes). Never throws.
 */
export function safeFileName(name: string): string {
  let cleaned = name.replace(/[^\p{L}\p{N}._-]/gu, '_');
  if (cleaned === '') return 'runbook';
  if (/^[.-]/.test(cleaned)) cleaned = `_${cleaned}`;
  const points = [...cleaned];
  if (points.length <= MAX_NAME) return cleaned;
  // A file name holds at most 255 bytes: a long one keeps its start and a hash of the whole.
  return `${points.slice(0, MAX_NAME - 9).join('')}_${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}

/** The longest base name (code points; 4 UTF-8 bytes at most each, room left for an extension). */
const MAX_NAME = 60;
