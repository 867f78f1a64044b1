/**
 * Distinct output names for guides whose file names give the same output base
 * (`a/install.md` and `b/install.md` both give `install`): the generators name every output after
 * the base (escape/paths.ts safeFileName), so without this the second would overwrite the first.
 * Each guide of a colliding group gets `<base>-<8 hex digits of the sha256 of its path>` instead
 * (stable: the same guide path always gets the same name, whatever else is built with it).
 */
import { createHash } from 'node:crypto';
import { safeFileName } from '../generate/escape/paths.js';

/** The output base the generators derive from a guide path (see src/generate/output-base.ts). */
export function baseOfPath(path: string): string {
  const file = path.split(/[\\/]/).pop() ?? path;
  const dot = file.lastIndexOf('.');
  return safeFileName(dot > 0 ? file.slice(0, dot) : file);
}

/**
 * For each guide path whose base another path shares, the base to use instead.
 * @returns guide path → `{ from, to }` (only for colliding guides).
 */
export function distinctBases(paths: readonly string[]): Map<string, { from: string; to: string }> {
  const byBase = new Map<string, string[]>();
  for (const p of new Set(paths)) {
    const b = baseOfPath(p);
    byBase.set(b, [...(byBase.get(b) ?? []), p]);
  }
  const out = new Map<string, { from: string; to: string }>();
  for (const [base, group] of byBase) {
    if (group.length < 2) continue;
    for (const p of group) out.set(p, { from: base, to: `${base}-${createHash('sha256').update(p).digest('hex').slice(0, 8)}` });
  }
  return out;
}

/**
 * `file` (a generator's output path, `/`-separated: `base.sh`, `base.md`, `base/playbook.yml`)
 * with its leading base renamed; unchanged when `rename` is undefined.
 */
export function renameOutput(file: string, rename: { from: string; to: string } | undefined): string {
  if (!rename) return file;
  const { from, to } = rename;
  if (file.startsWith(`${from}/`) || file.startsWith(`${from}.`)) return `${to}${file.slice(from.length)}`;
  return file;
}
