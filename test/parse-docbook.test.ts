/**
 * The DocBook reader (src/parse/docbook-markup.ts, docbook-to-mdast.ts) on small documents written
 * from "DocBook: The Definitive Guide": guide line numbers of headings, paragraphs and literal
 * blocks, comments dropped, entities (standard ones decoded, ones defined outside the file kept as
 * written, internal ones expanded), SGML short end tags and EMPTY elements, DocBook 5 XML.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Block } from '../src/parse/blocks.js';
import { docbookMarkup } from '../src/parse/docbook-markup.js';
import { docbookToMdast } from '../src/parse/docbook-to-mdast.js';
import { mdastToBlocks } from '../src/parse/mdast-to-blocks.js';

/** The block stream of a DocBook text, as parseBlocks builds it. */
function blocksOf(source: string): Block[] {
  return mdastToBlocks(docbookToMdast(source).tree, source.split('\n'));
}

/** `[line, type, text]` of each block (code: its lines joined with `|`). */
function summary(blocks: Block[]): Array<[number, string, string]> {
  return blocks.map((b) => {
    if (b.type === 'code') return [b.line, 'code', b.lines.map((l) => `${l.line}:${l.text.trim()}`).join('|')];
    if (b.type === 'boundary') return [b.line, 'boundary', ''];
    return [b.line, b.type, b.text];
  });
}

const SGML = [
  '<chapter id="c">', //                                              1
  ' <!--', //                                                          2
  ' <title>English title</title>', //                                 3
  ' -->', //                                                           4
  ' <title><productname>Tool</>の導入</title>', //                     5
  ' <sect1 id="s1">', //                                               6
  '  <title>準備</title>', //                                          7
  '  <para>', //                                                       8
  '   <!-- Unpack the <filename>archive</>. -->', //                   9
  '   <filename>tool-&ver;.tgz</>を展開します&hellip;', //              10
  '   <xref linkend="s2">を参照。', //                                  11
  '   <programlisting>', //                                            12
  'tar xzf tool-&ver;.tgz', //                                         13
  '<!-- a note', //                                                    14
  '  over two lines -->', //                                           15
  'cd tool-&ver', //                                                   16
  '   </programlisting>', //                                           17
  '   &copyright; &lt &amp;ver;', //                                   18
  '  </para>', //                                                      19
  ' </sect1>', //                                                      20
  ' <sect1 id="s2"><title>次へ</title>', //                            21
  '  <para>終わり</para>', //                                           22
  ' </sect1>', //                                                      23
  ' &other-chapter;', //                                               24
  '</chapter>', //                                                     25
].join('\n');

test('SGML: headings by nesting, paragraphs and code at the guide lines of their first character', () => {
  assert.deepEqual(summary(blocksOf(SGML)), [
    [5, 'heading', 'Toolの導入'],
    [7, 'heading', '準備'],
    [10, 'text', 'tool-&ver;.tgzを展開します… 次へを参照。'],
    [13, 'code', '13:tar xzf tool-&ver;.tgz|14:|15:|16:cd tool-&ver'],
    [18, 'text', '&copyright; < &ver;'],
    [21, 'heading', '次へ'],
    [22, 'text', '終わり'],
  ]);
  const depths = blocksOf(SGML).flatMap((b) => (b.type === 'heading' ? [b.depth] : []));
  assert.deepEqual(depths, [1, 2, 2]);
});

test('SGML: comments are never read, whatever markup they hold', () => {
  const text = blocksOf(SGML).map((b) => (b.type === 'code' ? b.lines.map((l) => l.text).join('\n') : b.type === 'boundary' ? '' : b.text)).join('\n');
  assert.doesNotMatch(text, /English|Unpack|a note|over two lines/);
});

test('SGML: a short end tag closes the innermost open element; an EMPTY xref does not swallow what follows', () => {
  const tree = docbookToMdast('<para><emphasis>a</> b <xref linkend="x"> c <command>d</> e</para>').tree;
  const paragraph = tree.children[0]!;
  assert.equal(paragraph.type, 'paragraph');
  assert.equal(toString(paragraph), 'a b x c d e');
  const kinds = (paragraph as Extract<Root['children'][number], { type: 'paragraph' }>).children.map((c) => c.type);
  assert.deepEqual(kinds, ['emphasis', 'text', 'text', 'text', 'inlineCode', 'text']);
});

test('entities: standard ones decoded, undeclared ones kept as written and reported, declared ones expanded', () => {
  const { markup, external } = docbookMarkup('<!DOCTYPE book [\n<!ENTITY prod "Tool\nX">\n]>\n<para>&prod; &hellip; &ver; &ver/x &copyright;</para>');
  assert.deepEqual(external.map((e) => [e.written, e.line]), [['&ver;', 5], ['&ver', 5], ['&copyright;', 5]]);
  assert.equal(markup.split('\n').length, 5);
  const tree = docbookToMdast('<!DOCTYPE book [\n<!ENTITY prod "Tool\nX">\n]>\n<para>&prod; &hellip; &ver; &ver/x &copyright;</para>').tree;
  assert.equal(toString(tree), 'Tool X … &ver; &ver/x &copyright;');
});

test('entities: one standing alone between blocks is a warning at its line, one in a literal block a placeholder', () => {
  const result = docbookToMdast(SGML);
  assert.deepEqual(result.messages.map((m) => [m.ruleId, m.line, m.column]), [['external-entity', 24, 2]]);
  assert.match(result.messages[0]!.reason, /&other-chapter;/);
  assert.deepEqual(result.replaceables, [{ name: '&ver;', line: 10 }]);
});

test('the pre-pass keeps every line break: same line count for SGML and XML constructs', () => {
  const inputs = [
    SGML,
    '<?xml version="1.0"?>\n<!DOCTYPE article PUBLIC "-//OASIS//DTD DocBook XML V4.5//EN"\n "http://www.oasis-open.org/docbook/xml/4.5/docbookx.dtd">\n<article/>',
    '<screen><![CDATA[a < b\n&& c]]></screen>\n<![IGNORE[\n<para>x</para>\n]]>\n<![INCLUDE[\n<para>y</para>\n]]>',
    '<para>unterminated <!-- comment\n\n',
  ];
  for (const input of inputs) assert.equal(docbookMarkup(input).markup.split('\n').length, input.split('\n').length, input);
});

test('DocBook 5 XML: namespaced elements, CDATA listing, empty-element xref, procedure, note, table', () => {
  const xml = [
    '<?xml version="1.0"?>', //                                                          1
    '<article xmlns="http://docbook.org/ns/docbook" xmlns:db="http://docbook.org/ns/docbook" version="5.0">', // 2
    '  <info><title>題</title><author>w</author></info>', //                              3
    '  <db:section xml:id="a">', //                                                      4
    '    <title>節</title>', //                                                          5
    '    <procedure>', //                                                                6
    '      <step><para>設定します。</para>', //                                           7
    '        <programlisting><![CDATA[[main]', //                                        8
    'key = <v> & w]]></programlisting></step>', //                                       9
    '    </procedure>', //                                                               10
    '    <note><para>詳細は<xref linkend="a"/>へ。</para></note>', //                     11
    '    <table><title>表</title><tgroup cols="1"><tbody>', //                            12
    '      <row><entry><para>セル</para></entry></row>', //                                13
    '    </tbody></tgroup></table>', //                                                  14
    '  </db:section>', //                                                                15
    '</article>', //                                                                     16
  ].join('\n');
  assert.deepEqual(summary(blocksOf(xml)), [
    [3, 'heading', '題'],
    [5, 'heading', '節'],
    [7, 'text', '設定します。'],
    [8, 'code', '8:[main]|9:key = <v> & w'],
    [11, 'text', '詳細は節へ。'],
    [12, 'text', '表'],
    [13, 'text', 'セル'],
  ]);
  const step = blocksOf(xml).find((b) => b.type === 'text' && b.text === '設定します。');
  assert.equal(step?.type === 'text' && step.item, true);
});

test('a definition list entry is one item: its terms, then its definition', () => {
  const blocks = blocksOf('<variablelist>\n<varlistentry><term><option>-a</option></term><term>-b</term>\n<listitem><para>説明</para></listitem></varlistentry>\n</variablelist>');
  assert.deepEqual(summary(blocks), [[2, 'text', '-a, -b'], [3, 'text', '説明']]);
  assert.deepEqual(blocks.map((b) => b.type === 'text' && b.item), [true, false]);
});

test('<replaceable> names are collected with their lines', () => {
  const { replaceables } = docbookToMdast('<para>\n<command>passwd <replaceable>USER</replaceable></command>\n</para>\n<!-- <replaceable>HIDDEN</replaceable> -->');
  assert.deepEqual(replaceables, [{ name: 'USER', line: 2 }]);
});

test('a listing names its language with the language attribute', () => {
  const [block] = blocksOf('<programlisting language="INI">\n[main]\na = 1\n</programlisting>');
  assert.equal(block?.type === 'code' ? block.lang : undefined, 'ini');
  const [plain] = blocksOf('<screen>\n# ls\n</screen>');
  assert.equal(plain?.type === 'code' ? plain.lang : 'none', undefined);
});
