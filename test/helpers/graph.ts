/**
 * Normalising step graphs so fixture expectations stay stable across machines and checkouts.
 */
import { basename } from 'node:path';
import type { StepGraph } from '../../src/ir/types.js';

/** What `source.sha256` is replaced with in fixture expectations. */
export const SHA256_PLACEHOLDER = '<sha256>';

/**
 * A copy of `graph` with `source.path` set to the file's base name (`input.txt`) and
 * `source.sha256` set to {@link SHA256_PLACEHOLDER}; everything else is left as parsed.
 * Pure: `graph` is not changed.
 */
export function normaliseGraph(graph: StepGraph): StepGraph {
  return {
    ...graph,
    source: { ...graph.source, path: basename(graph.source.path), sha256: SHA256_PLACEHOLDER },
  };
}

/** Pretty JSON as written to expected.json files: two-space indent and a final newline. */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
