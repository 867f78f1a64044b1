/**
 * The reStructuredText reader (src/parse/rst-to-mdast.ts, through mdast-to-blocks.ts): guide lines
 * of section titles and their depths (docutils ranks adornment styles by first appearance), nested
 * list items, literal blocks and code-block lines, `.. only::` conditions, `.. path` comments,
 * `.. include::` warnings and inline markup removal. The snippets are written from the
 * reStructuredText specification and Sphinx's directive docs; expected lines are looked up in them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Code, Root } from 'mdast';
import { parseGuide } from '../src/index.js';
import type { Block, CodeBlock, HeadingBlock, TextBlock } from '../src/parse/blocks.js';
import { mdastToBlocks } from '../src/parse/mdast-to-blocks.js';
import { indentUnit, rstToMdast } from '../src/parse/rst-to-mdast.js';

/** The blocks of an RST snippet, and its lines. */
function read(lines: readonly string[]): { blocks: Block[]; messages: ReturnType<typeof rstToMdast>['messages'] } {
  const { tree, messages } = rstToMdast(lines);
  return { blocks: mdastToBlocks(tree, [...lines]), messages };
}

/** 1-based line of the first line holding `needle`, from line `from` on. */
function lineOf(lines: readonly string[], needle: string, from = 1): number {
  const i = lines.findIndex((l, k) => k >= from - 1 && l.includes(needle));
  if (i < 0) throw new Error(`no line holds ${JSON.stringify(needle)}`);
  return i + 1;
}

const headings = (bs: Block[]): HeadingBlock[] => bs.filter((b): b is HeadingBlock => b.type === 'heading');
const texts = (bs: Block[]): TextBlock[] => bs.filter((b): b is TextBlock => b.type === 'text');
const codes = (bs: Block[]): CodeBlock[] => bs.filter((b): b is CodeBlock => b.type === 'code');

test('section titles: the title line, and depth by first appearance of each adornment style', () => {
  const lines = [
    '=======', ' Guide', '=======', '', 'intro', '',
    'Chapter', '=======', '', 'text', '',
    'Part', '----', '', 'text', '',
    'Other chapter', '=============', '', 'text', '',
    'Detail', '~~~~~~', '', 'text',
  ];
  const hs = headings(read(lines).blocks);
  assert.deepEqual(hs.map((h) => [h.text, h.line, h.depth]), [
    ['Guide', 2, 1], // overlined `=`: the first style
    ['Chapter', lineOf(lines, 'Chapter'), 2], // underlined `=` is another style than overlined `=`
    ['Part', lineOf(lines, 'Part'), 3],
    ['Other chapter', lineOf(lines, 'Other chapter'), 2], // a style seen before keeps its depth
    ['Detail', lineOf(lines, 'Detail'), 4],
  ]);
});

test('nested bullet and enumerated lists: one item block per item at its line, deeper for nested lists', () => {
  const lines = [
    '#. First step', '', '   * sub item one', '', '     continued paragraph', '', '   * sub item two', '',
    '     a. deep item', '', '#. Second step',
  ];
  const items = texts(read(lines).blocks).filter((t) => t.item).map((t) => [t.text, t.line, t.depth]);
  assert.deepEqual(items, [
    ['First step', 1, 1],
    ['sub item one', lineOf(lines, 'sub item one'), 2],
    ['sub item two', lineOf(lines, 'sub item two'), 2],
    ['deep item', lineOf(lines, 'deep item'), 3],
    ['Second step', lineOf(lines, 'Second step'), 1],
  ]);
  const para = texts(read(lines).blocks).find((t) => t.text === 'continued paragraph');
  assert.deepEqual([para?.line, para?.item, para?.depth], [lineOf(lines, 'continued'), false, 2]);
});

test('code-block, code and sourcecode bodies and literal blocks: every code line at its guide line', () => {
  const lines = [
    'Install it::', '', '    $ echo one', '', '    $ echo two', '',
    '.. code-block:: console', '   :linenos:', '', '   # yum install x \\', '     --assumeyes', '',
    '* item', '', '  .. code:: ini', '', '     [DEFAULT]', '     debug = true', '',
    '.. sourcecode:: bash', '', '   ```', '   echo fenced-looking', '', '::', '', '  lone marker',
  ];
  const { blocks } = read(lines);
  const cs = codes(blocks);
  assert.deepEqual(cs.map((c) => c.lines.map((l) => [l.text, l.line])), [
    [['$ echo one', 3], ['', 4], ['$ echo two', 5]],
    [['# yum install x \\', lineOf(lines, 'yum install')], ['  --assumeyes', lineOf(lines, '--assumeyes')]],
    [['[DEFAULT]', lineOf(lines, '[DEFAULT]')], ['debug = true', lineOf(lines, 'debug = true')]],
    [['```', lineOf(lines, '```')], ['echo fenced-looking', lineOf(lines, 'echo fenced-looking')]],
    [['lone marker', lineOf(lines, 'lone marker')]],
  ]);
  assert.deepEqual(cs.map((c) => c.lang ?? null), [null, 'console', 'ini', 'bash', null]);
  assert.equal(cs[2]!.depth, 1, 'a code block inside a list item is at the item depth');
  // The `::` that announces a literal block is not text (specification, "Literal Blocks").
  assert.deepEqual(texts(blocks).map((t) => t.text), ['Install it:', 'item']);
});

test('.. only:: conditions are carried on every block inside, nested ones joined, none outside', () => {
  const lines = [
    'Before.', '', '.. only:: rdo', '', '   #. Install.', '', '      .. code-block:: console', '', '         # yum install x', '',
    '   .. only:: not obs', '', '      Inner text.', '', '.. endonly', '',
    '.. only:: ubuntu or debian', '', '   .. only:: debian', '', '      Debian text.', '', 'After.',
  ];
  const { blocks } = read(lines);
  const when = (b: Block): string | null => ((b.type === 'text' || b.type === 'code') && b.when) || null;
  assert.deepEqual(blocks.map((b) => [b.line, when(b)]), [
    [1, null],
    [lineOf(lines, 'Install.'), 'rdo'],
    [lineOf(lines, 'yum install'), 'rdo'],
    [lineOf(lines, 'Inner text.'), 'rdo and not obs'],
    [lineOf(lines, 'Debian text.'), '(ubuntu or debian) and debian'],
    [lineOf(lines, 'After.'), null],
  ]);
});

test('.. path comments name the file of the next code block only; .. end and other comments are dropped', () => {
  const lines = [
    '.. path /etc/x/x.conf', '.. code-block:: ini', '', '   [DEFAULT]', '   a = 1', '', '.. end', '',
    '.. path /etc/y.conf', '', 'A paragraph between.', '', '.. code-block:: ini', '', '   [DEFAULT]', '   b = 2', '',
    '.. a plain comment', '', '::', '', '   c = 3',
  ];
  const { blocks } = read(lines);
  assert.deepEqual(codes(blocks).map((c) => [c.line, c.file ?? null]), [
    [lineOf(lines, 'a = 1') - 1, '/etc/x/x.conf'],
    [lineOf(lines, 'b = 2') - 1, null],
    [lineOf(lines, 'c = 3'), null],
  ]);
  assert.deepEqual(texts(blocks).map((t) => t.text), ['A paragraph between.'], 'comments are never text');
});

test('.. include:: is not read: an include-not-read warning at its line', () => {
  const lines = ['Title', '=====', '', '.. include:: shared/common_note.rst', '', '.. literalinclude:: files/example.conf', '', 'Text.'];
  const { blocks, messages } = read(lines);
  assert.deepEqual(messages.map((m) => [m.ruleId, m.line, m.severity]), [['include-not-read', 4, 'warning'], ['include-not-read', 6, 'warning']]);
  assert.match(messages[0]!.reason, /shared\/common_note\.rst/);
  assert.deepEqual(blocks.map((b) => b.type), ['heading', 'text']);
});

test('admonitions keep their text; navigation directives show nothing', () => {
  const lines = [
    '.. note::', '', '   A note line.', '', '.. warning:: Inline warning.', '',
    '.. important::', '', '   .. code-block:: console', '', '      # reboot', '',
    '.. toctree::', '   :maxdepth: 2', '', '   intro', '   install', '', '.. image:: picture.png',
  ];
  const { blocks } = read(lines);
  assert.deepEqual(blocks.map((b) => [b.type, b.line]), [
    ['text', lineOf(lines, 'A note line.')],
    ['text', lineOf(lines, 'Inline warning.')],
    ['code', lineOf(lines, '# reboot')],
  ]);
});

test('inline markup is removed, keeping the text a reader sees', () => {
  const lines = [
    'Edit ``/etc/x.conf`` with **care** and *attention*, see :ref:`the guide <install-guide>`,',
    ':doc:`overview`, `Sphinx <https://www.sphinx-doc.org/>`_ and |product|.',
    '',
    '``/etc/y.conf`` ファイルを編集し、``ServerName`` オプションを設定します。',
    '',
    '.. |product| replace:: Example Cloud',
  ];
  const t = texts(read(lines).blocks).map((b) => b.text);
  assert.deepEqual(t, [
    'Edit /etc/x.conf with care and attention, see the guide, overview, Sphinx and Example Cloud.',
    // docutils takes `、` (Unicode punctuation) before an inline literal as a boundary.
    '/etc/y.conf ファイルを編集し、ServerName オプションを設定します。',
  ]);
});

test('indentUnit: the most common step of deeper indentation, 4 without one', () => {
  assert.equal(indentUnit(['#. a', '', '   b', '', '   * c', '', '     d', '', '   e', '', '      f']), 3);
  assert.equal(indentUnit(['para', 'more']), 4);
});

test('mdastToBlocks: a non-fence code node whose first line starts with ``` is numbered from its own line', () => {
  const source = ['text', '', '   ```', '   body'];
  const code: Code = { type: 'code', lang: null, meta: null, value: '```\nbody', position: { start: { line: 3, column: 1 }, end: { line: 4, column: 1 } } };
  const tree: Root = { type: 'root', children: [code] };
  const [b] = mdastToBlocks(tree, source);
  assert.deepEqual(b?.type === 'code' ? b.lines.map((l) => l.line) : [], [3, 4]);
  // A real fence still starts one line below its opener.
  const fence: Code = { type: 'code', lang: 'sh', meta: null, value: 'ls', position: { start: { line: 1, column: 1 }, end: { line: 3, column: 1 } } };
  const [f] = mdastToBlocks({ type: 'root', children: [fence] }, ['```sh', 'ls', '```']);
  assert.deepEqual(f?.type === 'code' ? f.lines.map((l) => l.line) : [], [2]);
});

test('an RST guide through parseGuide: format rst, include warning, only → when, path + ini, apache → file', async () => {
  const lines = [
    '.. _demo:', '', 'Demo', '====', '', '.. include:: shared/x.rst', '',
    'Settings', '--------', '',
    '#. Configure the database access.', '', '   .. path /etc/demo/demo.conf', '   .. code-block:: ini', '',
    '      [database]', '      connection = sqlite://', '', '   .. end', '',
    '.. only:: rdo', '', '   #. Create the site file.', '', '      .. path /etc/httpd/conf.d/demo.conf',
    '      .. code-block:: apache', '', '         Listen 8080', '', '      .. end', '', '.. endonly', '',
  ];
  const g = await parseGuide('demo.rst', { bytes: Buffer.from(lines.join('\n'), 'utf8') });
  assert.equal(g.source.format, 'rst');
  assert.ok(g.messages.some((m) => m.ruleId === 'include-not-read' && m.line === 6));
  const actions = g.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions));
  assert.deepEqual(actions.map((a) => [a.kind, a.source.line, a.when ?? null, a.kind === 'ini' ? `${a.file} [${a.section}] ${a.key}=${a.value}` : a.kind === 'file' ? `${a.file}: ${a.content}` : '']), [
    ['ini', lineOf(lines, 'connection ='), null, '/etc/demo/demo.conf [database] connection=sqlite://'],
    ['file', lineOf(lines, 'Listen 8080'), 'rdo', '/etc/httpd/conf.d/demo.conf: Listen 8080'],
  ]);
});
