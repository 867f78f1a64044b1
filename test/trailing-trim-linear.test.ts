import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stripFinalStop, trimFragment, trimTrailing } from '../src/nlp/text.js';
import { headingText } from '../src/generate/steps-to-checklist.js';

/** Strings of the characters the trims care about, with astral and plain letters between. */
const pieces = fc.array(fc.constantFrom(' ', ';', '，', '；', '！', ')', '）', '\t', '\n', '\u3000', '、', ',', ':', '：', '。', '．', '.', '！', '!', '？', '?', 'a', 'あ', '𠮷', '`', '-', '*'), { maxLength: 40 }).map((a) => a.join(''));

test('trimFragment and stripFinalStop cut from the end exactly what the old /[…]+$/ forms cut (they are read from the end now, linear on long runs)', () => {
  fc.assert(
    fc.property(pieces, (s) => {
      assert.equal(stripFinalStop(s), s.replace(/[\s。．.！!？?]+$/u, ''));
      assert.equal(trimTrailing(s, /[。、,.:;)）]/u), s.replace(/[。、,.:;)）]+$/u, ''));
      assert.equal(headingText(s), s.replace(/[\s.,;:!。，；：！]+$/u, '') || s);
      const old = s.replace(/`/gu, '').replace(/^[\s、,:：・•*-]+|[\s、,:：]+$/gu, '');
      // The bracket unwrapping after the trim is the same code: compare when it does not apply.
      if (!/^[(（「『"'[]/u.test(old)) assert.equal(trimFragment(s), old);
    }),
    { numRuns: 2000 },
  );
});
