/**
 * The parts of kuromoji 0.1.2 that tejun's fast tokenizer reads, as types. kuromoji publishes
 * none of them (its public API is `builder({ dicPath }).build(cb)` and `tokenize(text)`): they
 * are the fields of its `Tokenizer` object (src/Tokenizer.js) and of the dictionaries behind it
 * (src/dict/*.js, the trie of the `doublearray` package). ./shape-check.ts checks an installed
 * kuromoji against these shapes before any of them is used; nothing else casts to them.
 */
import type { RawToken } from './types.js';

/** `doublearray`'s base/check arrays of the trie (`trie.bc`): out-of-range reads give values no node has. */
export interface TrieArrays {
  getBase(index: number): number;
  getCheck(index: number): number;
  getBaseBuffer(): Int32Array;
  getCheckBuffer(): Int32Array;
}

/** The dictionary trie (`doublearray`'s DoubleArray: surface form → word id). */
export interface Trie {
  bc: TrieArrays;
  commonPrefixSearch(key: string): Array<{ k: string; v?: number }>;
}

/** kuromoji's `ByteBuffer` of dictionary entries (left id, right id, cost as int16 little-endian, then a feature offset). */
export interface EntryBytes {
  buffer: Uint8Array;
  getShort(index: number): number;
}

/** A word id → entry ids map: kuromoji's object of arrays, or tejun's compact map (./target-map.ts). */
export type TargetMap = Record<number, ArrayLike<number> | undefined>;

/** kuromoji's `TokenInfoDictionary` (tid*.dat): the known words' entries. */
export interface WordDictionary {
  dictionary: EntryBytes;
  target_map: TargetMap;
  /** The entry's `surface,pos,…` line, or null. */
  getFeatures(id: number): string | null;
}

/** kuromoji's character class (char.def) of a character. */
export interface CharacterClass {
  class_id: number;
  class_name: string;
  is_always_invoke: number;
  is_grouping: number;
}

/** kuromoji's `UnknownDictionary` (unk*.dat): entries per character class. */
export interface UnknownWordDictionary extends WordDictionary {
  lookup(ch: string): CharacterClass;
}

/** kuromoji's `ConnectionCosts`: `buffer[2 + right * backward_dimension + left]`; buffer[0], buffer[1] the dimensions. */
export interface ConnectionCosts {
  forward_dimension: number;
  backward_dimension: number;
  buffer: Int16Array;
}

/** kuromoji's `IpadicFormatter`: a token object from an entry's features. */
export interface Formatter {
  formatEntry(id: number, position: number, type: string, features: string[]): RawToken;
  formatUnknownEntry(id: number, position: number, type: string, features: string[], surface: string): RawToken;
}

/** The parts of a built kuromoji `Tokenizer` that tejun's lattice reads (after ./shape-check.ts). */
export interface KuromojiInternals {
  trie: Trie;
  known: WordDictionary;
  unknown: UnknownWordDictionary;
  costs: ConnectionCosts;
  formatter: Formatter;
  /** kuromoji's own lattice and search for one piece (used for pieces with UTF-16 surrogates). */
  tokenizeForSentence(piece: string, tokens: RawToken[]): RawToken[];
}

/** kuromoji's `DictionaryLoader` (src/loader/DictionaryLoader.js) as tejun drives it. */
export interface DictionaryLoaderInstance {
  /** The dictionaries being filled (`DynamicDictionaries`). */
  dic: { token_info_dictionary: { target_map: TargetMap; loadTargetMap(bytes: Uint8Array): unknown } };
  /** Reads one dictionary file (`base.dat.gz`, …); the base class asks subclasses to set it. */
  loadArrayBuffer(file: string, callback: (error: Error | null, buffer?: ArrayBuffer) => void): void;
  load(callback: (error: Error | null, dic: unknown) => void): void;
}

/** The two kuromoji modules the fast path requires by path. */
export interface KuromojiModules {
  /** src/loader/DictionaryLoader.js. */
  DictionaryLoader: new (dicPath: string) => DictionaryLoaderInstance;
  /** src/Tokenizer.js. */
  Tokenizer: new (dic: unknown) => object;
}
