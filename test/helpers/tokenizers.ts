/**
 * The tokenizers the tokenizer tests compare, each loaded once per test process:
 * - {@link fastObject}: kuromoji's `Tokenizer` object over the dictionary as tejun loads it
 *   (src/nlp/tokenizer/dictionary-loader.ts), and {@link fastInternals}, its checked parts;
 * - {@link stockKuromoji}: kuromoji's own tokenizer from its public builder, untouched;
 * - {@link fastPieces} / {@link stockPieces}: the two as src/nlp's piece tokenizers (stockPieces over
 *   the one kuromoji tokenizer of stockKuromoji: its dictionary is built once per process).
 */
import { createRequire } from 'node:module';
import { dictionaryPath, loadTokenizerObject, rawDictionaryPath } from '../../src/nlp/tokenizer/dictionary-loader.js';
import type { KuromojiInternals } from '../../src/nlp/tokenizer/internals.js';
import { tokenizePiece } from '../../src/nlp/tokenizer/lattice.js';
import { checkModules, checkTokenizer } from '../../src/nlp/tokenizer/shape-check.js';
import { stockPieceTokenizer } from '../../src/nlp/tokenizer/stock.js';
import type { PieceTokenizer, RawToken } from '../../src/nlp/tokenizer/types.js';

/** kuromoji's public tokenizer (and, for tests that read the dictionary itself, its fields). */
export interface StockKuromoji {
  tokenize(text: string): RawToken[];
}

const require = createRequire(import.meta.url);
let object: Promise<object> | undefined;
let stock: Promise<StockKuromoji> | undefined;
let stockPieceTokens: Promise<PieceTokenizer> | undefined;

/** kuromoji's Tokenizer object over the dictionary loaded as tejun loads it (decompressed files, compact target map). */
export function fastObject(): Promise<object> {
  object ??= loadTokenizerObject(checkModules(require), dictionaryPath(), rawDictionaryPath());
  return object;
}

/** The checked parts of {@link fastObject} that tejun's lattice reads. */
export async function fastInternals(): Promise<KuromojiInternals> {
  return checkTokenizer(await fastObject());
}

/** tejun's lattice as a piece tokenizer (no shape probe: the tests compare it themselves). */
export async function fastPieces(): Promise<PieceTokenizer> {
  const internals = await fastInternals();
  return { kind: 'tejun', tokenizePiece: (piece) => tokenizePiece(internals, piece) };
}

/** kuromoji's own tokenizer, built by `kuromoji.builder({ dicPath }).build()` from its .gz files. */
export function stockKuromoji(): Promise<StockKuromoji> {
  const kuromoji = require('kuromoji') as { builder(o: { dicPath: string }): { build(cb: (e: Error | null, t: StockKuromoji) => void): void } };
  stock ??= new Promise((resolve, reject) => kuromoji.builder({ dicPath: dictionaryPath() }).build((e, t) => (e ? reject(e) : resolve(t))));
  return stock;
}

/** kuromoji's own tokenizer as a piece tokenizer (src/nlp/tokenizer/stock.ts, what the fallback uses), over {@link stockKuromoji}. */
export function stockPieces(): Promise<PieceTokenizer> {
  stockPieceTokens ??= stockKuromoji().then((t) => stockPieceTokenizer(t, 'test'));
  return stockPieceTokens;
}
