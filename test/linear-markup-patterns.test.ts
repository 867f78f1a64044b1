/**
 * Markup patterns rewritten to run in linear time (issue 14, found by the per-pattern timing table
 * of `npm run fuzz`): AsciiDoc callout markers at the end of a verbatim line, tags of Asciidoctor's
 * inline HTML, and the space before a closing bracket in a normalised sentence give the same
 * results as the patterns they replace, on short strings built from the pieces around them.
 * Nothing is timed here: the timing is `npm run fuzz -- --timing-only`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CALLOUTS } from '../src/parse/asciidoc-to-mdast.js';
import { inlineHtmlToText } from '../src/parse/asciidoc-inline.js';
import { normalizeSentence, splitSentences } from '../src/nlp/text.js';

/** Pieces around these patterns. */
const PIECES = [' ', '  ', '\t', '\n', '　', 'a', 'x y', '//', '#', '--', ';;', '<1>', '<!--2-->', '<.>', '<', '>', '<b>', '</b>', '<code>', '&amp;', '&#64;',
  '(', ')', '（', '）', '\\', '\\_', '漢字', '1', '.', '<a href="x">', '</a>'];

/** `count` strings of up to `maxPieces` pieces, from a fixed seed (the same strings every run). */
function samples(count: number, maxPieces: number): string[] {
  let seed = 20261207;
  const rand = (k: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % k;
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = rand(maxPieces + 1);
    let s = '';
    for (let k = 0; k < n; k++) s += PIECES[rand(PIECES.length)];
    out.push(s);
  }
  return out;
}

const INPUTS = ['', 'ls -l <1>', 'ls   // <2>', 'echo x # <3> <4>', 'a (b ) c', 'a （ b ）', 'x\n )', '<b>bold</b> &amp; <i>x</i>', ...samples(8000, 8)];

test('callout markers are cut from the same place', () => {
  const old = /\s*(?:(?:\/\/|#|--|;;) ?)?(?:<!?(?:--)?(?:\d+|\.)(?:--)?>\s*)+$/;
  for (const s of INPUTS) assert.equal(s.replace(CALLOUTS, ''), s.replace(old, ''), JSON.stringify(s));
});

test('inline HTML gives the same text when no tag holds a `<`', () => {
  const old = (html: string): string => inlineHtmlToText(html.replace(/<[^>]+>/g, ''));
  for (const s of INPUTS) {
    const tags = s.match(/<[^>]*>/g) ?? [];
    if (tags.some((t) => t.slice(1).includes('<'))) continue;
    assert.equal(inlineHtmlToText(s), old(s), JSON.stringify(s));
  }
});

test('a normalised sentence is the same', () => {
  const old = (text: string): string =>
    text
      .replace(/\\([\\`*_{}[\]()#+\-.!|<>])/gu, '$1')
      .replace(/\s+/gu, ' ')
      .replace(/([(（])\s+/gu, '$1')
      .replace(/\s+([)）])/gu, '$1')
      .trim();
  for (const s of INPUTS) assert.equal(normalizeSentence(s), old(s), JSON.stringify(s));
});

test('sentences split at the same places', () => {
  const old = (text: string): string[] =>
    text
      .split(/(?<=[。！？])\s*|(?<=[.!?])\s+(?=[A-Z\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}`])|\s+(?=[-•]\s)/u)
      .map((s) => s.replace(/^[-•*]\s+/u, '').trim())
      .filter((s) => s.length > 0);
  const pieces = [' ', '  ', '\n', '\t', '。', '！', '.', '?', '- ', '• ', '-', 'A', 'a', '漢', 'か', 'カ', '`', 'x y'];
  let seed = 7;
  const rand = (k: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % k;
  };
  for (let n = 0; n < 6000; n++) {
    let s = '';
    for (let k = rand(10); k > 0; k--) s += pieces[rand(pieces.length)];
    assert.deepEqual(splitSentences(s), old(s), JSON.stringify(s));
  }
});
