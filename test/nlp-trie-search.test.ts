/**
 * tejun's tokenizer walks kuromoji's dictionary trie itself (src/nlp/tokenizer/trie.ts
 * `prefixWords`), encoding only as much of the rest of a piece as the walk needs. It must find
 * exactly what `doublearray`'s own `commonPrefixSearch` finds, for every position of every line of
 * every guide (kuromoji asks at each position with the rest of the sentence). The dictionary as
 * tejun loads it (decompressed files, one gunzip chunk, compact target map:
 * src/nlp/tokenizer/dictionary-loader.ts, target-map.ts) must hold what kuromoji's own loader reads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Trie } from '../src/nlp/tokenizer/internals.js';
import { prefixWords, prefixWordsBuffer } from '../src/nlp/tokenizer/trie.js';
import { corpusLines } from './helpers/paths.js';
import { runs } from './helpers/depth.js';
import { fastInternals, fastObject, stockKuromoji } from './helpers/tokenizers.js';

test('the trie walk finds what doublearray commonPrefixSearch finds at every position of every guide line', async () => {
  const { trie } = await fastInternals();
  const original = (Object.getPrototypeOf(trie) as Trie).commonPrefixSearch;
  assert.equal(trie.commonPrefixSearch, original, 'the trie object is kuromoji\'s, not patched');
  const out = prefixWordsBuffer();
  const found = (text: string, i: number) => {
    const n = prefixWords(trie, text, i, out);
    return out.lengths.slice(0, n).map((length, w) => ({ k: text.slice(i, i + length), v: out.values[w] }));
  };
  const expected = (text: string, i: number) => trie.commonPrefixSearch(text.slice(i)).map((r) => ({ k: r.k, v: r.v }));
  let keys = 0;
  let words = 0;
  // corpusLines(): every line of every guide under TEJUN_TEST_FULL=1, a sample in the quick tier.
  for (const { line } of corpusLines()) {
    const text = line.slice(0, 200);
    for (let i = 0; i < text.length; i++) {
      const want = expected(text, i);
      assert.deepEqual(found(text, i), want, text.slice(i));
      keys++;
      words += want.length;
    }
  }
  assert.ok(keys > runs(100_000, 4_000) && words > runs(50_000, 1_000), `${keys} keys, ${words} words`);
  for (const text of ['aé漢字', 'ａｂｃ１２３', '']) for (let i = 0; i < text.length; i++) assert.deepEqual(found(text, i), expected(text, i), text);
});

test('the dictionary is gunzipped in one chunk: the size comes from the gzip trailer, clamped', async () => {
  const { gzipSync } = await import('node:zlib');
  const { gunzipChunkSize } = await import('../src/nlp/tokenizer/dictionary-loader.js');
  const big = gzipSync(Buffer.alloc(3_000_000, 7));
  assert.equal(gunzipChunkSize(big), 3_000_000);
  assert.equal(gunzipChunkSize(gzipSync(Buffer.from('tiny'))), 64 * 1024, 'never below 64 KiB');
  assert.equal(gunzipChunkSize(new Uint8Array(5)), 64 * 1024, 'a truncated file gets the minimum, not a garbage size');
  const lying = Buffer.from(big);
  lying.writeUInt32LE(0xffffffff, lying.length - 4);
  assert.equal(gunzipChunkSize(lying), 1032 * lying.length, 'a damaged trailer is clamped to what deflate can expand to');
});

test('the compact target map gives, for every word id, the token ids kuromoji’s own loader gives', async () => {
  const { compactTargetMap } = await import('../src/nlp/tokenizer/target-map.js');
  const { dictionaryPath } = await import('../src/nlp/tokenizer/dictionary-loader.js');
  const { createRequire } = await import('node:module');
  const { gunzipSync } = await import('node:zlib');
  const require = createRequire(import.meta.url);
  const TokenInfoDictionary = require('kuromoji/src/dict/TokenInfoDictionary.js') as new () => {
    target_map: Record<string, number[]>;
    loadTargetMap(bytes: Uint8Array): unknown;
  };
  const raw = gunzipSync(readFileSync(`${dictionaryPath()}tid_map.dat.gz`));
  const bytes = new Uint8Array(raw.buffer, raw.byteOffset, raw.length);
  const reference = new TokenInfoDictionary();
  reference.loadTargetMap(bytes);
  const compact = compactTargetMap(bytes);
  assert.ok(compact, 'the IPADIC map is read compactly');
  const keys = Object.keys(reference.target_map).map(Number);
  assert.ok(keys.length > 300_000);
  const maxKey = keys.reduce((a, b) => Math.max(a, b), -1);
  for (let key = -1; key <= maxKey + 2; key++) {
    const want = reference.target_map[key];
    const got: Int32Array | undefined = compact[key];
    if (want === undefined) assert.equal(got, undefined, `word id ${key}`);
    else assert.deepEqual(got && [...got], want, `word id ${key}`);
  }
  // What is not such records falls back to kuromoji's loader.
  assert.equal(compactTargetMap(new Uint8Array(6)), undefined, 'a length not a multiple of 4');
  assert.equal(compactTargetMap(new Uint8Array(new Int32Array([2, 7, 5, 1]).buffer)), undefined, 'a record past the end');
  assert.equal(compactTargetMap(new Uint8Array(new Int32Array([2, 7, 1, 3, 7, 1, 4]).buffer)), undefined, 'a key listed twice');
  const small = compactTargetMap(new Uint8Array(new Int32Array([2, 7, 2, 3, 4, 9, 0, 0, 0]).buffer));
  assert.deepEqual(small && [...small[7]!], [3, 4]);
  assert.equal(small?.[9], undefined, 'a key with no values is absent');
});

test('the decompressed dictionary is used only when its manifest matches the installed kuromoji and every file is whole', async () => {
  const { rawDictionaryPath, RAW_DICTIONARY_DIR } = await import('../src/nlp/tokenizer/dictionary-loader.js');
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { createRequire } = await import('node:module');
  // `npm run build` made one (scripts/dictionary.mjs), and the tokenizer above was built from it.
  assert.equal(rawDictionaryPath(), `${RAW_DICTIONARY_DIR}/`);
  const version = (createRequire(import.meta.url)('kuromoji/package.json') as { version: string }).version;
  const dir = mkdtempSync(join(tmpdir(), 'tejun-rawdict-'));
  try {
    writeFileSync(join(dir, 'a.dat'), Buffer.alloc(10));
    const manifest = (m: object) => writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
    manifest({ kuromoji: version, files: { 'a.dat': 10 } });
    assert.equal(rawDictionaryPath(dir), `${dir}/`);
    manifest({ kuromoji: '0.0.0-other', files: { 'a.dat': 10 } });
    assert.equal(rawDictionaryPath(dir), undefined, 'another kuromoji version');
    manifest({ kuromoji: version, files: { 'a.dat': 11 } });
    assert.equal(rawDictionaryPath(dir), undefined, 'a file of another size (a build cut short)');
    manifest({ kuromoji: version, files: { 'a.dat': 10, 'b.dat': 1 } });
    assert.equal(rawDictionaryPath(dir), undefined, 'a file missing');
    manifest({ kuromoji: version, files: {} });
    assert.equal(rawDictionaryPath(dir), undefined, 'an empty manifest');
    rmSync(join(dir, 'manifest.json'));
    assert.equal(rawDictionaryPath(dir), undefined, 'no manifest');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('kuromoji’s tokenizer over the dictionary as tejun loads it (decompressed files, compact target map) gives its stock tokens on every guide line', async () => {
  const stock = await stockKuromoji();
  const ours = (await fastObject()) as { tokenize(s: string): unknown[] };
  let lines = 0;
  // Every line of every guide under TEJUN_TEST_FULL=1, a sample in the quick tier (corpusLines).
  for (const { guide, line } of corpusLines()) {
    assert.deepEqual(ours.tokenize(line), stock.tokenize(line), `${guide}: ${line}`);
    lines++;
  }
  assert.ok(lines > runs(3000, 100), `${lines} lines compared`);
});
