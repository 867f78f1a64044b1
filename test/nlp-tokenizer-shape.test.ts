/**
 * The start-up check of kuromoji's internals (src/nlp/tokenizer/shape-check.ts) and the choice it
 * feeds (src/nlp/tokenizer/select.ts): the installed kuromoji passes; a mutated module or field
 * (another typed array, a missing method, a truncated cost matrix, big-endian reads, another
 * character-class or token shape, a lattice that disagrees on the probes) fails with the path
 * named, and the choice falls back to kuromoji's own tokenizer with a warning;
 * `TEJUN_TOKENIZER=kuromoji` selects kuromoji's own tokenizer, in process and in the CLI, with the
 * same output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { tokenizePiece } from '../src/nlp/tokenizer/lattice.js';
import { checkModules, checkProbes, checkTokenizer, PROBE_PIECES, ShapeMismatch } from '../src/nlp/tokenizer/shape-check.js';
import { selectTokenizer } from '../src/nlp/tokenizer/select.js';
import { stockPieceTokenizer } from '../src/nlp/tokenizer/stock.js';
import type { PieceTokenizer } from '../src/nlp/tokenizer/types.js';
import { CLI, ROOT, listGuides } from './helpers/paths.js';
import { fastInternals, fastObject, stockKuromoji } from './helpers/tokenizers.js';

const require = createRequire(import.meta.url);

/** A copy of `root` with the value at `path` replaced (every object on the way copied, nothing shared mutated). */
function mutated(root: object, path: string, value: (old: unknown) => unknown): object {
  const [head, ...rest] = path.split('.');
  const copy = Object.assign(Object.create(Object.getPrototypeOf(root) as object) as object, root) as Record<string, unknown>;
  copy[head!] = rest.length === 0 ? value(copy[head!]) : mutated(copy[head!] as object, rest.join('.'), value);
  return copy;
}

/** The differences checkTokenizer reports for `object` (fails the test when it reports none). */
function differencesOf(object: object): string[] {
  try {
    checkTokenizer(object);
  } catch (error) {
    assert.ok(error instanceof ShapeMismatch, String(error));
    return error.differences;
  }
  assert.fail('the check passed');
}

test('the installed kuromoji passes the shape check and the probes', async () => {
  const modules = checkModules(require);
  assert.equal(typeof modules.DictionaryLoader, 'function');
  const internals = checkTokenizer(await fastObject());
  checkProbes(internals, tokenizePiece);
  assert.ok(PROBE_PIECES.every((piece) => tokenizePiece(internals, piece).length > 3), 'the probes are real sentences');
});

test('a missing or changed kuromoji module fails the module check', () => {
  assert.throws(() => checkModules(() => { throw new Error('Cannot find module'); }), (e: ShapeMismatch) => e.differences.some((d) => d.includes('kuromoji/src/loader/DictionaryLoader.js: cannot be required')));
  const renamed = (path: string) => {
    const real = require(path) as { prototype: object };
    if (!path.endsWith('Tokenizer.js')) return real;
    const fake = function Tokenizer() {};
    fake.prototype = { tokenize: (real.prototype as { tokenize: unknown }).tokenize };
    return fake;
  };
  assert.throws(() => checkModules(renamed), (e: ShapeMismatch) => e.differences.join() === 'Tokenizer.prototype.tokenizeForSentence: expected function, found undefined');
});

test('each mutated internal fails the tokenizer check, naming what differs', async () => {
  const object = await fastObject();
  const cases: Array<[path: string, change: (old: unknown) => unknown, expected: RegExp]> = [
    ['viterbi_searcher.connection_costs.buffer', (b) => Int32Array.from(b as Int16Array), /connection_costs\.buffer: expected Int16Array, found Int32Array/],
    ['viterbi_searcher.connection_costs.buffer', (b) => (b as Int16Array).subarray(0, 1000), /connection_costs: expected .* of length/],
    ['formatter', (f) => ({ formatEntry: (f as { formatEntry: unknown }).formatEntry }), /formatter\.formatUnknownEntry: expected function, found undefined/],
    ['viterbi_builder.trie.bc', () => undefined, /trie\.bc\.getBase: expected function, found undefined/],
    ['viterbi_builder.token_info_dictionary.dictionary.buffer', (b) => Array.from((b as Uint8Array).subarray(0, 100)), /dictionary\.buffer: expected Uint8Array, found object/],
    [
      'viterbi_builder.token_info_dictionary.dictionary.getShort',
      () => function (this: { buffer: Uint8Array }, i: number) { return new DataView(this.buffer.buffer, this.buffer.byteOffset).getInt16(i, false); },
      /token_info_dictionary\.dictionary\.getShort\(\d+\): expected little-endian/,
    ],
    ['viterbi_builder.token_info_dictionary.getFeatures', () => () => { throw new TypeError('no pos buffer'); }, /formatter\.formatEntry\(entry 0\): threw TypeError: no pos buffer/],
    ['viterbi_builder.unknown_dictionary.lookup', () => () => ({ id: 1, name: 'HIRAGANA' }), /unknown_dictionary\.lookup\("あ"\): expected \{ class_id/],
    [
      'formatter.formatEntry',
      (f) => (...args: unknown[]) => ({ ...(f as (...a: unknown[]) => object)(...args), extra: 1 }),
      /formatter\.formatEntry: expected keys .* found .*extra/,
    ],
  ];
  for (const [path, change, expected] of cases) {
    const differences = differencesOf(mutated(object, path, change));
    assert.ok(differences.some((d) => expected.test(d)), `${path}: ${differences.join(' | ')}`);
  }
});

test('a lattice that reads the cost matrix the other way round fails the probes', async () => {
  const internals = await fastInternals();
  const { buffer, forward_dimension: forward, backward_dimension: backward } = internals.costs;
  // The same matrix transposed (right id and left id swapped): the fields still pass the shape check.
  const transposed = Int16Array.from(buffer, (c, i) => (i < 2 ? c : buffer[2 + ((i - 2) % forward) * backward + Math.floor((i - 2) / forward)]!));
  const other = { ...internals, costs: { ...internals.costs, buffer: transposed } };
  assert.throws(() => checkProbes(other, tokenizePiece), (e: ShapeMismatch) => e instanceof ShapeMismatch && /lattice: tokens of/.test(e.message));
});

test('on a mutated internal the choice falls back to kuromoji’s own tokenizer, with a warning', async () => {
  const object = await fastObject();
  const warnings: string[] = [];
  // kuromoji's own tokenizer over the one stock dictionary of this process (test/helpers/tokenizers.ts);
  // buildStockTokenizer itself is what the TEJUN_TOKENIZER=kuromoji process below runs.
  const stock = async (reason: string) => stockPieceTokenizer(await stockKuromoji(), reason);
  const chosen = await selectTokenizer({
    env: undefined,
    loadFast: async () => mutated(object, 'viterbi_searcher.connection_costs.buffer', (b) => Float64Array.from(b as Int16Array)),
    loadStock: stock,
    warn: (m) => warnings.push(m),
  });
  assert.equal(chosen.kind, 'kuromoji');
  assert.match(chosen.reason ?? '', /connection_costs\.buffer: expected Int16Array, found Float64Array/);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /using kuromoji's own tokenizer/);
  assert.deepEqual(chosen.tokenizePiece('設定ファイルを編集します。').map((t) => t.surface_form), ['設定', 'ファイル', 'を', '編集', 'し', 'ます', '。']);

  // A lattice that throws while the probes run falls back too; a missing module as well.
  const throwing = await selectTokenizer({ env: undefined, loadFast: async () => mutated(object, 'viterbi_builder.unknown_dictionary.target_map', () => ({})), loadStock: async (reason) => ({ kind: 'kuromoji', reason, tokenizePiece: () => [] }), warn: () => {} });
  assert.equal(throwing.kind, 'kuromoji');
  assert.match(throwing.reason ?? '', /target_map/);
  const stub = async (reason: string): Promise<PieceTokenizer> => ({ kind: 'kuromoji', reason, tokenizePiece: () => [] });
  const typeError = await selectTokenizer({ env: undefined, loadFast: async () => { throw new TypeError('buffers.map is not a function'); }, loadStock: stub, warn: () => {} });
  assert.match(typeError.reason ?? '', /loading the dictionary threw: TypeError: buffers\.map/);
  const noModule = await selectTokenizer({ env: undefined, modules: () => checkModules(() => { throw new Error('gone'); }), loadStock: async (reason) => ({ kind: 'kuromoji', reason, tokenizePiece: () => [] }), warn: () => {} });
  assert.match(noModule.reason ?? '', /cannot be required/);
});

test('the unmutated kuromoji gives tejun’s lattice; an unreadable dictionary is an error, not a fallback', async () => {
  const object = await fastObject();
  const neverStock = async (): Promise<PieceTokenizer> => assert.fail('kuromoji’s own tokenizer was built');
  const chosen = await selectTokenizer({ env: 'tejun', loadFast: async () => object, loadStock: neverStock, warn: (m) => assert.fail(m) });
  assert.equal(chosen.kind, 'tejun');
  const missing = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
  await assert.rejects(selectTokenizer({ env: undefined, loadFast: async () => { throw missing; }, loadStock: neverStock }), /ENOENT/);
});

test('TEJUN_TOKENIZER=kuromoji selects kuromoji’s own tokenizer without loading tejun’s', async () => {
  const chosen = await selectTokenizer({
    env: 'kuromoji',
    loadFast: async () => assert.fail('tejun’s loader ran'),
    loadStock: async (reason) => ({ kind: 'kuromoji', reason, tokenizePiece: () => [] }),
  });
  assert.deepEqual([chosen.kind, chosen.reason], ['kuromoji', 'TEJUN_TOKENIZER=kuromoji']);
  const warnings: string[] = [];
  const unknown = await selectTokenizer({ env: 'fastest', loadFast: fastObject, loadStock: async () => assert.fail('fallback'), warn: (m) => warnings.push(m) });
  assert.equal(unknown.kind, 'tejun');
  assert.match(warnings.join(), /TEJUN_TOKENIZER=fastest is neither/);

  // In a process of its own, through the environment: the shared tokenizer is kuromoji's, and
  // the CLI's output on a guide is the same either way.
  const select = join(ROOT, 'dist', 'src', 'nlp', 'tokenizer', 'select.js');
  const script = `const { getTokenizer } = await import(${JSON.stringify(select)}); const t = await getTokenizer(); console.log(t.kind, t.reason ?? '');`;
  const kind = (env: Record<string, string>) => execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...env }, encoding: 'utf8' }).trim();
  assert.equal(kind({ TEJUN_TOKENIZER: 'kuromoji' }), 'kuromoji TEJUN_TOKENIZER=kuromoji');
  assert.equal(kind({ TEJUN_TOKENIZER: 'tejun' }), 'tejun');
  // The shortest text guide: what is compared is the tokenizer's effect, not the guide's readings.
  const guide = listGuides().filter((g) => g.endsWith('.txt')).sort((a, b) => statSync(a).size - statSync(b).size)[0]!;
  const parse = (env: Record<string, string>) => execFileSync(process.execPath, [CLI, 'parse', guide, '--json'], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(parse({ TEJUN_TOKENIZER: 'kuromoji' }), parse({ TEJUN_TOKENIZER: 'tejun' }));
});
