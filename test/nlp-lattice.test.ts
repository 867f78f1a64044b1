/**
 * tejun builds and searches kuromoji's lattice of a piece itself (src/nlp/tokenizer/lattice.ts
 * `tokenizePiece`): the same nodes in the same order, the same Viterbi search, in typed columns
 * instead of one object per node and without kuromoji's per-position `SurrogateAwareString` of the
 * rest of the piece. Its tokens must be those of kuromoji's `tokenizeForSentence`, field for
 * field, for every piece of every line of every guide, masked as tejun masks them and raw, for
 * random strings of the guides' characters (ties and odd runs), and for astral characters (where
 * kuromoji's own is used).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tokenizePiece } from '../src/nlp/tokenizer/lattice.js';
import { splitPieces } from '../src/nlp/tokenizer/pieces.js';
import { fastInternals } from './helpers/tokenizers.js';
import { maskCode } from '../src/nlp/mask.js';
import { listGuides } from './helpers/paths.js';

/** Every piece of every guide line, masked and not masked, plus odd ones. */
function pieces(): string[] {
  const out = new Set<string>();
  for (const path of listGuides()) {
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      for (const piece of splitPieces(line)) out.add(piece);
      for (const piece of splitPieces(maskCode(line).text)) out.add(piece);
    }
  }
  for (const odd of ['', '、', '」、', 'ａｂｃ１２３', 'XMSKA XMSKB', '𠮷野家で食べる。', 'コントローラーノード\u{1F600}で、', '\t \u3000']) out.add(odd);
  return [...out];
}

test('tokenizePiece gives kuromoji tokenizeForSentence\'s tokens for every piece of every guide line', async () => {
  const tokenizer = await fastInternals();
  for (const piece of pieces()) assert.deepEqual(tokenizePiece(tokenizer, piece), tokenizer.tokenizeForSentence(piece, []), piece);
});

test('tokenizePiece gives kuromoji tokenizeForSentence\'s tokens for random strings of the guides\' characters', async () => {
  const tokenizer = await fastInternals();
  const chars = [...new Set(pieces().join(''))].filter((c) => c.length === 1);
  // A small linear congruential generator: the same strings on every run.
  let seed = 12345;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let i = 0; i < 3000; i++) {
    let piece = '';
    const length = 1 + next(40);
    // Runs of one character class now and then (long unknown words, repeated kana).
    for (let j = 0; j < length; j++) piece += next(4) === 0 ? piece.at(-1) ?? 'ア' : chars[next(chars.length)];
    assert.deepEqual(tokenizePiece(tokenizer, piece), tokenizer.tokenizeForSentence(piece, []), JSON.stringify(piece));
  }
});
