/**
 * maskCode's pattern starts a word-run alternative only where the run starts (src/nlp/mask.ts):
 * the spans it finds are the ones the plain definition finds (every alternative tried at every
 * position, the scheme of a URL unbounded), except a name glued to the end of a path by `$`, `<` or
 * `>`, which the plain definition masked as a second span. Also pinned: the shapes that made the plain
 * definition quadratic give the spans they must (one long word, digit runs, `$` runs, runs of
 * separators inside a span and at its end).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { maskCode } from '../src/nlp/mask.js';

/**
 * The plain definition of what is masked: the same alternatives with no lookbehind on the word
 * runs and no bound on a URL scheme (quadratic on long runs; used on short strings only).
 */
const PLAIN = new RegExp(
  [
    '`[^`\\n]+`',
    '\\b[a-z][a-z0-9+.-]*://[\\x21-\\x7e]+',
    '(?<![\\w.])~?/[\\w.@+~%=-]+(?:/[\\w.@+~%=-]*)*',
    '\\[[\\w:. -]*[\\w]\\]',
    '[A-Za-z0-9$<][\\w$<>]*(?:[._/:=@+-]+[\\w$<>]+)+',
    '[A-Za-z]+\\d[\\w]*|\\d+[A-Za-z]\\w*',
  ].join('|'),
  'gu',
);

/** The spans of the plain definition, as maskCode keeps them (trailing punctuation cut, no overlap). */
function plainSpans(text: string): { original: string; start: number; path: boolean }[] {
  const out: { original: string; start: number; path: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(PLAIN)) {
    let original = m[0];
    const start = m.index ?? 0;
    if (!original.startsWith('`')) original = original.replace(/[.,:;)]+$/u, '');
    if (original.length === 0 || start < last) continue;
    out.push({ original, start, path: /^~?\//u.test(original) });
    last = start + original.length;
  }
  return out;
}

/** Strings of the characters the alternatives turn on, with Japanese and spaces between. */
const texts = fc
  .array(fc.constantFrom('a', 'Z', '1', '0', '$', '<', '>', '_', '.', '/', ':', '=', '@', '+', '-', '~', '`', '[', ']', ' ', 'の', 'http://', 'x.y', '\n'), { maxLength: 30 })
  .map((a) => a.join(''));

test('maskCode finds the spans of the plain definition, except a name glued to the end of a path by $, < or >', () => {
  let compared = 0;
  fc.assert(
    fc.property(texts, (text) => {
      const plain = plainSpans(text);
      // The one reading that changed: a span glued to the end of a path match (nothing between, or
      // `$`, `<` or `>` and more name characters, after the punctuation cut from the path's end).
      const glued = plain.some((s, i) => i > 0 && plain[i - 1]!.path && /^[.,:;)]*(?:[$<>][\w$<>._/=@+-]*)?$/u.test(text.slice(plain[i - 1]!.start + plain[i - 1]!.original.length, s.start)));
      if (glued) return;
      compared++;
      assert.deepEqual(
        maskCode(text).spans.map((s) => [s.start, s.original]),
        plain.map((s) => [s.start, s.original]),
        JSON.stringify(text),
      );
    }),
    { numRuns: 3000 },
  );
  assert.ok(compared > 2500, `only ${compared} strings compared`);
});

test('maskCode on the shapes that made the plain definition quadratic: each long run is one span or none', () => {
  const run = 20_000;
  assert.deepEqual(maskCode(`の場合は${'a'.repeat(run)}です`).spans, []);
  assert.deepEqual(maskCode(`の場合は${'$'.repeat(run)}です`).spans, []);
  assert.deepEqual(maskCode(`値は${'1'.repeat(run)}です`).spans, []);
  assert.deepEqual(maskCode(`値は${'a'.repeat(run)}1です`).spans.map((s) => s.original.length), [run + 1]);
  assert.deepEqual(maskCode(`${'a.'.repeat(run / 2)}b://x`).spans.map((s) => s.original.length), [run + 5]);
  // A run of separators inside a span, and at its end (cut as sentence punctuation, read from the end).
  assert.deepEqual(maskCode(`a${'.'.repeat(run)}b`).spans.map((s) => s.original.length), [run + 2]);
  assert.deepEqual(maskCode(`x.y${'.'.repeat(run)}`).spans.map((s) => s.original), ['x.y']);
  assert.deepEqual(maskCode(`/opt/x$HOME.y`).spans.map((s) => s.original), ['/opt/x']);
  assert.deepEqual(maskCode(`/opt/x:HOME.y`).spans.map((s) => s.original), ['/opt/x', 'HOME.y']);
});
