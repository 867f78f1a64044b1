/**
 * tejun's lattice for one piece over kuromoji's dictionary: the same nodes in the same order as
 * kuromoji's `ViterbiBuilder.build` and the same search as its `ViterbiSearcher`, so the same
 * tokens as `tokenizeForSentence(piece, [])`, with less work per character:
 * - the lattice is kept in typed columns reused from piece to piece (kuromoji makes a
 *   `ViterbiNode` object for each of the ~6 nodes per character: most of the garbage);
 * - the trie is walked in place per position (./trie.ts), without a `SurrogateAwareString` of the
 *   rest of the piece at every position (quadratic);
 * - each character's class is looked up once per code unit, and an entry's features are decoded
 *   and split once (cached per entry id).
 * A piece with a UTF-16 surrogate, or empty, is kuromoji's own.
 */
import type { CharacterClass, EntryBytes, KuromojiInternals, WordDictionary } from './internals.js';
import { compactIndexOf, targetMapLookup } from './target-map.js';
import { prefixWords, prefixWordsBuffer } from './trie.js';
import type { RawToken } from './types.js';

/**
 * kuromoji's tokens of one piece, as `tokenizeForSentence(piece, [])` gives them (positions
 * 1-based within the piece). Nodes: BOS, then per position its dictionary words (trie order, each
 * word's entries in target-map order), then its unknown words (char.def: when no word starts there
 * or the class is always invoked; grouped while the next character's class name is the same).
 * Search: a node's best predecessor is the first of least cost in the order nodes were added,
 * costs in doubles, as kuromoji's forward pass; the path is read back from EOS.
 * @param internals the checked parts of kuromoji's tokenizer (./shape-check.ts).
 * @throws TypeError when a trie value has no entries (a damaged dictionary; kuromoji throws too),
 *   or kuromoji's 'ConnectionCosts buffer overflow' string on an id outside the cost matrix.
 */
export function tokenizePiece(internals: KuromojiInternals, piece: string): RawToken[] {
  if (/[\ud800-\udfff]/.test(piece) || piece.length === 0) return internals.tokenizeForSentence(piece, []);
  const { trie, known, unknown } = internals;
  const compact = compactIndexOf(known.target_map);
  const knownIds = compact ? null : targetMapLookup(known.target_map);
  const n = piece.length;
  const classOf = characterClasses(unknown);
  if (scratch.runEnd.length < n + 2) scratch = scratchArrays(n + 2);
  const classes = scratch.classes;
  for (let i = 0; i < n; i++) {
    const code = piece.charCodeAt(i);
    classes[i] = classOf[code] ??= unknown.lookup(piece[i]!);
  }
  // runEnd[i]: the end of the run of characters of i's class name that starts at i (kuromoji groups
  // an unknown word while the next character's class name is the first one's).
  const runEnd = scratch.runEnd;
  for (let i = n - 1; i >= 0; i--) runEnd[i] = i + 1 < n && classes[i + 1]!.class_name === classes[i]!.class_name ? runEnd[i + 1]! : i + 1;
  const knownShorts = shortsOf(known.dictionary);
  const unknownShorts = shortsOf(unknown.dictionary);
  const knownFeatures = featureCache(known);
  const unknownFeatures = featureCache(unknown);

  // The nodes, in kuromoji's order: BOS, then per position its dictionary words, then its unknown words.
  let count = 1;
  nodes.name[0] = -1;
  nodes.cost[0] = 0;
  nodes.start[0] = 0;
  nodes.length[0] = 0;
  nodes.left[0] = 0;
  nodes.right[0] = 0;
  nodes.unknown[0] = 0;
  nodes.shortest[0] = 0;
  nodes.prev[0] = -1;
  for (let pos = 0; pos < n; pos++) {
    const words = prefixWords(trie, piece, pos, found);
    for (let v = 0; v < words; v++) {
      const value = found.values[v]!;
      if (compact) {
        // compact.ints[from … to - 1], as the map's lookup would return them (a word every trie
        // value has ids for: the lookup's `undefined` would have thrown below as well).
        if (!(value >= 0 && value <= compact.maxKey) || compact.count[value]! === 0) throw new TypeError(`no token ids for trie value ${value}`);
        const from = compact.start[value]!;
        const to = from + compact.count[value]!;
        for (let i = from; i < to; i++) count = addNode(count, compact.ints[i]!, knownShorts, pos + 1, found.lengths[v]!, 0);
      } else {
        const ids = knownIds!(value)!;
        for (let i = 0; i < ids.length; i++) count = addNode(count, entryId(ids[i]!), knownShorts, pos + 1, found.lengths[v]!, 0);
      }
    }
    const head = classes[pos]!;
    if (words === 0 || head.is_always_invoke === 1) {
      const length = (head.is_grouping === 1 ? runEnd[pos]! : pos + 1) - pos;
      const ids = unknown.target_map[head.class_id]!;
      for (let j = 0; j < ids.length; j++) count = addNode(count, entryId(ids[j]!), unknownShorts, pos + 1, length, 1);
    }
  }

  // Nodes by end position (BOS ends at 0; every other node at start + length - 1, 1…n), stable.
  const firstAt = scratch.firstAt;
  firstAt.fill(0, 0, n + 2);
  for (let i = 1; i < count; i++) firstAt[nodes.start[i]! + nodes.length[i]! - 1 + 1]!++;
  firstAt[1]! += 1; // BOS, at end 0
  for (let e = 1; e <= n + 1; e++) firstAt[e]! += firstAt[e - 1]!;
  // firstAt[e] is now where end e's nodes begin in byEnd; firstAt[e + 1] where they stop.
  const fill = scratch.fill;
  fill.set(firstAt.subarray(0, n + 2));
  nodes.byEnd[fill[0]!++] = 0;
  for (let i = 1; i < count; i++) nodes.byEnd[fill[nodes.start[i]! + nodes.length[i]! - 1]!++] = i;

  // Forward: kuromoji's ViterbiSearcher.forward, end position by end position.
  const { backward_dimension: width, buffer: costs } = internals.costs;
  // kuromoji declares the best predecessor with `var` inside the loop and without an initialiser,
  // so it is not reset from node to node: a node whose predecessors all cost Number.MAX_VALUE (none
  // reachable) gets the previous node's. Kept, for the same paths in that corner.
  let best = -1;
  const { byEnd, shortest, right, left, cost: wordCost, start: startOf, prev } = nodes;
  for (let e = 1; e <= n; e++) {
    for (let k = firstAt[e]!; k < firstAt[e + 1]!; k++) {
      const node = byEnd[k]!;
      const before = startOf[node]! - 1;
      const from = firstAt[before]!;
      const to = firstAt[before + 1]!;
      // A node with no node ending before it keeps kuromoji's initial values (prev null, cost MAX).
      if (from === to) continue;
      const nodeLeft = left[node]! + 2;
      const nodeCost = wordCost[node]!;
      let cost = Number.MAX_VALUE;
      for (let q = from; q < to; q++) {
        const p = byEnd[q]!;
        // connection_costs.get(p.right_id, node.left_id), its bounds check included.
        const index = right[p]! * width + nodeLeft;
        if (costs.length < index + 1) throw 'ConnectionCosts buffer overflow';
        const total = shortest[p]! + costs[index]! + nodeCost;
        if (total < cost) {
          best = p;
          cost = total;
        }
      }
      prev[node] = best;
      shortest[node] = cost;
    }
  }
  // EOS (left id 0, cost 0), after the nodes ending at n.
  let eosCost = Number.MAX_VALUE;
  for (let q = firstAt[n]!; q < firstAt[n + 1]!; q++) {
    const p = byEnd[q]!;
    // connection_costs.get(p.right_id, 0), its bounds check included.
    const index = right[p]! * width + 0 + 2;
    if (costs.length < index + 1) throw 'ConnectionCosts buffer overflow';
    const total = shortest[p]! + costs[index]! + 0;
    if (total < eosCost) {
      best = p;
      eosCost = total;
    }
  }
  const eosPrev = firstAt[n]! < firstAt[n + 1]! ? best : -1;

  // Backward: kuromoji's ViterbiSearcher.backward (an empty path when a link is missing).
  const path: number[] = [];
  let back = eosPrev;
  if (back < 0) return [];
  while (back !== 0) {
    path.push(back);
    if (prev[back]! < 0) return [];
    back = prev[back]!;
  }
  const tokens: RawToken[] = [];
  for (let i = path.length - 1; i >= 0; i--) {
    const node = path[i]!;
    const id = nodes.name[node]!;
    const start = nodes.start[node]!;
    if (nodes.unknown[node] === 1) {
      const surface = piece.slice(start - 1, start - 1 + nodes.length[node]!);
      tokens.push(internals.formatter.formatUnknownEntry(id, start, 'UNKNOWN', featuresOf(unknownFeatures, unknown, id), surface));
    } else {
      tokens.push(internals.formatter.formatEntry(id, start, 'KNOWN', featuresOf(knownFeatures, known, id)));
    }
  }
  return tokens;
}

/** The words {@link prefixWords} finds at one position (reused). */
const found = prefixWordsBuffer();

/**
 * The character class of every UTF-16 code unit met so far, per unknown-word dictionary:
 * kuromoji's `lookup(ch)` depends only on the code of a character without surrogates.
 */
const classCache = new WeakMap<object, CharacterClass[]>();

function characterClasses(unknown: object): CharacterClass[] {
  let classes = classCache.get(unknown);
  if (!classes) {
    classes = [];
    classCache.set(unknown, classes);
  }
  return classes;
}

/**
 * A little-endian view of a dictionary's bytes: `getInt16(i, true)` is `ByteBuffer.getShort(i)`
 * for every entry (kuromoji composes the two bytes and sign-extends them by hand).
 */
const shortViews = new WeakMap<Uint8Array, DataView>();

function shortsOf(dictionary: EntryBytes): DataView {
  let view = shortViews.get(dictionary.buffer);
  if (!view) {
    view = new DataView(dictionary.buffer.buffer, dictionary.buffer.byteOffset, dictionary.buffer.byteLength);
    shortViews.set(dictionary.buffer, view);
  }
  return view;
}

/**
 * The lattice of one piece as columns (node i's fields at index i; node 0 is BOS), reused from
 * piece to piece and grown by doubling.
 */
let nodes = latticeColumns(4096);

function latticeColumns(capacity: number) {
  return {
    capacity,
    /** Dictionary entry id (kuromoji's `name`). */
    name: new Int32Array(capacity),
    cost: new Int32Array(capacity),
    /** 1-based position of the first character. */
    start: new Int32Array(capacity),
    length: new Int32Array(capacity),
    left: new Int32Array(capacity),
    right: new Int32Array(capacity),
    /** 1 for an unknown word, 0 for a dictionary word (and BOS). */
    unknown: new Uint8Array(capacity),
    /** kuromoji's `shortest_cost`: a double, sums of int16 costs or Number.MAX_VALUE. */
    shortest: new Float64Array(capacity),
    /** Index of kuromoji's `prev` node, or -1 for none (null or undefined there). */
    prev: new Int32Array(capacity),
    /** Nodes in order of their end position, each end's nodes in the order they were added. */
    byEnd: new Int32Array(capacity),
  };
}

/** Doubles the lattice columns, keeping what they hold. */
function grow(): void {
  const bigger = latticeColumns(nodes.capacity * 2);
  for (const key of ['name', 'cost', 'start', 'length', 'left', 'right', 'unknown', 'shortest', 'prev', 'byEnd'] as const) {
    (bigger[key] as { set(from: ArrayLike<number>): void }).set(nodes[key]);
  }
  nodes = bigger;
}

/**
 * Appends a node to {@link nodes} at index `count` (growing the columns when full): the entry's left
 * id, right id and cost read from `shorts` at byte offset `id`.
 * @returns the new node count (`count + 1`).
 */
function addNode(count: number, id: number, shorts: DataView, start: number, length: number, isUnknown: number): number {
  if (count === nodes.capacity) grow();
  const columns = nodes;
  columns.name[count] = id;
  columns.left[count] = shorts.getInt16(id, true);
  columns.right[count] = shorts.getInt16(id + 2, true);
  columns.cost[count] = shorts.getInt16(id + 4, true);
  columns.start[count] = start;
  columns.length[count] = length;
  columns.unknown[count] = isUnknown;
  columns.shortest[count] = Number.MAX_VALUE;
  columns.prev[count] = -1;
  return count + 1;
}

/** kuromoji's `parseInt(id)` of a target map entry (numbers, as its loader reads them). */
function entryId(id: number): number {
  return typeof id === 'number' ? id : parseInt(String(id), 10);
}

/** Per-character scratch of {@link tokenizePiece} (classes, run ends, nodes per end position), reused and grown by doubling. */
let scratch = scratchArrays(256);

function scratchArrays(capacity: number) {
  let size = 256;
  while (size < capacity) size *= 2;
  return { classes: new Array<CharacterClass>(size), runEnd: new Int32Array(size), firstAt: new Int32Array(size), fill: new Int32Array(size) };
}

/**
 * The features of dictionary entries (`getFeatures(id)` split at commas, as kuromoji's
 * `tokenizeForSentence` splits them), by dictionary and entry id. The formatter only reads the
 * array, so one array serves every token of an entry. Each map is cleared when it reaches
 * {@link FEATURES_CACHE_SIZE}.
 */
const featureCaches = new WeakMap<WordDictionary, Map<number, string[]>>();

function featureCache(dictionary: WordDictionary): Map<number, string[]> {
  let cache = featureCaches.get(dictionary);
  if (!cache) featureCaches.set(dictionary, (cache = new Map()));
  return cache;
}

/** How many entries' features each map keeps (a guide uses a few thousand distinct words). */
export const FEATURES_CACHE_SIZE = 32768;

function featuresOf(cache: Map<number, string[]>, dictionary: WordDictionary, id: number): string[] {
  let features = cache.get(id);
  if (!features) {
    const line = dictionary.getFeatures(id);
    features = line == null ? [] : line.split(',');
    if (cache.size >= FEATURES_CACHE_SIZE) cache.clear();
    cache.set(id, features);
  }
  return features;
}
