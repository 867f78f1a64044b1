/**
 * Loads the compiled tejun library (dist/src/index.js) for the tests, once.
 *
 * Imported at run time, from the repository root, so the tests load exactly the library
 * `npm run build` produced; the type is the real one of src/index.ts.
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { ROOT } from './paths.js';

/** The library API of src/index.ts (parseGuide, generate, …). */
export type TejunLibrary = typeof import('../../src/index.js');

let cached: Promise<TejunLibrary> | undefined;

/**
 * The library, imported once from dist/src/index.js. Rejects (with the import error) when the
 * library has not been built or does not exist yet.
 */
export function loadTejun(): Promise<TejunLibrary> {
  cached ??= import(pathToFileURL(join(ROOT, 'dist', 'src', 'index.js')).href) as Promise<TejunLibrary>;
  return cached;
}
