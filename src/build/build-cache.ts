/**
 * The build cache (`.tejun-cache/` next to tejun.yaml by default):
 *
 *   state.json          fingerprints: per guide {size, mtimeMs, sha256}; per job the key its
 *                       outputs were generated for and their files; per output file {sha256,
 *                       size, mtimeMs, mode}
 *   graphs/<key>.json   step graphs by content key (see {@link graphKey})
 *
 * A guide whose size and mtime are those recorded is not read at all (its sha256 is taken from
 * the state); when they changed it is read and hashed, and parsed only when the hash changed.
 * Everything is written atomically; a missing or unreadable cache is an empty one.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomic } from '../cli/write-atomic.js';
import type { StepGraph } from '../ir/types.js';

/** Version of the cache layout; a state of another version is ignored. */
export const CACHE_VERSION = 1;

/** Stat fingerprint and content hash of one file. */
export interface FileFingerprint {
  size: number;
  mtimeMs: number;
  sha256: string;
}

/** One output file as last written: fingerprint and mode. */
export interface OutputRecord extends FileFingerprint {
  mode: number;
}

/** The cache's state.json. Paths relative to the project folder, `/`-separated. */
export interface CacheState {
  version: number;
  /** Guide path → fingerprint. */
  guides: Record<string, FileFingerprint>;
  /** Job id (`site/target/guide`) → the key its outputs were made for and their paths. */
  jobs: Record<string, { key: string; files: string[] }>;
  /** Output path → how it was written. */
  outputs: Record<string, OutputRecord>;
}

/** An empty state. */
export function emptyState(): CacheState {
  return { version: CACHE_VERSION, guides: {}, jobs: {}, outputs: {} };
}

/** sha256 (hex) of a string or bytes. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** sha256 (hex) of a JSON array of parts: a key that changes when any part does. */
export function keyOf(parts: unknown[]): string {
  return sha256(JSON.stringify(parts));
}

/**
 * The cache key of a guide's step graph: the toolchain, the guide's bytes (sha256), its dialect
 * option and its path (the graph records `source.path`).
 */
export function graphKey(toolchain: string, guide: { path: string; dialect?: string }, contentSha256: string): string {
  return keyOf(['graph', toolchain, guide.path, guide.dialect ?? null, contentSha256]);
}

/** Reads `dir/state.json`; an absent, unreadable, corrupt or other-version state gives an empty one. */
export async function loadState(dir: string): Promise<CacheState> {
  try {
    const state = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as CacheState;
    if (state.version !== CACHE_VERSION || !state.guides || !state.jobs || !state.outputs) return emptyState();
    return state;
  } catch {
    return emptyState();
  }
}

/** Writes `dir/state.json` atomically (keys sorted: the same state gives the same bytes). */
export async function saveState(dir: string, state: CacheState): Promise<void> {
  const sorted = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const out = { version: state.version, guides: sorted(state.guides), jobs: sorted(state.jobs), outputs: sorted(state.outputs) };
  await writeAtomic(join(dir, 'state.json'), `${JSON.stringify(out, null, 1)}\n`, 0o644);
}

/** The cached graph of `key`, or null when absent or unreadable. */
export async function loadGraph(dir: string, key: string): Promise<StepGraph | null> {
  try {
    return JSON.parse(await readFile(join(dir, 'graphs', `${key}.json`), 'utf8')) as StepGraph;
  } catch {
    return null;
  }
}

/** Stores `graph` under `key` (atomically). @throws when the cache folder cannot be written. */
export async function storeGraph(dir: string, key: string, graph: StepGraph): Promise<void> {
  await writeAtomic(join(dir, 'graphs', `${key}.json`), JSON.stringify(graph), 0o644);
}
