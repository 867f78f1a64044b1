/**
 * The build cache's graphs as the build reads them: a guide's graph from the cache (checked: the
 * file has the sha256 the sealed state records, and it is the graph of the guide's bytes) or its
 * bytes to parse; and pruning graphs no guide uses any more.
 */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { StepGraph } from '../ir/types.js';
import { graphKey, loadGraph, sha256, type CacheState } from './build-cache.js';
import type { BuildStats, ResolvedGuide } from './types.js';

/** A guide's step graph (from the cache or parsed), the error that stopped it, or its bytes to parse. */
export type GraphLookup = { graph: StepGraph; key: string; parsed: boolean } | { error: string; ruleId?: string; line?: number; column?: number } | { bytes: Uint8Array };

/**
 * The step graph of one guide from the cache when its stat fingerprint (size, mtime) or else its
 * sha256 is known and the cached graph passes its checks; otherwise its bytes, for the caller to
 * parse. Records the guide's fingerprint in `next` (and the cached graph's sha256).
 */
export async function lookupGraph(
  guide: ResolvedGuide,
  root: string,
  cacheDir: string,
  toolchain: string,
  state: CacheState,
  next: CacheState,
  stats: BuildStats,
): Promise<GraphLookup> {
  const abs = join(root, guide.path);
  let bytes: Uint8Array | undefined;
  let contentSha: string;
  try {
    const st = await stat(abs);
    const known = state.guides[guide.path];
    if (known && known.size === st.size && known.mtimeMs === st.mtimeMs) {
      contentSha = known.sha256;
    } else {
      bytes = await readFile(abs);
      stats.read += 1;
      contentSha = sha256(bytes);
    }
    next.guides[guide.path] = { size: st.size, mtimeMs: st.mtimeMs, sha256: contentSha };
  } catch (error) {
    return { error: `Unexpected unreadable guide: ${(error as Error).message}` };
  }
  const key = graphKey(toolchain, guide, contentSha);
  const cached = await loadGraph(cacheDir, key, state.graphs[key]);
  if (cached && cached.graph.source?.sha256 === contentSha) {
    stats.cached += 1;
    next.graphs[key] = cached.sha256;
    return { graph: cached.graph, key, parsed: false };
  }
  try {
    if (!bytes) {
      bytes = await readFile(abs);
      stats.read += 1;
    }
    return { bytes };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Removes cached graphs not in `keep` (graphs of guides no longer in the project or changed). */
export async function pruneGraphs(cacheDir: string, keep: Set<string>): Promise<void> {
  let names: string[];
  try {
    names = await readdir(join(cacheDir, 'graphs'));
  } catch {
    return;
  }
  for (const name of names) {
    if (name.endsWith('.json') && !keep.has(name.slice(0, -'.json'.length))) await rm(join(cacheDir, 'graphs', name), { force: true });
  }
}
