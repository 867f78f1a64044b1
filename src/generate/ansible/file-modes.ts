/**
 * The `mode:` of every file a playbook task may create (ini_file, lineinfile, blockinfile,
 * copy with `create: true`, a directory): ansible-lint's risky-file-permissions, and an
 * operator's wish that a file holding a password is not world-readable.
 *
 * One mode per file over the whole guide, so that two tasks writing one file never toggle its
 * mode (a second run stays changed=0):
 * - a sudoers file (`/etc/sudoers`, `/etc/sudoers.d/…`, read by sudo only when not writable) →
 *   `0440`;
 * - a file any setting or line of the guide puts a secret into (a secret placeholder or a secret
 *   literal, see context.ts's render) → `0600` in a home directory (`~/…`, `/root/…`,
 *   `/home/…`), else `0640` (a service's group reads its configuration);
 * - any other file → `0644`.
 */
import type { StepGraph } from '../../ir/types.js';
import { render, type Context } from './context.js';

/** Files of a graph holding a secret, computed once per graph. */
const SECRET_FILES = new WeakMap<StepGraph, Set<string>>();

/** The guide's file paths (as written, placeholders in place) that an INI or file action puts a secret into. */
function secretFiles(ctx: Context): Set<string> {
  let files = SECRET_FILES.get(ctx.graph);
  if (files) return files;
  files = new Set();
  for (const procedure of ctx.graph.procedures) {
    for (const step of procedure.steps) {
      for (const a of step.actions) {
        if (a.kind === 'ini' && [a.section, a.key, a.value].some((t) => render(ctx, a, t, 'raw').secret)) files.add(a.file);
        if (a.kind === 'file' && render(ctx, a, a.content, 'raw').secret) files.add(a.file);
      }
    }
  }
  SECRET_FILES.set(ctx.graph, files);
  return files;
}

/**
 * The mode (`'0644'`, `'0640'`, `'0600'` or `'0440'`, see the module comment) for the guide's
 * file `path` (as written in the guide, before rooting); `secret` says the task at hand writes a
 * secret there (also counted when the scan of the graph missed it). Never throws.
 */
export function fileMode(ctx: Context, path: string, secret = false): string {
  if (/^\/etc\/sudoers(\.d\/|$)/.test(path)) return '0440';
  if (!secret && !secretFiles(ctx).has(path)) return '0644';
  return /^(~\/|\/root\/|\/home\/)/.test(path) ? '0600' : '0640';
}

/** The mode of a directory the guide makes (`mkdir`): `0755`, as mkdir with the usual umask. */
export const DIRECTORY_MODE = '0755';
