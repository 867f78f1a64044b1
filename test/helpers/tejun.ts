/**
 * Loads the compiled tejun library (dist/src/index.js) for the tests.
 *
 * Imported at run time rather than statically so that a test file that only needs part of the
 * library still compiles while src/index.ts is being written; the shape is checked against the
 * real types of src/generate and src/ir.
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { GenerateOptions, GenerateResult, Target } from '../../src/generate/index.js';
import type { StepGraph } from '../../src/ir/types.js';
import { ROOT } from './paths.js';

/** The part of the library API (src/index.ts) the tests use. */
export interface TejunLibrary {
  /** Reads a guide and returns its step graph; `dialect` forces a grammar from grammars/. */
  parseGuide(path: string, options?: { dialect?: string }): Promise<StepGraph>;
  /** Generates one target's files from a graph (see src/generate/index.ts). */
  generate(target: Target, graph: StepGraph, options: GenerateOptions): GenerateResult;
}

let cached: Promise<TejunLibrary> | undefined;

/**
 * The library, imported once from dist/src/index.js. Rejects (with the import error) when the
 * library has not been built or does not exist yet.
 */
export function loadTejun(): Promise<TejunLibrary> {
  cached ??= import(pathToFileURL(join(ROOT, 'dist', 'src', 'index.js')).href) as Promise<TejunLibrary>;
  return cached;
}
