/**
 * The build cache (`.tejun-cache/` next to tejun.yaml by default):
 *
 *   state.json          fingerprints: per guide {size, mtimeMs, sha256}; per job the key its
 *                       outputs were generated for and their files; per output file {sha256,
 *                       size, mtimeMs, mode}
 *                       and per cached graph the sha256 of its file; sealed by `seal`, the
 *                       HMAC-SHA256 of the rest under this user's cache key (cache-key.ts),
 *                       which lives outside the project: a state whose seal does not match is
 *                       ignored, so one written or recomputed by anyone else is rebuilt
 *   graphs/<key>.json   step graphs by content key (see {@link graphKey}); one whose bytes do not
 *                       have the sha256 the state records, or that is not the graph of the guide's
 *                       bytes, is parsed again (a tampered cache is rebuilt, never trusted)
 *
 * A guide whose size and mtime are those recorded is not read at all (its sha256 is taken from
 * the state); when they changed it is read and hashed, and parsed only when the hash changed.
 * Everything is written atomically; a missing or unreadable cache is an empty one.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomic } from '../cli/write-atomic.js';
import type { StepGraph } from '../ir/types.js';

/** Version of the cache layout; a state of another version is ignored. */
export const CACHE_VERSION = 2;

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
  /** Graph key → sha256 of its file in graphs/. */
  graphs: Record<string, string>;
}

/** An empty state. */
export function emptyState(): CacheState {
  return { version: CACHE_VERSION, guides: {}, jobs: {}, outputs: {}, graphs: {} };
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

/** The state as stored, without its seal (keys sorted: the same state gives the same bytes). */
function stateBody(state: CacheState): string {
  const sorted = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify({ version: state.version, guides: sorted(state.guides), jobs: sorted(state.jobs), outputs: sorted(state.outputs), graphs: sorted(state.graphs) }, null, 1);
}

/** The seal of a state body: HMAC-SHA256 under `key`, hex. */
function sealOf(body: string, key: Buffer): string {
  return createHmac('sha256', key).update(body).digest('hex');
}

/** A loaded state and whether a state file was there but not trusted (its seal does not match). */
export interface LoadedState {
  state: CacheState;
  /** True when state.json exists and parses but its seal is not this key's: it was rebuilt. */
  untrusted: boolean;
}

/**
 * Reads `dir/state.json`; an absent, unreadable, corrupt or other-version state gives an empty
 * one, and so does one whose `seal` is not the HMAC of the rest under `key` (written with another
 * user's key, edited by hand, or resealed by someone who does not have the key), or any state when
 * `key` is null (no usable key: nothing is trusted); those are reported `untrusted`.
 */
export async function loadState(dir: string, key: Buffer | null): Promise<LoadedState> {
  let raw: CacheState & { seal?: unknown };
  try {
    raw = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as CacheState & { seal?: unknown };
  } catch {
    return { state: emptyState(), untrusted: false };
  }
  if (!raw || raw.version !== CACHE_VERSION || !raw.guides || !raw.jobs || !raw.outputs || !raw.graphs) return { state: emptyState(), untrusted: false };
  const state: CacheState = { version: raw.version, guides: raw.guides, jobs: raw.jobs, outputs: raw.outputs, graphs: raw.graphs };
  const seal = typeof raw.seal === 'string' ? Buffer.from(raw.seal) : null;
  const expected = key ? Buffer.from(sealOf(stateBody(state), key)) : null;
  if (!seal || !expected || seal.length !== expected.length || !timingSafeEqual(seal, expected)) return { state: emptyState(), untrusted: true };
  return { state, untrusted: false };
}

/** Writes `dir/state.json` atomically, sealed under `key` (see {@link loadState}). */
export async function saveState(dir: string, state: CacheState, key: Buffer): Promise<void> {
  const body = stateBody(state);
  await writeAtomic(join(dir, 'state.json'), `${body.slice(0, -2)},\n "seal": ${JSON.stringify(sealOf(body, key))}\n}\n`, 0o600);
}

/**
 * The cached graph of `key`, or null when absent, unreadable, or when its bytes do not have the
 * sha256 `expected` (the state's record; no record, no graph).
 */
export async function loadGraph(dir: string, key: string, expected: string | undefined): Promise<{ graph: StepGraph; sha256: string } | null> {
  if (!expected) return null;
  try {
    const text = await readFile(join(dir, 'graphs', `${key}.json`), 'utf8');
    if (sha256(text) !== expected) return null;
    return { graph: JSON.parse(text) as StepGraph, sha256: expected };
  } catch {
    return null;
  }
}

/** Stores `graph` under `key` (atomically). @returns the sha256 of the file. @throws when the cache folder cannot be written. */
export async function storeGraph(dir: string, key: string, graph: StepGraph): Promise<string> {
  const text = JSON.stringify(graph);
  await writeAtomic(join(dir, 'graphs', `${key}.json`), text, 0o600);
  return sha256(text);
}
