/**
 * kuromoji's target map (tid_map.dat: word id in the trie → ids of its dictionary entries) kept
 * as an index over the file's own bytes, instead of the ~390 000 JS arrays kuromoji's
 * `loadTargetMap` builds (most of the dictionary's JS heap and garbage collection).
 */
import { endianness } from 'node:os';
import type { TargetMap } from './internals.js';

/**
 * The index behind a compact map: key k's ids are `ints[start[k] … start[k] + count[k] - 1]`
 * (count 0: none) for 0 ≤ k ≤ maxKey. The lattice reads it in place, without a subarray per word.
 */
export interface CompactIndex {
  ints: Int32Array;
  start: Int32Array;
  count: Int32Array;
  maxKey: number;
}

/** The index behind each map {@link compactTargetMap} made. */
const indexes = new WeakMap<object, CompactIndex>();
/** The direct lookup behind each map {@link compactTargetMap} made (no Proxy on the hot path). */
const lookups = new WeakMap<object, (key: number) => Int32Array | undefined>();

/**
 * The target map as a read-only view over the file's bytes: `map[id]` is an Int32Array of the
 * ids, in file order, or undefined for an id the file does not list, as kuromoji's own
 * `loadTargetMap` object gives.
 *
 * The file is little-endian int32s: a key count, then records `key, n, v1 … vn`. This builds two
 * Int32Arrays (start and count per key) in one pass. Measured on the IPADIC files when it was
 * written: the JS heap after loading the dictionary 64 → 15 MB, the process's RSS ~265 → ~186 MB.
 * @param bytes the decompressed tid_map.dat.
 * @returns the map, or undefined when the bytes are not such records (a length not a multiple of
 *   4, a record running past the end, a key with values listed twice, a negative key or count) or
 *   the host is big-endian: then kuromoji's own loader is used.
 */
export function compactTargetMap(bytes: Uint8Array): Record<number, Int32Array | undefined> | undefined {
  if (bytes.length % 4 !== 0 || bytes.length < 4 || endianness() !== 'LE') return undefined;
  const ints = bytes.byteOffset % 4 === 0 ? new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4) : new Int32Array(bytes.slice().buffer);
  // A record with no value adds nothing (kuromoji's loop reads it and moves on): the IPADIC file
  // ends in ~1.2 MB of zeros, read as such records. A count missing at the very end reads as 0.
  let maxKey = -1;
  for (let at = 1; at < ints.length; ) {
    const key = ints[at]!;
    const n = ints[at + 1] ?? 0;
    if (n < 0 || (n > 0 && (key < 0 || at + 2 + n > ints.length))) return undefined;
    if (n > 0 && key > maxKey) maxKey = key;
    at += 2 + n;
  }
  const start = new Int32Array(maxKey + 1);
  const count = new Int32Array(maxKey + 1);
  for (let at = 1; at < ints.length; ) {
    const key = ints[at]!;
    const n = ints[at + 1] ?? 0;
    if (n > 0) {
      if (count[key] !== 0) return undefined;
      start[key] = at + 2;
      count[key] = n;
    }
    at += 2 + n;
  }
  const lookup = (key: number): Int32Array | undefined => {
    if (!(key >= 0 && key <= maxKey)) return undefined;
    const n = count[key]!;
    return n > 0 ? ints.subarray(start[key]!, start[key]! + n) : undefined;
  };
  const map = new Proxy({} as Record<number, Int32Array | undefined>, {
    get(_target, property) {
      if (typeof property !== 'string') return undefined;
      const key = Number(property);
      return Number.isInteger(key) ? lookup(key) : undefined;
    },
  });
  lookups.set(map, lookup);
  indexes.set(map, { ints, start, count, maxKey });
  return map;
}

/** The index behind `map` when {@link compactTargetMap} made it, else undefined (a kuromoji object of arrays). */
export function compactIndexOf(map: TargetMap): CompactIndex | undefined {
  return indexes.get(map);
}

/**
 * A function reading a target map (word or character-class id → entry ids): the compact map's own
 * lookup when `map` is one, else a plain property read.
 */
export function targetMapLookup(map: TargetMap): (key: number) => ArrayLike<number> | undefined {
  return lookups.get(map) ?? ((key: number) => map[key]);
}
