/**
 * tejun's lattice (src/nlp/tokenizer/lattice.ts) and the fallback, kuromoji's own public tokenizer
 * (src/nlp/tokenizer/stock.ts), must give the same tokens: piece by piece (kuromoji's token
 * objects, field for field) and as src/nlp's tokens (masked, split, placed and mapped back), on
 * every line of every guide and on a few thousand generated strings (fast-check, fixed seed) of
 * the guides' characters with runs, brackets, punctuation, code and astral characters.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { maskCode } from '../src/nlp/mask.js';
import { splitPieces, tokensWith } from '../src/nlp/tokenizer/pieces.js';
import { corpusLines, listGuides } from './helpers/paths.js';
import { runs } from './helpers/depth.js';
import { fastPieces, stockPieces } from './helpers/tokenizers.js';

/** The seed of every property here: the same strings on every run. */
const SEED = 170017;

/** Every non-empty line of every guide. */
function guideLines(): string[] {
  const out = new Set<string>();
  for (const path of listGuides()) for (const line of readFileSync(path, 'utf8').split('\n')) if (line.trim()) out.add(line);
  return [...out];
}

/** Generated texts: the guides' characters (one code unit each) and odd ones, in runs now and then. */
function texts(lines: string[]): fc.Arbitrary<string> {
  const chars = [...new Set(lines.join(''))].filter((c) => c.length === 1);
  const odd = ['、', '。', '「', '」、', '（', '）。', ' ', '\u3000', '\t', '𠮷', '\u{1F600}', 'XMSKA', '/etc/nova/nova.conf', 'NOVA_DBPASS', 'ー', '・'];
  const unit = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...chars) }, { weight: 1, arbitrary: fc.constantFrom(...odd) });
  const run = fc.tuple(unit, fc.integer({ min: 1, max: 5 })).map(([u, n]) => u.repeat(n));
  return fc.array(fc.oneof({ weight: 4, arbitrary: unit }, { weight: 1, arbitrary: run }), { minLength: 1, maxLength: 40 }).map((parts) => parts.join(''));
}

test('tejun’s pieces are kuromoji’s (Tokenizer.splitByPunctuation) on every guide line and on generated texts', () => {
  const { splitByPunctuation } = createRequire(import.meta.url)('kuromoji/src/Tokenizer.js') as { splitByPunctuation(text: string): string[] };
  const lines = guideLines();
  for (const line of lines) assert.deepEqual(splitPieces(line), splitByPunctuation(line), line);
  for (const odd of ['', '、', '。。', 'a、', '、a', 'あ。い、う']) assert.deepEqual(splitPieces(odd), splitByPunctuation(odd), odd);
  fc.assert(fc.property(texts(lines), (text) => assert.deepEqual(splitPieces(text), splitByPunctuation(text))), { seed: SEED, numRuns: 2000 });
});

test('tejun’s lattice and kuromoji’s own tokenizer give the same tokens on every line of every guide', async () => {
  const fast = await fastPieces();
  const stock = await stockPieces();
  assert.equal(fast.kind, 'tejun');
  assert.equal(stock.kind, 'kuromoji');
  let lines = 0;
  let pieces = 0;
  // Every line of every guide under TEJUN_TEST_FULL=1, a sample in the quick tier (corpusLines).
  for (const { line } of corpusLines()) {
    assert.deepEqual(tokensWith(fast, line), tokensWith(stock, line), line);
    // Raw pieces too (kuromoji's token objects, every field), of the masked and the plain line.
    for (const piece of new Set([...splitPieces(line), ...splitPieces(maskCode(line).text)])) {
      assert.deepEqual(fast.tokenizePiece(piece), stock.tokenizePiece(piece), piece);
      pieces++;
    }
    lines++;
  }
  assert.ok(lines > runs(3000, 100) && pieces > runs(7000, 150), `${lines} lines, ${pieces} pieces compared`);
});

/** Generated texts compared: 3000 under TEJUN_TEST_FULL=1, 300 in the quick tier. */
const GENERATED = runs(3000, 300);

test(`tejun’s lattice and kuromoji’s own tokenizer give the same tokens on ${GENERATED} generated texts (fixed seed)`, async () => {
  const fast = await fastPieces();
  const stock = await stockPieces();
  let tokens = 0;
  fc.assert(
    fc.property(texts(guideLines()), (text) => {
      const ours = tokensWith(fast, text);
      assert.deepEqual(ours, tokensWith(stock, text));
      for (const piece of splitPieces(text)) assert.deepEqual(fast.tokenizePiece(piece), stock.tokenizePiece(piece));
      tokens += ours.length;
    }),
    { seed: SEED, numRuns: GENERATED },
  );
  assert.ok(tokens > (20_000 * GENERATED) / 3000, `${tokens} tokens compared`);
});
