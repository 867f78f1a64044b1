/**
 * escapeMarkdown escapes a `#` that may close an ATX heading (` ##` up to the end of the text) as
 * it did when it tested the rest of the text at each `#` (quadratic on a long run of `#`, found by
 * `npm run fuzz`): the same escapes on short strings of `#`, spaces and words, and a long run of
 * `#` escaped the same way as a short one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeMarkdown } from '../src/generate/markdown.js';

/** The rule as it was written: `#` first, or after a space or `#` with only `#` and white space after it. */
function expected(text: string): string {
  const chars = Array.from(text.replace(/\s+/gu, ' ').trim());
  return chars
    .map((c, i) => {
      const prev = chars[i - 1];
      const escape = c === '#' && (i === 0 || ((prev === ' ' || prev === '#') && /^[#\s]*$/.test(chars.slice(i).join(''))));
      return escape ? `\\${c}` : c;
    })
    .join('');
}

test('a # is escaped where it may open or close a heading, as before', () => {
  const pieces = ['#', '##', ' ', '  ', 'a', 'あ', 'x#', '#y', '\t', '\n', '𠮷'];
  let seed = 20261207;
  const rand = (k: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % k;
  };
  for (let n = 0; n < 5000; n++) {
    let s = '';
    for (let k = rand(9); k > 0; k--) s += pieces[rand(pieces.length)];
    assert.equal(escapeMarkdown(s), expected(s), JSON.stringify(s));
  }
});

test('a long run of # ending a text: every # of the run escaped', () => {
  const run = `x ${'#'.repeat(20_000)}`;
  assert.equal(escapeMarkdown(run), `x ${'\\#'.repeat(20_000)}`);
  assert.equal(escapeMarkdown(`${'#'.repeat(20_000)} x`), `\\${'#'.repeat(20_000)} x`);
});
