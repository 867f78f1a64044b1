/**
 * tejun's kuromoji tokenizer (src/nlp/kuromoji.ts) searches the dictionary trie with its own
 * `commonPrefixSearch`, which encodes only as much of the key as the trie walk needs. It must give
 * exactly what `doublearray`'s own search gives, for every position of every line of every guide
 * (kuromoji asks at each position with the rest of the sentence), and for astral characters.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { commonPrefixSearch, getTokenizer } from '../src/nlp/kuromoji.js';
import { FULL } from './helpers/depth.js';
import { corpusLines, listGuides, QUICK_LINE_STEP } from './helpers/paths.js';

type Search = (key: string) => Array<{ k: string; v?: number }>;
interface Trie {
  bc: { getBase(index: number): number; getCheck(index: number): number };
  commonPrefixSearch: Search;
}

test('the trie search equals doublearray commonPrefixSearch at every position of every guide line', async () => {
  const tokenizer = await getTokenizer();
  const trie = (tokenizer as unknown as { viterbi_builder: { trie: Trie } }).viterbi_builder.trie;
  const original: Search = (Object.getPrototypeOf(trie) as Trie).commonPrefixSearch.bind(trie);
  assert.notEqual(trie.commonPrefixSearch, Object.getPrototypeOf(trie).commonPrefixSearch, 'the tokenizer uses the linear search');
  let keys = 0;
  let words = 0;
  for (const guide of listGuides()) {
    for (const line of readFileSync(guide, 'utf8').split('\n')) {
      const text = line.slice(0, 200);
      for (let i = 0; i < text.length; i++) {
        const key = text.slice(i);
        const expected = original(key);
        assert.deepEqual(commonPrefixSearch(trie, key, original), expected, key);
        keys++;
        words += expected.length;
      }
    }
  }
  assert.ok(keys > 100_000 && words > 50_000, `${keys} keys, ${words} words`);
  for (const key of ['𠮷野家で食べる', 'aé漢字', 'コントローラーノード\u{1F600}で', '']) assert.deepEqual(commonPrefixSearch(trie, key, original), original(key), key);
});

test('the dictionary is gunzipped in one chunk: the size comes from the gzip trailer, clamped', async () => {
  const { gzipSync } = await import('node:zlib');
  const { gunzipChunkSize } = await import('../src/nlp/kuromoji.js');
  const big = gzipSync(Buffer.alloc(3_000_000, 7));
  assert.equal(gunzipChunkSize(big), 3_000_000);
  assert.equal(gunzipChunkSize(gzipSync(Buffer.from('tiny'))), 64 * 1024, 'never below 64 KiB');
  assert.equal(gunzipChunkSize(new Uint8Array(5)), 64 * 1024, 'a truncated file gets the minimum, not a garbage size');
  const lying = Buffer.from(big);
  lying.writeUInt32LE(0xffffffff, lying.length - 4);
  assert.equal(gunzipChunkSize(lying), 1032 * lying.length, 'a damaged trailer is clamped to what deflate can expand to');
});

test('the compact target map gives, for every word id, the token ids kuromoji’s own loader gives', async () => {
  const { compactTargetMap, dictionaryPath } = await import('../src/nlp/kuromoji.js');
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
  const { rawDictionaryPath, RAW_DICTIONARY_DIR } = await import('../src/nlp/kuromoji.js');
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

test('tejun’s tokenizer (decompressed files, compact target map, linear trie search) gives kuromoji’s stock tokens on every guide line', async () => {
  const { createRequire } = await import('node:module');
  const { dictionaryPath } = await import('../src/nlp/kuromoji.js');
  const kuromoji = createRequire(import.meta.url)('kuromoji') as {
    builder(o: { dicPath: string }): { build(cb: (e: Error | null, t: { tokenize(s: string): unknown[] }) => void): void };
  };
  const stock = await new Promise<{ tokenize(s: string): unknown[] }>((resolve, reject) =>
    kuromoji.builder({ dicPath: dictionaryPath() }).build((e, t) => (e ? reject(e) : resolve(t))),
  );
  const ours = await getTokenizer();
  let lines = 0;
  for (const { guide, line } of corpusLines()) {
    assert.deepEqual(ours.tokenize(line), stock.tokenize(line), `${guide}: ${line}`);
    lines++;
  }
  // The quick tier's sample (corpusLines) holds one non-empty line in 4 of the full corpus's 3 000+.
  assert.ok(lines > (FULL ? 3000 : 3000 / QUICK_LINE_STEP), `${lines} lines compared`);
});
