/**
 * Format detection from content (src/ingest/detect-format.ts): small texts written from each
 * format's own syntax, never from a corpus file, and the dialect a format no grammar is written
 * for gets (the generic reading, with a message saying so).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectFormat, markupFormat } from '../src/ingest/detect-format.js';
import { detectDialect } from '../src/ingest/detect-dialect.js';
import { parseGuide } from '../src/index.js';

const ADOC = ['[[install]]', '== インストール', '', 'パッケージを入れます。', '', '----', 'sudo apt install foo', '----', '', '[NOTE]', '====', '注意', '====', '', '=== 設定', '', '----', 'foo = bar', '----'].join('\n');
const RST = ['インストール', '============', '', '.. code-block:: console', '', '   # apt install foo', '', '.. end', '', '設定', '----', '', '.. path /etc/foo.conf', '.. code-block:: ini', '', '   [DEFAULT]', '   foo = bar'].join('\n');
const MD = ['# インストール', '', '```', '# apt install foo', '```', '', '## 設定', '', '```', 'foo = bar', '```'].join('\n');

test('markup at the top: DocBook by its doctype or root element, HTML otherwise', () => {
  assert.equal(markupFormat('<!-- file.sgml -->\n\n<chapter id="x">\n <title>t</title>'), 'docbook');
  assert.equal(markupFormat('<?xml version="1.0"?>\n<!DOCTYPE book PUBLIC "-//OASIS//DTD DocBook XML V4.5//EN" "x.dtd">\n<book>'), 'docbook');
  assert.equal(markupFormat('<article xmlns="http://docbook.org/ns/docbook" version="5.0">'), 'docbook');
  assert.equal(markupFormat('<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x">\n<html xmlns:ng="http://docbook.org/docbook-ng">'), 'html');
  assert.equal(markupFormat('<!doctype html><html><body>'), 'html');
  assert.equal(markupFormat('インストール\n<b>x</b>'), undefined);
});

test('lightweight markup by its own syntax: AsciiDoc, reStructuredText, Markdown, else text', () => {
  assert.equal(detectFormat(ADOC), 'asciidoc');
  assert.equal(detectFormat(RST), 'rst');
  assert.equal(detectFormat(MD), 'markdown');
  assert.equal(detectFormat('8.4. インストール\n\n# yum install foo\n\nfoo を入れます。\n'), 'text');
});

test('a format no dialect is written for is read with the generic grammar, and the graph says so', async () => {
  assert.equal(detectDialect(RST).grammar.name, 'generic');
  assert.equal(detectDialect(ADOC).grammar.name, 'generic');
  const graph = await parseGuide('guide.adoc', { bytes: Buffer.from(ADOC, 'utf8') });
  assert.equal(graph.source.format, 'asciidoc');
  assert.ok(graph.messages.some((m) => m.ruleId === 'generic-reading' && m.line === 1), JSON.stringify(graph.messages));
});

test('PDF, Word, OpenDocument and RTF files are refused by their signature, naming the format and what to convert it to', async () => {
  const cases: Array<[string, Uint8Array, RegExp]> = [
    ['guide.txt', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n', 'latin1'), /PDF document.*pdftotext/],
    ['guide.md', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), /ZIP container.*pandoc/],
    ['guide', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /legacy Word document/],
    ['guide.html', Buffer.from('{\\rtf1\\ansi インストール}', 'utf8'), /RTF document/],
  ];
  for (const [name, bytes, reason] of cases) {
    await assert.rejects(parseGuide(name, { bytes }), (e: Error & { ruleId?: string; line?: number }) => {
      assert.equal(e.ruleId, 'unsupported-format');
      assert.equal(e.line, 1);
      assert.match(e.message, reason);
      assert.ok(e.message.includes(name));
      return true;
    });
  }
  // A text guide that merely mentions PDF is read.
  const graph = await parseGuide('guide.md', { bytes: Buffer.from('# 手順\n\n```\n# yum install foo\n```\n%PDF-1.7 は読まない\n', 'utf8') });
  assert.equal(graph.source.format, 'markdown');
});

test('a guide in which no dialect finds one of its signatures is read with the generic grammar, never a wrong dialect', () => {
  // Fenced Markdown with indented root prompts (a text export's signature shape) stays Markdown.
  const md = ['# 手順', '', '1. 入れます', '', '    # apt install foo', '', '```', 'controller# apt install bar', '```', '', '## 次', '', '```', 'foo = bar', '```'].join('\n');
  const d = detectDialect(md);
  assert.deepEqual([d.format, d.grammar.name], ['markdown', 'generic']);
  // A dialect's own signature still wins.
  const walkthrough = md.replace('## 次', '## 次 [対象: controller]');
  assert.equal(detectDialect(walkthrough).grammar.name, 'markdown-walkthrough');
  // Markdown guessed only from `#` lines lets the text dialects compete (a text export's `# command` lines).
  const text = ['手順1.1 インストール', '', '    # yum install foo', '', '# 確認', '', '# 設定', '', '# 起動'].join('\n');
  assert.equal(detectDialect(text).grammar.name, 'redhat-text');
});
