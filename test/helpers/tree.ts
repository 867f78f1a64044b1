/**
 * A folder's files as data, for tests that compare two output trees byte for byte and mode for mode.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under `dir`: its path relative to `dir` → its bytes (as latin1 text) and mode. */
export function fileTree(dir: string): Map<string, { bytes: string; mode: number }> {
  const out = new Map<string, { bytes: string; mode: number }>();
  const walk = (d: string) => {
    for (const name of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, name.name);
      if (name.isDirectory()) walk(path);
      else out.set(relative(dir, path), { bytes: readFileSync(path, 'latin1'), mode: statSync(path).mode });
    }
  };
  walk(dir);
  return out;
}
