/**
 * The kuromoji tokenizer, loaded once and lazily behind a cached promise, and a tokenize()
 * that masks ASCII code first (see ./mask.ts) and maps every token back to the original text.
 *
 * The dictionary is found next to the installed kuromoji package (resolved from this module, not
 * from the working directory). Loading it takes about half a second, so callers check a cheap
 * pattern first and tokenize only when a decision needs it; {@link isTokenizerLoaded} lets tests
 * prove it.
 */
import { readFile, readFileSync, statSync } from 'node:fs';
import { endianness } from 'node:os';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { gunzip } from 'node:zlib';
import type kuromoji from 'kuromoji';
import { PACKAGE_ROOT } from '../grammar/load-grammar.js';
import { maskCode } from './mask.js';

/** One token of a sentence, with offsets into the original (unmasked) text. */
export interface Token {
  /** The token's text as it is in the original sentence (a masked span is restored whole). */
  surface: string;
  /** Part of speech (`名詞`, `動詞`, `助詞`, …); `名詞` for a masked span. */
  pos: string;
  /** First POS detail (`格助詞`, `サ変接続`, …); `固有名詞` for a masked span. */
  posDetail: string;
  /** Dictionary form (`置き換える` for `置き換え`); the surface when the dictionary has none. */
  basic: string;
  /** Conjugated form (`連用形`, …) or `*`. */
  conjugatedForm: string;
  /** UTF-16 offset of the token in the original text (inclusive). */
  start: number;
  /** UTF-16 offset just after the token in the original text. */
  end: number;
  /** True when the token is (or holds) a masked identifier, path, URL or inline code. */
  masked: boolean;
}

type KuromojiTokenizer = kuromoji.Tokenizer<kuromoji.IpadicFeatures>;

let tokenizerPromise: Promise<KuromojiTokenizer> | undefined;
let loaded = false;

/** The kuromoji dictionary folder (gzipped files), resolved from the installed package. */
export function dictionaryPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('kuromoji/package.json')), 'dict') + '/';
}

/** Where `npm run build` decompresses the dictionary (scripts/dictionary.mjs): <package>/dist/dict. */
export const RAW_DICTIONARY_DIR = join(PACKAGE_ROOT, 'dist', 'dict');

/**
 * The folder of the decompressed dictionary when it can be used: its manifest.json names the
 * installed kuromoji version and every file it lists is there with the listed size.
 * @param dir the folder to check (default {@link RAW_DICTIONARY_DIR}).
 * @returns the folder with a trailing slash, or undefined (then the .gz files are read).
 */
export function rawDictionaryPath(dir: string = RAW_DICTIONARY_DIR): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const version = (JSON.parse(readFileSync(require.resolve('kuromoji/package.json'), 'utf8')) as { version: string }).version;
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { kuromoji?: string; files?: Record<string, number> };
    if (manifest.kuromoji !== version || !manifest.files || Object.keys(manifest.files).length === 0) return undefined;
    for (const [name, size] of Object.entries(manifest.files)) {
      if (statSync(join(dir, name)).size !== size) return undefined;
    }
    return dir + '/';
  } catch {
    return undefined;
  }
}

/** True once anything asked for the tokenizer (the dictionary load has started or finished). */
export function isTokenizerLoaded(): boolean {
  return loaded;
}

/**
 * The shared tokenizer; the first call starts loading the dictionary, later calls share it.
 * @throws (rejects) the dictionary loader's error when the files cannot be read.
 */
export function getTokenizer(): Promise<KuromojiTokenizer> {
  if (!tokenizerPromise) {
    loaded = true;
    tokenizerPromise = buildTokenizer(dictionaryPath(), rawDictionaryPath());
  }
  return tokenizerPromise;
}

/** The parts of kuromoji's double-array trie (package `doublearray`) that a search reads. */
interface DoubleArrayTrie {
  bc: { getBase(index: number): number; getCheck(index: number): number };
  commonPrefixSearch(key: string): Array<{ k: string; v?: number }>;
}

/**
 * Builds kuromoji's tokenizer as `kuromoji.builder({ dicPath }).build()` does, with changes
 * that leave every tokenization the same:
 * - the files come from `rawPath` when given (decompressed at build time by
 *   scripts/dictionary.mjs), else from `dicPath`, gunzipped in one chunk each
 *   ({@link gunzipChunkSize});
 * - the file bytes are handed to kuromoji as their own ArrayBuffer instead of a copy of it
 *   (kuromoji's Node loader copies each one: ~100 MB more transient RSS and time);
 * - the word-id → token-ids map is {@link compactTargetMap}, an index over the file's bytes;
 * - the trie's `commonPrefixSearch`, which kuromoji calls at every position of a sentence with the
 *   whole rest of the sentence, is {@link commonPrefixSearch}, which encodes the key only as far
 *   as the trie walk goes (the original encodes the whole rest: quadratic in the sentence length).
 * @param dicPath the dictionary folder (.gz files), with a trailing slash.
 * @param rawPath the decompressed dictionary folder ({@link rawDictionaryPath}), if usable.
 * @throws (rejects) the loader's error when a file cannot be read or decompressed.
 */
function buildTokenizer(dicPath: string, rawPath?: string): Promise<KuromojiTokenizer> {
  const require = createRequire(import.meta.url);
  const DictionaryLoader = require('kuromoji/src/loader/DictionaryLoader.js') as new (dicPath: string) => {
    loadArrayBuffer: (file: string, callback: (error: Error | null, buffer?: ArrayBuffer) => void) => void;
    load: (callback: (error: Error | null, dic: unknown) => void) => void;
  };
  const Tokenizer = require('kuromoji/src/Tokenizer.js') as new (dic: unknown) => KuromojiTokenizer;
  const loader = new DictionaryLoader(dicPath);
  // The word-id → token-ids map as an index over the file's own bytes instead of an object of
  // ~390 000 arrays (built by kuromoji's loadTargetMap: most of the dictionary's JS heap and GC).
  const tokenInfo = (loader as unknown as { dic: { token_info_dictionary: TargetMapHolder } }).dic.token_info_dictionary;
  const loadTargetMap = tokenInfo.loadTargetMap.bind(tokenInfo);
  tokenInfo.loadTargetMap = (bytes: Uint8Array) => {
    const compact = compactTargetMap(bytes);
    if (!compact) return loadTargetMap(bytes);
    tokenInfo.target_map = compact;
    return tokenInfo;
  };
  loader.loadArrayBuffer = (file, callback) => {
    if (rawPath) {
      readFile(join(rawPath, basename(file).replace(/\.gz$/u, '')), (error, bytes) => {
        if (error) return callback(error);
        const whole = bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength;
        callback(null, whole ? (bytes.buffer as ArrayBuffer) : new Uint8Array(bytes).buffer);
      });
      return;
    }
    readFile(file, (error, compressed) => {
      if (error) return callback(error);
      gunzip(compressed, { chunkSize: gunzipChunkSize(compressed) }, (error2, bytes) => {
        if (error2) return callback(error2);
        const whole = bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength;
        callback(null, whole ? (bytes.buffer as ArrayBuffer) : new Uint8Array(bytes).buffer);
      });
    });
  };
  return new Promise((resolve, reject) => {
    loader.load((error, dic) => {
      if (error) return reject(error);
      const tokenizer = new Tokenizer(dic);
      const trie = (tokenizer as unknown as { viterbi_builder: { trie: DoubleArrayTrie } }).viterbi_builder.trie;
      const original = trie.commonPrefixSearch.bind(trie);
      trie.commonPrefixSearch = (key) => commonPrefixSearch(trie, key, original);
      resolve(tokenizer);
    });
  });
}

/** kuromoji's TokenInfoDictionary, as far as the target map goes. */
interface TargetMapHolder {
  target_map: Record<number, ArrayLike<number> | undefined>;
  loadTargetMap(bytes: Uint8Array): TargetMapHolder;
}

/**
 * kuromoji's target map (tid_map.dat: word id in the trie → ids of its token records) as a
 * read-only view over the file's bytes: `map[id]` is an Int32Array of the ids, in file order, or
 * undefined for an id the file does not list, as kuromoji's own `loadTargetMap` object gives.
 *
 * The file is little-endian int32s: a key count, then records `key, n, v1 … vn`. This builds two
 * Int32Arrays (start and count per key) in one pass, instead of the ~390 000 JS arrays kuromoji
 * builds: measured on the IPADIC files, the JS heap after loading the dictionary drops from 64 to
 * 15 MB, the process's RSS from ~265 to ~186 MB, and the load from ~400 to ~290 ms (its garbage
 * collection goes with the arrays).
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
  compactLookups.set(map, lookup);
  compactIndexes.set(map, { ints, start, count, maxKey });
  return map;
}

/** The direct lookup behind each map {@link compactTargetMap} made (no Proxy on the hot path). */
const compactLookups = new WeakMap<object, (key: number) => Int32Array | undefined>();

/**
 * The index behind each map {@link compactTargetMap} made: key k's ids are `ints[start[k] …
 * start[k] + count[k] - 1]` (count 0: none) for 0 ≤ k ≤ maxKey; read in place by the lattice
 * builder, without a subarray per dictionary word.
 */
interface CompactIndex {
  ints: Int32Array;
  start: Int32Array;
  count: Int32Array;
  maxKey: number;
}
const compactIndexes = new WeakMap<object, CompactIndex>();

/**
 * A function reading a kuromoji target map (word or character-class id → token record ids): the
 * compact map's own lookup when `map` is one, else a plain property read.
 */
export function targetMapLookup(map: Record<number, ArrayLike<number> | undefined>): (key: number) => ArrayLike<number> | undefined {
  return compactLookups.get(map) ?? ((key: number) => map[key]);
}

/**
 * The output chunk size for gunzipping `compressed` in one piece: the uncompressed size the gzip
 * trailer records (ISIZE, its last 4 bytes, little-endian, modulo 2^32), clamped to at least 64 KiB
 * and at most 256 MiB or deflate's largest ratio (1032:1) times the compressed size.
 * With zlib's default 16 KiB chunks, the ~60 MB of dictionary come back in thousands of pieces that
 * the main thread then concatenates (measured: 400 ms of CPU against 170 ms in one piece). A wrong
 * ISIZE (a damaged file) only means more pieces, never a wrong result.
 * @param compressed a gzip file's bytes.
 * @returns a chunk size in bytes.
 */
export function gunzipChunkSize(compressed: Uint8Array): number {
  if (compressed.length < 18) return 64 * 1024;
  const n = compressed.length;
  const isize = (compressed[n - 4]! | (compressed[n - 3]! << 8) | (compressed[n - 2]! << 16) | (compressed[n - 1]! << 24)) >>> 0;
  return Math.max(64 * 1024, Math.min(isize, 256 * 1024 * 1024, 1032 * n));
}

/**
 * The dictionary words that are prefixes of `key`, shortest first, as `doublearray`'s
 * `commonPrefixSearch` returns them (`k` the word, `v` its record), walking the trie one UTF-8
 * byte at a time and encoding `key` only as far as the walk goes: linear in the longest match,
 * not in the length of `key`. Hands the key to `original` when it meets a surrogate (the
 * original's own treatment of astral and malformed characters then applies) or when a word would
 * end inside a character (never in the IPADIC trie).
 */
export function commonPrefixSearch(
  trie: DoubleArrayTrie,
  key: string,
  original: (key: string) => Array<{ k: string; v?: number }>,
): Array<{ k: string; v?: number }> {
  const bc = trie.bc;
  const result: Array<{ k: string; v?: number }> = [];
  const bytes = [0, 0, 0];
  let parent = 0; // ROOT_ID
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) return original(key);
    let n: number;
    if (code < 0x80) {
      bytes[0] = code;
      n = 1;
    } else if (code < 0x800) {
      bytes[0] = (code >>> 6) | 0xc0;
      bytes[1] = (code & 0x3f) | 0x80;
      n = 2;
    } else {
      bytes[0] = (code >>> 12) | 0xe0;
      bytes[1] = ((code >> 6) & 0x3f) | 0x80;
      bytes[2] = (code & 0x3f) | 0x80;
      n = 3;
    }
    for (let b = 0; b < n; b++) {
      const child = bc.getBase(parent) + bytes[b]!;
      if (bc.getCheck(child) !== parent) return result;
      parent = child;
      const terminal = bc.getBase(parent); // + TERM_CODE (0)
      if (bc.getCheck(terminal) === parent) {
        if (b < n - 1) return original(key);
        const base = bc.getBase(terminal);
        const r = {} as { k: string; v?: number };
        if (base <= 0) r.v = -base - 1;
        r.k = key.slice(0, i + 1);
        result.push(r);
      }
    }
  }
  return result;
}

/** Content-keyed cache of tokenizations (most recent last). */
const cache = new Map<string, Token[]>();
/** How many tokenizations the cache keeps. */
export const CACHE_SIZE = 512;

/** kuromoji's token as its IPADIC formatter builds it (the fields tejun reads). */
type RawToken = kuromoji.IpadicFeatures;

/**
 * Content-keyed cache of kuromoji's tokens for one piece of masked text (see {@link splitPieces}),
 * positions relative to the piece (most recent last). Sentences of one guide share most of their
 * pieces with the paragraphs and titles around them (a paragraph, then each of its sentences).
 */
const pieceCache = new Map<string, readonly RawToken[]>();
/** How many pieces the piece cache keeps. */
export const PIECE_CACHE_SIZE = 4096;

/** kuromoji's own sentence split (`Tokenizer.splitByPunctuation`: after every 、 and 。). */
let splitByPunctuation: ((text: string) => string[]) | undefined;

/**
 * Splits masked text into the pieces kuromoji tokenizes one at a time: `tokenize(text)` is
 * `splitByPunctuation(text)` followed by one lattice per piece, so the tokens of a piece never
 * depend on the text around it. Uses kuromoji's own function, so the pieces are the same.
 */
export function splitPieces(text: string): string[] {
  if (!splitByPunctuation) {
    const require = createRequire(import.meta.url);
    splitByPunctuation = (require('kuromoji/src/Tokenizer.js') as { splitByPunctuation: (text: string) => string[] }).splitByPunctuation;
  }
  return splitByPunctuation(text);
}

/** Called with every piece the piece cache misses, before it is tokenized (see {@link onPieceTokenized}). */
let pieceListener: ((piece: string) => void) | null = null;

/**
 * Registers a function called with every piece that is tokenized (a piece cache miss: what reaches
 * kuromoji's lattice), or none (`null`). For benchmarks (bench/extract.mjs counts the pieces and
 * their callers) and tests; it must not throw.
 */
export function onPieceTokenized(listener: ((piece: string) => void) | null): void {
  pieceListener = listener;
}

/** kuromoji's tokens of one piece, positions relative to the piece (1-based), cached by content. */
function pieceTokens(tokenizer: KuromojiTokenizer, piece: string): readonly RawToken[] {
  const hit = pieceCache.get(piece);
  if (hit) {
    pieceCache.delete(piece);
    pieceCache.set(piece, hit);
    return hit;
  }
  pieceListener?.(piece);
  const made = tokenizePiece(tokenizer, piece);
  pieceCache.set(piece, made);
  if (pieceCache.size > PIECE_CACHE_SIZE) pieceCache.delete(pieceCache.keys().next().value as string);
  return made;
}

/**
 * Maps offsets in the masked text back to the original: a position inside a symbol maps to the
 * start (for a token start) or the end (for a token end) of the span it replaced.
 */
function offsetMapper(original: string, spans: ReturnType<typeof maskCode>['spans']) {
  const pieces: Array<{ mStart: number; mEnd: number; oStart: number; oEnd: number }> = [];
  let shift = 0;
  for (const span of spans) {
    const mStart = span.start + shift;
    pieces.push({ mStart, mEnd: mStart + span.symbol.length, oStart: span.start, oEnd: span.start + span.original.length });
    shift += span.symbol.length - span.original.length;
  }
  const map = (m: number, side: 'start' | 'end'): { at: number; masked: boolean } => {
    let delta = 0;
    for (const p of pieces) {
      const inside = side === 'start' ? m >= p.mStart && m < p.mEnd : m > p.mStart && m <= p.mEnd;
      if (inside) return { at: side === 'start' ? p.oStart : p.oEnd, masked: true };
      if (p.mEnd > m) break;
      delta = p.oEnd - p.mEnd;
    }
    return { at: Math.min(m + delta, original.length), masked: false };
  };
  return map;
}

/**
 * The tokens of the first `count` pieces of `pieces` (the masked text of `text`, split as kuromoji
 * splits it), mapped back to `text`: exactly the first tokens of kuromoji's `tokenize` of the
 * whole masked text, with kuromoji's own arithmetic for positions (a piece's tokens are placed
 * after the position of the last token before it, not after the piece's end: the two differ when
 * that token is longer than one character, "」、").
 */
function tokensOfPieces(tokenizer: KuromojiTokenizer, text: string, masked: ReturnType<typeof maskCode>, pieces: string[], count: number): Token[] {
  // Without masked spans the masked text is the text: an offset maps to itself (clamped to the
  // text, as offsetMapper does), with no object per offset.
  const map = masked.spans.length > 0 ? offsetMapper(text, masked.spans) : null;
  const tokens: Token[] = [];
  forEachRawToken(tokenizer, pieces, count, (t, position) => {
    const mStart = position - 1;
    const mEnd = mStart + t.surface_form.length;
    let startAt: number;
    let endAt: number;
    let spanned = false;
    if (map) {
      const start = map(mStart, 'start');
      const end = map(mEnd, 'end');
      startAt = start.at;
      endAt = end.at;
      spanned = start.masked || end.masked;
    } else {
      // No offset object per token without spans.
      startAt = Math.min(mStart, text.length);
      endAt = Math.min(mEnd, text.length);
    }
    const surface = text.slice(startAt, endAt);
    if (surface.trim() === '') return;
    const isMasked = spanned || (t.surface_form.includes('XMSK') && /XMSK[A-Z]+/u.test(t.surface_form));
    tokens.push({
      surface,
      pos: isMasked ? '名詞' : t.pos,
      posDetail: isMasked ? '固有名詞' : t.pos_detail_1,
      basic: isMasked || t.basic_form === '*' ? surface : t.basic_form,
      conjugatedForm: t.conjugated_form,
      start: startAt,
      end: endAt,
      masked: isMasked,
    });
  });
  return tokens;
}

/**
 * Calls `visit` with kuromoji's tokens of the first `count` pieces (from the piece cache) and the
 * `word_position` kuromoji's `tokenize` gives each (1-based, in the masked text).
 */
function forEachRawToken(tokenizer: KuromojiTokenizer, pieces: string[], count: number, visit: (t: RawToken, position: number) => void): void {
  let lastPos = 0;
  for (let p = 0; p < count; p++) {
    const raw = pieceTokens(tokenizer, pieces[p]!);
    const base = lastPos;
    for (let r = 0; r < raw.length; r++) visit(raw[r]!, base + raw[r]!.word_position);
    if (raw.length > 0) lastPos = base + raw[raw.length - 1]!.word_position;
  }
}

/**
 * kuromoji's tokens of `text` (not masked) as tejun computes them, piece by piece through the
 * piece cache: for tests, to compare with kuromoji's own `tokenize`.
 * @returns kuromoji's token objects with the `word_position` its `tokenize` would give.
 */
export async function kuromojiTokens(text: string): Promise<RawToken[]> {
  const tokenizer = await getTokenizer();
  const pieces = splitPieces(text);
  const out: RawToken[] = [];
  forEachRawToken(tokenizer, pieces, pieces.length, (t, position) => out.push({ ...t, word_position: position }));
  return out;
}

/** The first tokens of a text, from {@link tokenizeThrough}. */
export interface TokenPrefix {
  /** The first tokens of {@link tokenize}`(text)`: equal to them, offsets and all. */
  tokens: Token[];
  /** True when `tokens` are all the tokens of the text. */
  complete: boolean;
}

/**
 * The tokens of `text` as far as a decision can need them: those of every piece (see
 * {@link splitPieces}) up to the last one in which `needed` matches, and of `extra` pieces after
 * it. Equal to the first tokens of {@link tokenize}`(text)`, since kuromoji tokenizes each piece
 * on its own; no piece is tokenized when `needed` matches none. `needed` is tested on the masked
 * text (code spans replaced, see ./mask.ts): a word inside code is never a Japanese word.
 * @param needed a non-global pattern for the words the decision reads (it must hold every
 *   token the decision looks for), or an offset in `text`: the pieces up to the one that holds
 *   that character. @param extra pieces kept after the last match (lookahead).
 * @throws (rejects) when the dictionary cannot be loaded.
 */
export async function tokenizeThrough(text: string, needed: RegExp | number, extra: number): Promise<TokenPrefix> {
  const hit = cache.get(text);
  if (hit) return { tokens: await tokenize(text), complete: true };
  const masked = maskCode(text);
  const pieces = splitPieces(masked.text);
  let last = -1;
  if (typeof needed === 'number') {
    // The piece that holds the character at offset `needed` of the original text.
    const map = offsetMapper(text, masked.spans);
    let mStart = 0;
    for (let p = 0; p < pieces.length; p++) {
      if (map(mStart, 'start').at > needed) break;
      last = p;
      mStart += pieces[p]!.length;
    }
  } else {
    for (let p = pieces.length - 1; p >= 0; p--) {
      if (needed.test(pieces[p]!)) {
        last = p;
        break;
      }
    }
  }
  if (last < 0) return { tokens: [], complete: pieces.length === 0 };
  const count = last + 1 + extra;
  if (count >= pieces.length) return { tokens: await tokenize(text), complete: true };
  return { tokens: tokensOfPieces(await getTokenizer(), text, masked, pieces, count), complete: false };
}

/**
 * Tokenizes a sentence with kuromoji after masking ASCII code, so `NOVA_DBPASS` or
 * `/etc/nova/nova.conf` come back as one noun token with their original surface.
 * Results are cached by content. White-space tokens are dropped.
 * @param text one sentence or a short paragraph.
 * @returns the tokens in order, offsets into `text`.
 * @throws (rejects) when the dictionary cannot be loaded.
 */
export async function tokenize(text: string): Promise<Token[]> {
  const hit = cache.get(text);
  if (hit) {
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const tokenizer = await getTokenizer();
  const masked = maskCode(text);
  const pieces = splitPieces(masked.text);
  const tokens = tokensOfPieces(tokenizer, text, masked, pieces, pieces.length);
  cache.set(text, tokens);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return tokens;
}

/** The last text {@link piecesOf} split (the decisions ask about one text several times in a row). */
let lastPieces: { text: string; masked: ReturnType<typeof maskCode>; pieces: string[] } | undefined;

/** `text` masked (see ./mask.ts) and split into kuromoji's pieces, for the last text asked again. */
function piecesOf(text: string): { masked: ReturnType<typeof maskCode>; pieces: string[] } {
  if (lastPieces?.text !== text) {
    const masked = maskCode(text);
    lastPieces = { text, masked, pieces: splitPieces(masked.text) };
  }
  return lastPieces;
}

/**
 * The pieces of `text` (see {@link splitPieces}) in which `pattern` matches, tested on the masked
 * text as {@link tokenizeThrough} tests it; no tokenizing, no dictionary.
 * @param pattern a non-global pattern.
 * @returns how many pieces the text has, and the indices (ascending) of those that match.
 */
export function matchingPieces(text: string, pattern: RegExp): { count: number; matches: number[] } {
  const { pieces } = piecesOf(text);
  const matches: number[] = [];
  for (let p = 0; p < pieces.length; p++) if (pattern.test(pieces[p]!)) matches.push(p);
  return { count: pieces.length, matches };
}

/**
 * The tokens of the first `count` pieces of `text` (see {@link splitPieces}): the first tokens of
 * {@link tokenize}`(text)`, offsets and all (the whole of it, complete, when `count` reaches the
 * last piece). For a decision that widens its window piece by piece.
 * @throws (rejects) when the dictionary cannot be loaded.
 */
export async function tokenizePieces(text: string, count: number): Promise<TokenPrefix> {
  if (cache.has(text)) return { tokens: await tokenize(text), complete: true };
  const { masked, pieces } = piecesOf(text);
  if (count >= pieces.length) return { tokens: await tokenize(text), complete: true };
  if (count <= 0) return { tokens: [], complete: false };
  return { tokens: tokensOfPieces(await getTokenizer(), text, masked, pieces, count), complete: false };
}

/** The parts of kuromoji's tokenizer that building and searching a lattice read. */
interface TokenizerParts {
  viterbi_builder: {
    trie: { commonPrefixSearch(key: string): Array<{ k: string; v: number }> };
    token_info_dictionary: { target_map: Record<number, number[]>; dictionary: ByteBufferParts; getFeatures(id: number): string | null };
    unknown_dictionary: {
      target_map: Record<number, number[]>;
      dictionary: ByteBufferParts;
      lookup(ch: string): CharacterClass;
      getFeatures(id: number): string | null;
    };
  };
  viterbi_searcher: { connection_costs: { backward_dimension: number; buffer: Int16Array } };
  formatter: {
    formatEntry(id: number, position: number, type: string, features: string[]): RawToken;
    formatUnknownEntry(id: number, position: number, type: string, features: string[], surface: string): RawToken;
  };
  tokenizeForSentence(piece: string, tokens: RawToken[]): RawToken[];
}

/** kuromoji's character class (char.def) of a character. */
interface CharacterClass {
  class_id: number;
  class_name: string;
  is_always_invoke: number;
  is_grouping: number;
}

/** kuromoji's `ByteBuffer` (a dictionary's entries: left id, right id and cost as int16 little-endian). */
interface ByteBufferParts {
  buffer: Uint8Array;
  getShort(index: number): number;
}

/**
 * A little-endian view of a dictionary's bytes: `getInt16(i, true)` is `ByteBuffer.getShort(i)`
 * for every entry (kuromoji composes the two bytes and sign-extends them by hand).
 */
const shortViews = new WeakMap<Uint8Array, DataView>();

function shortsOf(dictionary: ByteBufferParts): DataView {
  let view = shortViews.get(dictionary.buffer);
  if (!view) {
    view = new DataView(dictionary.buffer.buffer, dictionary.buffer.byteOffset, dictionary.buffer.byteLength);
    shortViews.set(dictionary.buffer, view);
  }
  return view;
}

/**
 * The lattice of one piece as columns (node i's fields at index i; node 0 is BOS), reused from
 * piece to piece and grown by doubling: kuromoji makes a `ViterbiNode` object for each of the
 * ~6 nodes per character (most of the extraction's garbage).
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

/**
 * kuromoji's tokens of one piece, as `tokenizer.tokenizeForSentence(piece, [])` gives them
 * (positions 1-based within the piece). The same lattice as kuromoji's `ViterbiBuilder.build`
 * (the same nodes: dictionary words from the trie, then unknown words per char.def, in the same
 * order) and the same Viterbi search as its `ViterbiSearcher` (a node's best predecessor is the
 * first of least cost, in the order nodes were added; costs in doubles), with the same
 * formatter; but the lattice is kept in typed columns (see {@link nodes}), each character's class
 * is looked up once instead of at every position of its run, no `SurrogateAwareString` of the
 * rest of the piece is made at every position (quadratic), and an entry's features are decoded and
 * split once (see {@link featuresOf}). A piece with a UTF-16 surrogate, or empty, is kuromoji's own.
 */
export function tokenizePiece(tokenizer: KuromojiTokenizer, piece: string): RawToken[] {
  const parts = tokenizer as unknown as TokenizerParts;
  if (/[\ud800-\udfff]/.test(piece) || piece.length === 0) return parts.tokenizeForSentence(piece, []);
  const { trie, token_info_dictionary: known, unknown_dictionary: unknown } = parts.viterbi_builder;
  const compact = compactIndexes.get(known.target_map);
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
    const words = prefixWords(trie, piece, pos);
    for (let v = 0; v < words; v++) {
      const value = wordValues[v]!;
      if (compact) {
        // compact.ints[from … to - 1], as the map's lookup would return them (a word every trie
        // value has ids for: the lookup's `undefined` would have thrown below as well).
        if (!(value >= 0 && value <= compact.maxKey) || compact.count[value]! === 0) throw new TypeError(`no token ids for trie value ${value}`);
        const from = compact.start[value]!;
        const to = from + compact.count[value]!;
        for (let i = from; i < to; i++) count = addNode(count, compact.ints[i]!, knownShorts, pos + 1, wordLengths[v]!, 0);
      } else {
        const ids = knownIds!(value)!;
        for (let i = 0; i < ids.length; i++) count = addNode(count, entryId(ids[i]!), knownShorts, pos + 1, wordLengths[v]!, 0);
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
  const { backward_dimension: width, buffer: costs } = parts.viterbi_searcher.connection_costs;
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
    const p = nodes.byEnd[q]!;
    // connection_costs.get(p.right_id, 0), its bounds check included.
    const index = nodes.right[p]! * width + 0 + 2;
    if (costs.length < index + 1) throw 'ConnectionCosts buffer overflow';
    const total = nodes.shortest[p]! + costs[index]! + 0;
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
    if (nodes.prev[back]! < 0) return [];
    back = nodes.prev[back]!;
  }
  const tokens: RawToken[] = [];
  for (let i = path.length - 1; i >= 0; i--) {
    const node = path[i]!;
    const id = nodes.name[node]!;
    const start = nodes.start[node]!;
    if (nodes.unknown[node] === 1) {
      const surface = piece.slice(start - 1, start - 1 + nodes.length[node]!);
      tokens.push(parts.formatter.formatUnknownEntry(id, start, 'UNKNOWN', featuresOf(unknownFeatures, unknown, id), surface));
    } else {
      tokens.push(parts.formatter.formatEntry(id, start, 'KNOWN', featuresOf(knownFeatures, known, id)));
    }
  }
  return tokens;
}

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

/** The dictionary words {@link prefixWords} found: their lengths (UTF-16) and trie values, shortest first. */
const wordLengths: number[] = [];
const wordValues: number[] = [];

/**
 * The dictionary words that start at `pos` of `piece`, as the tokenizer's trie search
 * (`trie.commonPrefixSearch(piece.slice(pos))`, see {@link commonPrefixSearch}) returns them, into
 * {@link wordLengths} and {@link wordValues}; walks the double-array trie in place, without a
 * copy of the rest of the piece or an object per word. `piece` holds no surrogate; should a word
 * end inside a character (never in IPADIC) the trie's own search decides, as commonPrefixSearch
 * hands over to it.
 * @returns how many words were found.
 */
function prefixWords(trie: TokenizerParts['viterbi_builder']['trie'], piece: string, pos: number): number {
  const bc = (trie as unknown as { bc: DoubleArrayTrie['bc'] }).bc;
  let found = 0;
  let parent = 0; // ROOT_ID
  for (let i = pos; i < piece.length; i++) {
    const code = piece.charCodeAt(i);
    const n = code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
    for (let b = 0; b < n; b++) {
      const byte =
        n === 1 ? code
        : n === 2 ? (b === 0 ? (code >>> 6) | 0xc0 : (code & 0x3f) | 0x80)
        : b === 0 ? (code >>> 12) | 0xe0
        : b === 1 ? ((code >> 6) & 0x3f) | 0x80
        : (code & 0x3f) | 0x80;
      const child = bc.getBase(parent) + byte;
      if (bc.getCheck(child) !== parent) return found;
      parent = child;
      const terminal = bc.getBase(parent); // + TERM_CODE (0)
      if (bc.getCheck(terminal) === parent) {
        if (b < n - 1) return fromSearch(trie, piece, pos);
        const base = bc.getBase(terminal);
        wordLengths[found] = i - pos + 1;
        wordValues[found] = base <= 0 ? -base - 1 : (undefined as unknown as number);
        found++;
      }
    }
  }
  return found;
}

/** {@link prefixWords} through the trie's own search (the corner it hands over). */
function fromSearch(trie: TokenizerParts['viterbi_builder']['trie'], piece: string, pos: number): number {
  const words = trie.commonPrefixSearch(piece.slice(pos));
  for (let v = 0; v < words.length; v++) {
    wordLengths[v] = words[v]!.k.length;
    wordValues[v] = words[v]!.v;
  }
  return words.length;
}

/** kuromoji's `parseInt(id)` of a target map entry (numbers, as its loader reads them). */
function entryId(id: number): number {
  return typeof id === 'number' ? id : parseInt(String(id), 10);
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

/** Per-character scratch of {@link tokenizePiece} (classes, run ends, nodes per end position), reused from piece to piece and grown by doubling. */
let scratch = scratchArrays(256);

function scratchArrays(capacity: number) {
  let size = 256;
  while (size < capacity) size *= 2;
  return { classes: new Array<CharacterClass>(size), runEnd: new Int32Array(size), firstAt: new Int32Array(size), fill: new Int32Array(size) };
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
 * The features of dictionary entries (`getFeatures(id)` split at commas, as kuromoji's
 * `tokenizeForSentence` splits them), by entry id, known and unknown words apart. kuromoji decodes
 * the entry's UTF-8 string and splits it for every token; the formatter only reads the array, so
 * one array serves every token of an entry. Cleared when it reaches {@link FEATURES_CACHE_SIZE}.
 */
const knownFeatures = new Map<number, string[]>();
const unknownFeatures = new Map<number, string[]>();
/** How many entries' features each map keeps (a guide uses a few thousand distinct words). */
export const FEATURES_CACHE_SIZE = 32768;

function featuresOf(cache: Map<number, string[]>, dictionary: { getFeatures(id: number): string | null }, id: number): string[] {
  let features = cache.get(id);
  if (!features) {
    const line = dictionary.getFeatures(id);
    features = line == null ? [] : line.split(',');
    if (cache.size >= FEATURES_CACHE_SIZE) cache.clear();
    cache.set(id, features);
  }
  return features;
}
