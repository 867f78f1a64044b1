/**
 * Encodings: every guide in guides/ converted with the `iconv` binary to Shift_JIS (CP932),
 * EUC-JP, ISO-2022-JP, UTF-16LE/BE with a byte order mark and UTF-8 with a BOM yields the same
 * step graph as the UTF-8 text (ignoring `source.sha256` and `source.encoding`), and the graph
 * records the encoding. Characters an encoding cannot hold (`•`, `¥`, `©` in some guides) are
 * replaced in the UTF-8 text first, so both sides read the same characters. Declared HTML
 * charsets, UTF-16 without a BOM, and undecodable bytes (an error naming the file and offset).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { decodeGuide } from '../src/ingest/decode-guide.js';
import { GuideError } from '../src/ingest/guide-error.js';
import type { StepGraph } from '../src/ir/types.js';
import { sampleGuides } from './helpers/paths.js';
import { loadTejun } from './helpers/tejun.js';

/** An encoding under test: the iconv name, the bytes to put first (a BOM), the name tejun reports. */
interface Enc {
  iconv: string;
  bom: number[];
  reported: string | undefined;
}

const ENCODINGS: Enc[] = [
  { iconv: 'CP932', bom: [], reported: 'Shift_JIS' },
  { iconv: 'EUC-JP', bom: [], reported: 'EUC-JP' },
  { iconv: 'ISO-2022-JP', bom: [], reported: 'ISO-2022-JP' },
  { iconv: 'UTF-16LE', bom: [0xff, 0xfe], reported: 'UTF-16LE' },
  { iconv: 'UTF-16BE', bom: [0xfe, 0xff], reported: 'UTF-16BE' },
  { iconv: 'UTF-8', bom: [0xef, 0xbb, 0xbf], reported: undefined },
];

/** What an unrepresentable character becomes before conversion (what a legacy copy would hold). */
const SUBSTITUTE: Record<string, string> = { '•': '・', '¥': '\\', '\u00a0': ' ', '©': '(c)', '®': '(R)' };

/** Runs the iconv binary; throws (failing the test) when it is missing or fails. */
function iconv(from: string, to: string, input: Uint8Array, lossy = false): Buffer {
  return execFileSync('iconv', [...(lossy ? ['-c'] : []), '-f', from, '-t', to], { input, maxBuffer: 64 * 1024 * 1024, stdio: ['pipe', 'pipe', 'ignore'] });
}

/** `text` with every character `enc` cannot hold replaced (found by one lossy iconv round trip). */
function representable(text: string, enc: string): string {
  if (enc.startsWith('UTF')) return text;
  const chars = [...new Set(text.replace(/\r?\n/g, ''))];
  let back: string[];
  try {
    back = iconv(enc, 'UTF-8', iconv('UTF-8', enc, Buffer.from(chars.join('\n')), true)).toString('utf8').split('\n');
  } catch (error) {
    // iconv -c exits 1 after dropping characters; its output is still complete.
    const out = (error as { stdout?: Buffer }).stdout;
    if (!out) throw error;
    back = iconv(enc, 'UTF-8', out).toString('utf8').split('\n');
  }
  const lost = new Set(chars.filter((_, i) => back[i] === ''));
  return lost.size === 0 ? text : [...text].map((c) => (lost.has(c) ? (SUBSTITUTE[c] ?? '?') : c)).join('');
}

/** The graph without what legitimately differs between encodings of one text. */
function comparable(graph: StepGraph): StepGraph {
  const { encoding: _encoding, ...source } = graph.source;
  return { ...graph, source: { ...source, sha256: '<sha256>' }, messages: graph.messages.filter((m) => m.ruleId !== 'charset-mismatch') };
}

// sampleGuides(): every guide under TEJUN_TEST_FULL=1, every other one in the quick tier.
for (const guide of sampleGuides()) {
  const name = basename(guide);
  test(`${name} converted to each encoding yields the graph of its UTF-8 text`, async () => {
    const { parseGuide } = await loadTejun();
    const original = readFileSync(guide, 'utf8');
    const baselines = new Map<string, StepGraph>();
    for (const enc of ENCODINGS) {
      const text = representable(original, enc.iconv);
      let expected = baselines.get(text);
      if (!expected) {
        expected = await parseGuide(guide, { bytes: Buffer.from(text, 'utf8') });
        baselines.set(text, expected);
      }
      const bytes = Buffer.concat([Buffer.from(enc.bom), iconv('UTF-8', enc.iconv, Buffer.from(text, 'utf8'))]);
      const actual = await parseGuide(guide, { bytes });
      assert.equal(actual.source.encoding, enc.reported, `${name} as ${enc.iconv}: reported encoding`);
      assert.ok(actual.procedures.length > 0, `${name} as ${enc.iconv}: has procedures`);
      assert.deepEqual(comparable(actual), comparable(expected), `${name} as ${enc.iconv}: graph differs from the UTF-8 text's`);
      const declaresUtf8 = /charset=utf-8/i.test(text.slice(0, 1024)) || /encoding="UTF-8"/.test(text.slice(0, 200));
      const mismatch = actual.messages.some((m) => m.ruleId === 'charset-mismatch');
      assert.equal(mismatch, declaresUtf8 && enc.bom.length === 0 && enc.iconv !== 'UTF-8', `${name} as ${enc.iconv}: charset-mismatch warning`);
    }
  });
}

test('a declared <meta charset> is honoured when the bytes are in it', () => {
  const html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"></head><body><p>インストール</p></body></html>\n';
  const decoded = decodeGuide(iconv('UTF-8', 'CP932', Buffer.from(html)), 'page.html');
  assert.equal(decoded.text, html);
  assert.equal(decoded.encoding, 'Shift_JIS');
  assert.equal(decoded.via, 'declared');
  assert.deepEqual(decoded.warnings, []);
});

test('a declared charset the bytes contradict is a charset-mismatch warning at its line, then detection', () => {
  const html = '<!DOCTYPE html>\n<html><head>\n<meta charset="euc-jp">\n</head><body><p>パスワードを設定します</p></body></html>\n';
  const decoded = decodeGuide(iconv('UTF-8', 'CP932', Buffer.from(html)), 'page.html');
  assert.equal(decoded.text, html);
  assert.equal(decoded.encoding, 'Shift_JIS');
  assert.equal(decoded.via, 'detected');
  assert.deepEqual(decoded.warnings.map((w) => [w.ruleId, w.line]), [['charset-mismatch', 3]]);
});

test('UTF-16 without a byte order mark is detected from where the NUL bytes fall', () => {
  const text = '手順1.1 インストール\n  1. # yum install -y openstack-nova\n';
  for (const [enc, name] of [['UTF-16LE', 'UTF-16LE'], ['UTF-16BE', 'UTF-16BE']] as const) {
    const decoded = decodeGuide(iconv('UTF-8', enc, Buffer.from(text)), 'g.txt');
    assert.equal(decoded.text, text);
    assert.equal(decoded.encoding, name);
  }
});

test('undecodable bytes are a GuideError naming the file, the byte offset and its line', () => {
  // Valid UTF-8 lines, then a byte no Japanese encoding accepts (0xFF) on line 3, column 5.
  const bytes = Buffer.concat([Buffer.from('一行目\n二行目\nabcd'), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from('\n')]);
  assert.throws(
    () => decodeGuide(bytes, 'bad.txt'),
    (e: unknown) => {
      assert.ok(e instanceof GuideError);
      assert.equal(e.ruleId, 'undecodable-guide');
      const offset = Buffer.byteLength('一行目\n二行目\nabcd');
      assert.equal(e.offset, offset);
      assert.match(e.message, new RegExp(`bad\\.txt`));
      assert.match(e.message, new RegExp(`offset ${offset}\\b`));
      assert.deepEqual([e.line, e.column], [3, 5]);
      return true;
    },
  );
});

test('a bad sequence inside a UTF-16 file with a BOM is reported at its offset, counting the BOM', () => {
  // A lone low surrogate (DC00) after "ab": bytes FF FE 61 00 62 00 00 DC.
  const bytes = Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x62, 0x00, 0x00, 0xdc, 0x0a, 0x00]);
  assert.throws(() => decodeGuide(bytes, 'w.txt'), (e: unknown) => e instanceof GuideError && e.ruleId === 'undecodable-guide' && /offset [6-7]\b/.test(e.message));
});

test('a UTF-8 BOM is removed and UTF-8 is not recorded in the graph', async () => {
  const { parseGuide } = await loadTejun();
  const text = '手順1.1 インストール\n\n  1. パッケージをインストールします。\n    # yum install -y openstack-nova\n';
  const withBom = await parseGuide('g.txt', { bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]) });
  const without = await parseGuide('g.txt', { bytes: Buffer.from(text) });
  assert.equal(withBom.source.encoding, undefined);
  assert.equal(withBom.title, without.title);
  assert.deepEqual(comparable(withBom), comparable(without));
});
