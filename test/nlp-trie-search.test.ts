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
import { listGuides } from './helpers/paths.js';

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
