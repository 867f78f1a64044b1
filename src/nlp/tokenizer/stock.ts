/**
 * kuromoji's own tokenizer through its public API only (`kuromoji.builder({ dicPath }).build(cb)`,
 * then `tokenizer.tokenize(text)`): the fallback when kuromoji's internals are not what tejun's
 * lattice reads, or when `TEJUN_TOKENIZER=kuromoji` asks for it. Slower (kuromoji's quadratic
 * trie search and an object per lattice node) but independent of kuromoji's private code.
 */
import { createRequire } from 'node:module';
import type { PieceTokenizer, RawToken } from './types.js';

/** kuromoji's public module, as far as tejun uses it. */
interface KuromojiPublic {
  builder(options: { dicPath: string }): {
    build(callback: (error: Error | null, tokenizer: { tokenize(text: string): RawToken[] }) => void): void;
  };
}

/**
 * A {@link PieceTokenizer} over kuromoji's own tokenizer. `tokenize(piece)` of a piece (text with
 * 、 or 。 only as its last character) is kuromoji's lattice of that one piece: the same tokens, with
 * the same 1-based positions, as tejun's lattice gives.
 * @param dicPath kuromoji's dictionary folder (.gz files), with a trailing slash.
 * @param reason why this tokenizer is used (kept on the result, for messages and tests).
 * @throws (rejects) kuromoji's loader error when the dictionary cannot be read.
 */
export function buildStockTokenizer(dicPath: string, reason: string): Promise<PieceTokenizer> {
  const kuromoji = createRequire(import.meta.url)('kuromoji') as KuromojiPublic;
  return new Promise((resolve, reject) => {
    kuromoji.builder({ dicPath }).build((error, tokenizer) => {
      if (error) return reject(error);
      resolve(stockPieceTokenizer(tokenizer, reason));
    });
  });
}

/**
 * The {@link PieceTokenizer} over a tokenizer kuromoji's public builder built (what
 * {@link buildStockTokenizer} resolves to, for a tokenizer built once and used elsewhere too).
 * @param tokenizer the object `kuromoji.builder(…).build` gave.
 * @param reason why this tokenizer is used (kept on the result).
 */
export function stockPieceTokenizer(tokenizer: { tokenize(text: string): RawToken[] }, reason: string): PieceTokenizer {
  return { kind: 'kuromoji', reason, tokenizePiece: (piece) => tokenizer.tokenize(piece) };
}
