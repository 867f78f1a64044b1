/**
 * The AsciiDoc reader (src/parse/asciidoc-to-mdast.ts) on small documents written from the
 * Asciidoctor user manual: section titles with block anchors, paragraphs with inline macros,
 * listing blocks (delimited, inside a list item through a `+` continuation, with callouts and a
 * block title), the three admonition forms, description lists and tables. Every expected line is
 * looked up in the input, never written as a number.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Blockquote, Code, Heading, List, Nodes, Paragraph, Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { asciidocToMdast } from '../src/parse/asciidoc-to-mdast.js';
import { inlineHtmlToText } from '../src/parse/asciidoc-inline.js';
import { mdastToBlocks } from '../src/parse/mdast-to-blocks.js';
import type { CodeBlock } from '../src/parse/blocks.js';
import { ROOT } from './helpers/paths.js';

/** 1-based line of the `nth` (0-based) input line equal to `needle` after trimming, or containing it. */
function lineOf(lines: readonly string[], needle: string, nth = 0): number {
  const hits = lines.flatMap((l, i) => (l.trim() === needle || l.includes(needle) ? [i + 1] : []));
  if (hits[nth] === undefined) throw new Error(`no input line ${nth} holds ${JSON.stringify(needle)}`);
  return hits[nth]!;
}

function read(lines: readonly string[]): Root {
  return asciidocToMdast(lines.join('\n'), [...lines]).tree;
}

function all(tree: Nodes): Nodes[] {
  const out: Nodes[] = [tree];
  if ('children' in tree) for (const c of tree.children as RootContent[]) out.push(...all(c));
  return out;
}

function ofType<T extends Nodes['type']>(tree: Root, type: T): Array<Extract<Nodes, { type: T }>> {
  return all(tree).filter((n): n is Extract<Nodes, { type: T }> => n.type === type);
}

const startLine = (n: Nodes): number | undefined => n.position?.start.line;

const DOC: readonly string[] = [
  '= Example Service Guide',
  ':service: exampled',
  ':confdir: /etc/exampled',
  '',
  '[[ch-install]]',
  '== Installing {service}',
  '',
  'indexterm:[Example]indexterm:[Service]',
  'Install *{service}* with the _package manager_ and `apt-get`.',
  'See https://example.org/docs[the upstream docs] and <<s-config,the configuration section>>.',
  'The daemon needs a kernel module footnote:[The module is',
  'built on first boot.] loaded -- and +{not-an-attribute}+ stays as written.',
  '',
  '[[s-config]]',
  '=== Configuring',
  '',
  'Read <<s-config>> and <<s-missing>> again.',
  '',
  '----',
  '# 日本語のコメントです',
  'sudo apt-get install exampled',
  '----',
  '',
  '.Settings in {confdir}/exampled.conf',
  '[source,ini]',
  '----',
  '[DEFAULT]',
  'debug = true <1>',
  '----',
  '<1> Turns on debugging.',
  '',
  '//-',
  '* Start the service:',
  '+',
  '----',
  'systemctl start exampled',
  '----',
  '',
  '* Check it:',
  '+',
  '....',
  'systemctl status exampled',
  '....',
  '',
  'NOTE: The first admonition form.',
  '',
  '[WARNING]',
  'The second admonition form,',
  'over two lines.',
  '',
  '[NOTE]',
  '--',
  'The third admonition form holds blocks.',
  '',
  'Its second paragraph.',
  '--',
  '',
  'PASSWORD:: the database password',
  '',
  '|===',
  '|Name |Value',
  '',
  '|alpha',
  '|one',
  '|===',
];

test('section titles are headings at their title line, depth from the section level', () => {
  const headings = ofType(read(DOC), 'heading') as Heading[];
  assert.deepEqual(
    headings.map((h) => [toString(h), h.depth, startLine(h)]),
    [
      ['Example Service Guide', 1, lineOf(DOC, '= Example Service Guide')],
      ['Installing exampled', 2, lineOf(DOC, '== Installing {service}')],
      ['Configuring', 3, lineOf(DOC, '=== Configuring')],
    ],
  );
});

test('paragraphs start at their first line, with inline markup, macros and footnotes removed', () => {
  const paragraphs = ofType(read(DOC), 'paragraph') as Paragraph[];
  const intro = paragraphs.find((p) => toString(p).startsWith('Install'));
  assert.ok(intro, 'the paragraph after the index terms is read');
  assert.equal(startLine(intro), lineOf(DOC, 'indexterm:[Example]'));
  const text = toString(intro).replace(/\s+/g, ' ');
  assert.equal(
    text,
    'Install exampled with the package manager and apt-get. See the upstream docs and the configuration section. The daemon needs a kernel module loaded -- and {not-an-attribute} stays as written.',
  );
});

test('a cross reference without text reads as the title it points to, or its id in brackets when unresolved', () => {
  const paragraph = (ofType(read(DOC), 'paragraph') as Paragraph[]).find((p) => toString(p).startsWith('Read'));
  assert.equal(toString(paragraph!), 'Read Configuring and [s-missing] again.');
});

test('listing lines are numbered from the first content line, not the delimiter', () => {
  const tree = read(DOC);
  const blocks = mdastToBlocks(tree, [...DOC]);
  const codes = blocks.filter((b): b is CodeBlock => b.type === 'code');
  const bare = codes.find((c) => c.lines.some((l) => l.text.includes('apt-get install')));
  assert.deepEqual(bare?.lines.map((l) => l.line), [lineOf(DOC, '# 日本語のコメントです'), lineOf(DOC, 'sudo apt-get install exampled')]);
  assert.equal(bare?.line, lineOf(DOC, '# 日本語のコメントです'));
});

test('a listing inside a list item through a + continuation stays inside the item, at its guide lines', () => {
  const tree = read(DOC);
  const lists = (ofType(tree, 'list') as List[]).filter((l) => toString(l).includes('Start the service'));
  assert.equal(lists.length, 1);
  const [start, check] = lists[0]!.children;
  assert.equal(startLine(start!), lineOf(DOC, '* Start the service:'));
  const code = start!.children.find((c): c is Code => c.type === 'code');
  assert.equal(code?.value, 'systemctl start exampled');
  const blocks = mdastToBlocks(tree, [...DOC]);
  const inItem = blocks.find((b): b is CodeBlock => b.type === 'code' && b.lines[0]?.text === 'systemctl start exampled');
  assert.equal(inItem?.lines[0]?.line, lineOf(DOC, 'systemctl start exampled'));
  assert.equal(inItem?.depth, 1, 'the listing is at the item depth');
  const literal = check!.children.find((c): c is Code => c.type === 'code');
  assert.equal(startLine(literal!), lineOf(DOC, 'systemctl status exampled'), 'a .... literal block starts after its delimiter');
});

test('a block title is a paragraph at its own line; callout markers are not content', () => {
  const tree = read(DOC);
  const title = (ofType(tree, 'paragraph') as Paragraph[]).find((p) => toString(p).startsWith('Settings in'));
  assert.equal(toString(title!), 'Settings in /etc/exampled/exampled.conf');
  assert.equal(startLine(title!), lineOf(DOC, '.Settings in'));
  const ini = (ofType(tree, 'code') as Code[]).find((c) => c.value.startsWith('[DEFAULT]'));
  assert.equal(ini?.value, '[DEFAULT]\ndebug = true');
  assert.equal(ini?.lang, 'ini');
  assert.equal(startLine(ini!), lineOf(DOC, '[DEFAULT]'));
});

test('the three admonition forms are blockquotes holding their paragraphs at their lines', () => {
  const quotes = ofType(read(DOC), 'blockquote') as Blockquote[];
  assert.deepEqual(
    quotes.map((q) => q.children.map((c) => [toString(c).replace(/\s+/g, ' '), startLine(c)])),
    [
      [['The first admonition form.', lineOf(DOC, 'NOTE: The first')]],
      [['The second admonition form, over two lines.', lineOf(DOC, 'The second admonition form,')]],
      [
        ['The third admonition form holds blocks.', lineOf(DOC, 'The third admonition')],
        ['Its second paragraph.', lineOf(DOC, 'Its second paragraph.')],
      ],
    ],
  );
});

test('a description list item reads as "term: description"; table rows keep their lines', () => {
  const tree = read(DOC);
  const item = (ofType(tree, 'paragraph') as Paragraph[]).find((p) => toString(p).startsWith('PASSWORD'));
  assert.equal(toString(item!), 'PASSWORD: the database password');
  assert.equal(startLine(item!), lineOf(DOC, 'PASSWORD::'));
  const table = ofType(tree, 'table')[0] as Table;
  assert.deepEqual(
    table.children.map((r) => [r.children.map((c) => toString(c)), startLine(r)]),
    [
      [['Name', 'Value'], lineOf(DOC, '|Name |Value')],
      [['alpha', 'one'], lineOf(DOC, '|alpha')],
    ],
  );
});

test('inline HTML from Asciidoctor decodes to text, dropping footnote markers', () => {
  assert.equal(inlineHtmlToText('a &lt;b&gt; &amp; c&#8230;&#8203; <sup class="footnote">[<a id="_footnoteref_1" href="#_footnotedef_1">1</a>]</sup>d'), 'a <b> & c… d');
  assert.equal(inlineHtmlToText('&copy; kept'), '&copy; kept');
});

test('Asciidoctor is loaded only when an AsciiDoc guide is read', () => {
  const script = [
    "import { createRequire } from 'node:module';",
    `const { parseBlocks } = await import(${JSON.stringify(join(ROOT, 'dist', 'src', 'parse', 'parse-blocks.js'))});`,
    "const require = createRequire(import.meta.url);",
    "const loaded = () => Object.keys(require.cache).some((k) => k.includes('@asciidoctor'));",
    "await parseBlocks('guide.md', { bytes: new TextEncoder().encode('# Title\\n\\n```\\n# yum install x\\n```\\n') });",
    'const before = loaded();',
    "await parseBlocks('guide.adoc', { bytes: new TextEncoder().encode('== Title\\n\\n[[a]]\\n=== Sub\\n\\n----\\nls\\n----\\n\\nNOTE: x\\n\\nindexterm:[x] <<a,y>>\\n') });",
    'console.log(JSON.stringify([before, loaded()]));',
  ].join('\n');
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out.trim().split('\n').pop()!), [false, true]);
});

test("Asciidoctor's own warnings become messages at the guide line, never output on stderr", () => {
  const lines = ['== Title', '', 'A paragraph.', '', '----', 'an unterminated listing'];
  const { messages } = asciidocToMdast(lines.join('\n'), lines);
  assert.deepEqual(
    messages.map((m) => [m.ruleId, m.severity, m.line, /unterminated listing/.test(m.reason)]),
    [['asciidoc-reader', 'warning', lineOf(lines, '----'), true]],
  );
});

test('a description list entry Asciidoctor gives no description (Opal nil; fuzz case 54389 of seed 20261207, a mutation of the asciidoc-commented-listing fixture) is read, not a crash', () => {
  const text = readFileSync(join(ROOT, 'test', 'inputs', 'asciidoc-nil-description.adoc'), 'utf8');
  const { tree } = asciidocToMdast(text, text.split(/\r?\n/));
  assert.ok(tree.children.length > 0);
  assert.ok(toString(tree).includes('exampled.conf'));
});
