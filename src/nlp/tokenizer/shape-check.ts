/**
 * The start-up check of kuromoji's internals: before tejun's lattice reads anything of kuromoji
 * beyond its public API, the modules it requires by path and the fields of the loaded tokenizer
 * are compared with what ./internals.ts describes (kuromoji 0.1.2, `doublearray` 0.0.2): kinds,
 * typed-array types, lengths that must agree, the character classes and token objects kuromoji
 * builds, and finally a few probe pieces tokenized both ways. A difference throws
 * {@link ShapeMismatch}; ./select.ts then uses kuromoji's own tokenizer instead.
 */
import { isDeepStrictEqual } from 'node:util';
import type { DictionaryLoaderInstance, KuromojiInternals, KuromojiModules } from './internals.js';
import type { RawToken } from './types.js';

/** kuromoji's internals are not what tejun reads; `differences` says what was found, one line each. */
export class ShapeMismatch extends Error {
  /** What differs, as `path: expected …, found …`. */
  readonly differences: string[];

  constructor(differences: string[]) {
    super(`kuromoji's internals differ from what tejun reads: ${differences.join('; ')}`);
    this.name = 'ShapeMismatch';
    this.differences = differences;
  }
}

/** The module paths the fast path requires (relative to the kuromoji package). */
export const MODULE_PATHS = { DictionaryLoader: 'kuromoji/src/loader/DictionaryLoader.js', Tokenizer: 'kuromoji/src/Tokenizer.js' } as const;

/** What a value must be: a `typeof` result, or the name of a typed-array class. */
type Kind = 'function' | 'object' | 'number' | 'string' | 'Int16Array' | 'Int32Array' | 'Uint8Array';

/** The fields of a built kuromoji `Tokenizer` that tejun reads, by path, and their kinds. */
const TOKENIZER_FIELDS: ReadonlyArray<readonly [path: string, kind: Kind]> = [
  ['tokenizeForSentence', 'function'],
  ['viterbi_builder.trie.commonPrefixSearch', 'function'],
  ['viterbi_builder.trie.bc.getBase', 'function'],
  ['viterbi_builder.trie.bc.getCheck', 'function'],
  ['viterbi_builder.trie.bc.getBaseBuffer', 'function'],
  ['viterbi_builder.trie.bc.getCheckBuffer', 'function'],
  ['viterbi_builder.token_info_dictionary.target_map', 'object'],
  ['viterbi_builder.token_info_dictionary.dictionary.buffer', 'Uint8Array'],
  ['viterbi_builder.token_info_dictionary.dictionary.getShort', 'function'],
  ['viterbi_builder.token_info_dictionary.getFeatures', 'function'],
  ['viterbi_builder.unknown_dictionary.target_map', 'object'],
  ['viterbi_builder.unknown_dictionary.dictionary.buffer', 'Uint8Array'],
  ['viterbi_builder.unknown_dictionary.dictionary.getShort', 'function'],
  ['viterbi_builder.unknown_dictionary.getFeatures', 'function'],
  ['viterbi_builder.unknown_dictionary.lookup', 'function'],
  ['viterbi_searcher.connection_costs.forward_dimension', 'number'],
  ['viterbi_searcher.connection_costs.backward_dimension', 'number'],
  ['viterbi_searcher.connection_costs.buffer', 'Int16Array'],
  ['formatter.formatEntry', 'function'],
  ['formatter.formatUnknownEntry', 'function'],
];

/** The keys of a known word's token (IpadicFormatter.formatEntry); an unknown word's lacks the last two. */
const TOKEN_KEYS = [
  'word_id', 'word_type', 'word_position', 'surface_form', 'pos', 'pos_detail_1', 'pos_detail_2', 'pos_detail_3',
  'conjugated_type', 'conjugated_form', 'basic_form', 'reading', 'pronunciation',
] as const;

/** Characters whose class the check reads (hiragana, katakana, kanji, Latin, digit, symbol, space). */
const CLASS_PROBES = ['あ', 'ア', '漢', 'a', '1', '、', ' ', 'Ａ'];

/**
 * Pieces tokenized by tejun's lattice and by kuromoji's own, which must agree: dictionary words,
 * runs of unknown katakana, Latin and digits (grouped), full-width forms, brackets, a masked symbol.
 */
export const PROBE_PIECES = [
  'コントローラーノードで設定ファイルを編集します。',
  'XMSKA を ＡＢＣ１２３ と abc123 に置き換えてください、',
  '「ネットワーク」（任意）の場合は…再起動する',
  'カタカナカタカナの未知語テスト',
];

/** The value at a dotted path of `root`, or undefined when a step is missing. */
function at(root: unknown, path: string): unknown {
  let value = root;
  for (const step of path.split('.')) {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

/** What `value` is, in the terms of {@link Kind} (a typed array's class name, else `typeof`, `null`). */
function kindOf(value: unknown): string {
  if (ArrayBuffer.isView(value)) return value.constructor.name;
  return value === null ? 'null' : typeof value;
}

/** `probe()`'s value, or the difference `label: threw …` added to `differences` (and undefined). */
function attempt<T>(differences: string[], label: string, probe: () => T): T | undefined {
  try {
    return probe();
  } catch (error) {
    differences.push(`${label}: threw ${String(error).split('\n')[0]}`);
    return undefined;
  }
}

/** The differences between `root`'s fields and `fields` (none: empty). */
function fieldDifferences(root: unknown, fields: ReadonlyArray<readonly [string, Kind]>): string[] {
  const out: string[] = [];
  for (const [path, kind] of fields) {
    const found = kindOf(at(root, path));
    if (found !== kind) out.push(`${path}: expected ${kind}, found ${found}`);
  }
  return out;
}

/**
 * kuromoji's DictionaryLoader and Tokenizer modules, required by path and checked: both are
 * constructors; the loader's prototype has `load` and `loadArrayBuffer`; the tokenizer's has
 * `tokenizeForSentence`.
 * @param load how a module is required (./select.ts passes Node's require from its own module).
 * @throws ShapeMismatch when a module is missing or differs.
 */
export function checkModules(load: (path: string) => unknown): KuromojiModules {
  const modules: Record<string, unknown> = {};
  const differences: string[] = [];
  for (const [name, path] of Object.entries(MODULE_PATHS)) {
    try {
      modules[name] = load(path);
    } catch (error) {
      differences.push(`${path}: cannot be required (${(error as Error).message.split('\n')[0]})`);
    }
  }
  if (differences.length === 0) {
    differences.push(
      ...fieldDifferences(modules, [
        ['DictionaryLoader', 'function'],
        ['DictionaryLoader.prototype.load', 'function'],
        ['DictionaryLoader.prototype.loadArrayBuffer', 'function'],
        ['Tokenizer', 'function'],
        ['Tokenizer.prototype.tokenizeForSentence', 'function'],
      ]),
    );
  }
  if (differences.length > 0) throw new ShapeMismatch(differences);
  return modules as unknown as KuromojiModules;
}

/**
 * Checks a new DictionaryLoader before tejun sets its file reader and target-map loader: the
 * dictionaries it fills have a token-info dictionary with `loadTargetMap` and a `target_map`.
 * @throws ShapeMismatch when they differ.
 */
export function checkLoader(loader: DictionaryLoaderInstance): void {
  const differences = fieldDifferences(loader, [
    ['dic.token_info_dictionary.loadTargetMap', 'function'],
    ['dic.token_info_dictionary.target_map', 'object'],
  ]);
  if (differences.length > 0) throw new ShapeMismatch(differences);
}

/**
 * The parts of a loaded kuromoji tokenizer that tejun's lattice reads, after checking them: every
 * field of {@link TOKENIZER_FIELDS} has its kind; the trie's base and check arrays are Int32Arrays
 * of one length; the cost matrix holds its two dimensions first and is exactly as long as they say;
 * `getShort` reads little-endian int16 (what the lattice reads with a DataView); the character
 * class of a few characters has kuromoji's four fields and entries in the unknown-word map; a
 * token from the formatter has IPADIC's keys.
 * @throws ShapeMismatch listing every difference found.
 */
export function checkTokenizer(tokenizer: object): KuromojiInternals {
  const differences = fieldDifferences(tokenizer, TOKENIZER_FIELDS);
  if (differences.length > 0) throw new ShapeMismatch(differences);
  const t = tokenizer as {
    viterbi_builder: { trie: KuromojiInternals['trie']; token_info_dictionary: KuromojiInternals['known']; unknown_dictionary: KuromojiInternals['unknown'] };
    viterbi_searcher: { connection_costs: KuromojiInternals['costs'] };
    formatter: KuromojiInternals['formatter'];
    tokenizeForSentence: KuromojiInternals['tokenizeForSentence'];
  };
  const { trie, token_info_dictionary: known, unknown_dictionary: unknown } = t.viterbi_builder;
  const costs = t.viterbi_searcher.connection_costs;

  const base = trie.bc.getBaseBuffer();
  const check = trie.bc.getCheckBuffer();
  if (!(base instanceof Int32Array) || !(check instanceof Int32Array) || base.length !== check.length || base.length === 0) {
    differences.push(`trie.bc: expected base and check Int32Arrays of one length, found ${kindOf(base)}(${(base as { length?: number })?.length}) and ${kindOf(check)}(${(check as { length?: number })?.length})`);
  }
  const { forward_dimension: forward, backward_dimension: backward, buffer } = costs;
  if (buffer[0] !== forward || buffer[1] !== backward || buffer.length !== forward * backward + 2 || !(backward > 0)) {
    differences.push(`connection_costs: expected [${forward}, ${backward}, …] of length ${forward * backward + 2}, found [${buffer[0]}, ${buffer[1]}, …] of length ${buffer.length}`);
  }
  for (const [name, dictionary] of [['token_info_dictionary', known], ['unknown_dictionary', unknown]] as const) {
    const bytes = dictionary.dictionary.buffer;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (const offset of [0, 2, 4, 10, 12, 14, bytes.length - 10]) {
      if (offset < 0 || offset + 2 > bytes.length) continue;
      const read = attempt(differences, `${name}.dictionary.getShort(${offset})`, () => dictionary.dictionary.getShort(offset));
      if (read !== undefined && read !== view.getInt16(offset, true)) differences.push(`${name}.dictionary.getShort(${offset}): expected little-endian int16 ${view.getInt16(offset, true)}, found ${read}`);
    }
  }
  for (const ch of CLASS_PROBES) {
    const cls = attempt(differences, `unknown_dictionary.lookup(${JSON.stringify(ch)})`, () => unknown.lookup(ch) as unknown as Record<string, unknown> | null);
    if (cls === undefined) continue;
    const ok =
      cls !== null && typeof cls === 'object' && Number.isInteger(cls.class_id) && typeof cls.class_name === 'string' &&
      (cls.is_always_invoke === 0 || cls.is_always_invoke === 1) && (cls.is_grouping === 0 || cls.is_grouping === 1);
    if (!ok) {
      differences.push(`unknown_dictionary.lookup(${JSON.stringify(ch)}): expected { class_id, class_name, is_always_invoke 0|1, is_grouping 0|1 }, found ${JSON.stringify(cls)}`);
      continue;
    }
    const ids = unknown.target_map[cls.class_id as number];
    if (!ids || typeof ids.length !== 'number' || ids.length === 0 || !Number.isInteger(ids[0])) {
      differences.push(`unknown_dictionary.target_map[${String(cls.class_id)}]: expected entry ids, found ${JSON.stringify(ids)}`);
    }
  }
  const token = attempt(differences, 'formatter.formatEntry(entry 0)', () => t.formatter.formatEntry(0, 1, 'KNOWN', (known.getFeatures(0) ?? '').split(',')) as unknown);
  const keys = token && typeof token === 'object' ? Object.keys(token) : [];
  if (token !== undefined && !isDeepStrictEqual(keys, [...TOKEN_KEYS])) differences.push(`formatter.formatEntry: expected keys ${TOKEN_KEYS.join(',')}, found ${keys.join(',')}`);
  if (differences.length > 0) throw new ShapeMismatch(differences);
  return {
    trie,
    known,
    unknown,
    costs,
    formatter: t.formatter,
    tokenizeForSentence: (piece, tokens) => t.tokenizeForSentence(piece, tokens),
  };
}

/**
 * Tokenizes {@link PROBE_PIECES} with `tokenizePiece` (tejun's lattice) and with kuromoji's own
 * `tokenizeForSentence` over the same dictionary.
 * @throws ShapeMismatch naming the first piece where the tokens differ.
 */
export function checkProbes(internals: KuromojiInternals, tokenizePiece: (internals: KuromojiInternals, piece: string) => RawToken[]): void {
  for (const piece of PROBE_PIECES) {
    const ours = tokenizePiece(internals, piece);
    const theirs = internals.tokenizeForSentence(piece, []);
    if (!isDeepStrictEqual(ours, theirs)) {
      throw new ShapeMismatch([`lattice: tokens of ${JSON.stringify(piece)} differ from kuromoji's tokenizeForSentence`]);
    }
  }
}
