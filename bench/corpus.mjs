// A large guide corpus made from the real guides: each guide repeated with variations, so that no
// cache keyed by content (tokens, sentences) can hit across copies. Used by run.mjs.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/u;

/** k written in the letters a–z (base 26): 0 → a, 25 → z, 26 → aa. */
export function letters(k) {
  let out = '';
  for (let n = k; ; n = Math.floor(n / 26) - 1) {
    out = String.fromCharCode(97 + (n % 26)) + out;
    if (n < 26) return out;
  }
}

/**
 * Copy `k` (k ≥ 1) of a guide's text: every line holding Japanese or a Markdown heading gets a
 * variant mark ` v<k>` at its end (procedure titles and sentences renamed), every 、 and 。 on a
 * line holding Japanese gets ` vq<letters(k)>` before it, and every IPv4 address gets its third
 * octet shifted by k (values changed). Copy 0 is the guide unchanged.
 *
 * Why the mark before 、 and 。: kuromoji tokenizes a sentence piece by piece (it cuts after each
 * 、 and 。) and tejun caches tokens per piece; the end-of-line mark alone changes only the last
 * piece of a line (and ` v<k>` is masked as code before tokenizing), so the copies would hit the
 * cache and the warm figure would measure the cache, not the work. A letters-only mark is not
 * masked.
 * @param text the guide's text; @param k the copy number; @param options.pieces false: no mark
 *   before 、 and 。 (bench/extract.mjs --plain).
 */
export function vary(text, k, options = {}) {
  if (k === 0) return text;
  const pieces = options.pieces ?? true;
  return text
    .split('\n')
    .map((line) => {
      let out = line.replace(/\b(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\b/g, (_m, a, b, c, d) => `${a}.${b}.${(Number(c) + k) % 256}.${d}`);
      const japanese = JAPANESE.test(out);
      if (japanese && pieces) out = out.replace(/(?=[、。])/gu, ` vq${letters(k)}`);
      if (japanese || /^#{1,6}\s/.test(out)) out = out.replace(/\s*$/u, ` v${k}`);
      return out;
    })
    .join('\n');
}

/**
 * An HTML guide split around the inside of its `<div id="content">` (found by counting div tags),
 * so that copies can be placed inside the one content element the reader keeps.
 * @returns [before, inner, after]; inner is the whole text when the page has no content div.
 */
function splitHtml(text) {
  const open = text.indexOf('<div id="content">');
  if (open < 0) return ['', text, ''];
  const start = open + '<div id="content">'.length;
  const tag = /<div\b|<\/div>/g;
  tag.lastIndex = start;
  let depth = 1;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    depth += m[0] === '</div>' ? -1 : 1;
    if (depth === 0) return [text.slice(0, start), text.slice(start, m.index), text.slice(m.index)];
  }
  return ['', text, ''];
}

/**
 * A guide repeated `copies` times with variations (copies 0…copies-1), as one guide of the same
 * format: text and Markdown guides are concatenated, HTML pages get their content repeated inside
 * the page.
 * @param path the guide; @param copies how many copies (≥ 1); @param first number of the first copy.
 */
export function repeatGuide(path, copies, first = 0, options = {}) {
  const text = readFileSync(path, 'utf8');
  const parts = [];
  if (extname(path) === '.html') {
    const [before, inner, after] = splitHtml(text);
    for (let k = first; k < first + copies; k++) parts.push(vary(inner, k, options));
    return before + parts.join('\n') + after;
  }
  for (let k = first; k < first + copies; k++) parts.push(vary(text, k, options));
  return parts.join('\n\n');
}

/**
 * Writes a corpus of about `bytes` bytes into `dir`: files of `perFile` copies of each guide in
 * turn, each file with new copy numbers, until the total reaches `bytes`. `options` as {@link vary}.
 * @returns the paths written and their total size in bytes.
 */
export function writeCorpus(guides, dir, bytes, perFile, options = {}) {
  mkdirSync(dir, { recursive: true });
  const paths = [];
  let total = 0;
  for (let round = 0; total < bytes; round++) {
    for (const guide of guides) {
      const text = repeatGuide(guide, perFile, round * perFile, options);
      const path = join(dir, `${basename(guide, extname(guide))}-r${round}${extname(guide)}`);
      writeFileSync(path, text);
      paths.push(path);
      total += Buffer.byteLength(text);
      if (total >= bytes) break;
    }
  }
  return { paths, bytes: total };
}

/** Writes each guide repeated `factor` times as one file in `dir` (the scaling runs). */
export function writeScaled(guides, dir, factor) {
  mkdirSync(dir, { recursive: true });
  const paths = [];
  let total = 0;
  for (const guide of guides) {
    const text = repeatGuide(guide, factor);
    const path = join(dir, basename(guide));
    writeFileSync(path, text);
    paths.push(path);
    total += Buffer.byteLength(text);
  }
  return { paths, bytes: total };
}
