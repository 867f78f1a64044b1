/**
 * Tokenizing less with the same decisions (src/nlp/tokenizer/): kuromoji splits a text after
 * every 、 and 。 and tokenizes each piece on its own, so tejun tokenizes piece by piece (through
 * a cache of pieces) and, for a decision that reads only the start of a sentence, only the pieces
 * it needs (`tokenizeThrough`). These tests hold that to kuromoji's own `tokenize` on every line
 * of the guides, and check the dictionary facts the prefilters rest on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize, tokenizeThrough } from '../src/nlp/tokenizer/index.js';
import { rawTokensOf, splitPieces } from '../src/nlp/tokenizer/pieces.js';
import { getTokenizer } from '../src/nlp/tokenizer/select.js';
import { stockKuromoji } from './helpers/tokenizers.js';
import { maskCode } from '../src/nlp/mask.js';
import { loadLexicon } from '../src/nlp/lexicon.js';
import { corpusLines } from './helpers/paths.js';
import { inputsKey, remembered } from './helpers/test-cache.js';

/** Every non-empty line of every guide, plus texts where a piece ends in a token longer than 、. */
function lines(): string[] {
  const out = new Set<string>();
  for (const { line } of corpusLines()) out.add(line.trim());
  // "」、" and "）。" are one unknown SYMBOL token: kuromoji then places the next piece one
  // character early, and tejun must do the same. A half-width ")" before 。 or 、 is one too.
  out.add('「設定」、次に「保存」。その後、再起動します（任意）。最後に確認する場合、ログを見る。');
  out.add('設定する値 (秒)。次にサービス (Nova)、再起動します。');
  out.add('、、。。「」、a、');
  return [...out];
}

/** The fields of kuromoji's tokens that tejun reads. */
function fields(tokens: Array<{ surface_form: string; word_position: number; pos: string; pos_detail_1: string; basic_form: string; conjugated_form: string }>) {
  return tokens.map((t) => [t.surface_form, t.word_position, t.pos, t.pos_detail_1, t.basic_form, t.conjugated_form]);
}

test('piece by piece, tejun gets kuromoji tokenize()\'s tokens and positions on every guide line', async () => {
  const tokenizer = await getTokenizer();
  const kuromoji = await stockKuromoji();
  let quirks = 0;
  for (const line of lines()) {
    const masked = maskCode(line).text;
    const stock = kuromoji.tokenize(masked);
    assert.deepEqual(fields(rawTokensOf(tokenizer, masked)), fields(stock), line);
    // Twice: the second time every piece comes from the cache.
    assert.deepEqual(fields(rawTokensOf(tokenizer, masked)), fields(stock), line);
    if (stock.some((t, i) => i > 0 && t.word_position !== stock[i - 1]!.word_position + stock[i - 1]!.surface_form.length)) quirks++;
  }
  assert.ok(quirks > 0, 'some text has a piece placed off its end (the case the arithmetic is there for)');
});

test('tokenizeThrough gives the first tokens of tokenize, for patterns and offsets', async () => {
  const markers = new RegExp([...loadLexicon().file.conditions.markers, 'ホスト'].join('|'), 'u');
  let partial = 0;
  for (const line of lines()) {
    // The prefixes first: once tokenize(line) is cached, tokenizeThrough returns it whole.
    const prefixes = [];
    for (const [needed, extra] of [[markers, 1], [/、/u, 0], [Math.floor(line.length / 3), 2], [0, 0]] as const) {
      prefixes.push({ needed, prefix: await tokenizeThrough(line, needed, extra) });
    }
    const whole = await tokenize(line);
    for (const { needed, prefix } of prefixes) {
      assert.deepEqual(prefix.tokens, whole.slice(0, prefix.tokens.length), `${String(needed)} ${line}`);
      if (prefix.complete) assert.equal(prefix.tokens.length, whole.length, line);
      else partial++;
    }
  }
  assert.ok(partial > 0, 'some prefixes stop before the end');
});

test('tokenizeThrough keeps every piece a pattern matches, and the piece holding an offset', async () => {
  const text = '最初に設定します。次に、ホストを選ぶ場合は、後で確認します。以上です。';
  // Pieces: 最初に設定します。|次に、|ホストを選ぶ場合は、|後で確認します。|以上です。
  assert.equal(splitPieces(maskCode(text).text).length, 5);
  const markers = /場合|ホスト/u;
  const through = await tokenizeThrough(text, markers, 0);
  assert.equal(through.complete, false);
  assert.equal(through.tokens.at(-1)?.surface, '、');
  assert.ok(through.tokens.some((t) => t.surface === '場合'));
  assert.ok(!through.tokens.some((t) => t.surface === '後で' || t.surface === '後'));
  assert.deepEqual(await tokenizeThrough('英語だけの文。', markers, 3), { tokens: [], complete: false });
  const atStart = await tokenizeThrough(text, 0, 0);
  assert.equal(atStart.tokens.map((t) => t.surface).join(''), '最初に設定します。');
  // A word inside code is no Japanese word: `場合` in backticks is masked.
  assert.deepEqual((await tokenizeThrough('値は `場合` です。', markers, 0)).tokens, []);
});

test('IPADIC: every entry whose basic form is a condition marker or ホスト has it as its surface', async () => {
  // The conditionOf prefilter looks for the words themselves in the (masked) text; this is what
  // makes that sound. Entries are 10 bytes in tid.dat; getFeatures gives "surface,pos,…,basic,…".
  // The scan depends only on the words and the installed dictionary: the quick tier remembers its
  // result under their hash (test/helpers/test-cache.ts); TEJUN_TEST_FULL=1 always scans.
  const words = new Set([...loadLexicon().file.conditions.markers, 'ホスト']);
  const key = inputsKey(['node_modules/kuromoji/dict/tid.dat.gz', 'node_modules/kuromoji/dict/tid_pos.dat.gz'], ['kuromoji'], [...words]);
  const { entries, withBasic, differing } = await remembered('ipadic-basic-forms', key, async () => {
    const tokenizer = await stockKuromoji();
    const dictionary = (tokenizer as unknown as { token_info_dictionary: { dictionary: { buffer: Uint8Array }; getFeatures(id: number): string } }).token_info_dictionary;
    const scan = { entries: 0, withBasic: 0, differing: [] as string[] };
    for (let id = 0; id + 10 <= dictionary.dictionary.buffer.length; id += 10) {
      const features = dictionary.getFeatures(id);
      if (!features) continue;
      scan.entries++;
      const f = features.split(',');
      if (!words.has(f[7] ?? '')) continue;
      scan.withBasic++;
      if (f[0] !== f[7]) scan.differing.push(features);
    }
    return scan;
  });
  assert.deepEqual(differing, [], 'entries whose basic form is a marker but whose surface is not');
  assert.ok(entries > 300_000, `read the whole dictionary (${entries} entries)`);
  assert.ok(withBasic >= words.size, 'every marker is in the dictionary');
});
