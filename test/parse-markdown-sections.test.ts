/**
 * Markdown parsed section by section (src/parse/markdown-to-mdast.ts, a speed-up for long guides)
 * gives exactly the tree of the whole document: positions included, on every guide, every
 * Markdown fixture, and texts built to tempt a wrong cut (headings in fences, comments, `<pre>`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { markdownSections, markdownToMdast } from '../src/parse/markdown-to-mdast.js';
import { FIXTURES_DIR, GUIDES_DIR, sampleGuides } from './helpers/paths.js';
import { FULL } from './helpers/depth.js';

const whole = unified().use(remarkParse).use(remarkGfm);

function assertSameTree(text: string, label: string): void {
  assert.deepStrictEqual(markdownToMdast(text, 0), whole.parse(text), label);
}

test('every text guide parses to the same tree in sections as whole', () => {
  // sampleGuides(): every guide under TEJUN_TEST_FULL=1; in the quick tier every other short one
  // (what is compared is the parse in sections against the whole parse; the long one, 003, is cut
  // into sections by the next test).
  const guides = sampleGuides().filter((f) => f.endsWith('.txt'));
  assert.ok(guides.length >= (FULL ? 5 : 2));
  for (const g of guides) assertSameTree(readFileSync(g, 'utf8'), g);
});

test('the long Markdown guide (003) is really cut into many sections', () => {
  const text = readFileSync(join(GUIDES_DIR, '003_e518f7a0c7d8b72e.txt'), 'utf8');
  const sections = markdownSections(text);
  assert.ok(sections.length > 100, `${sections.length} sections`);
  assert.equal(sections.map((s) => s.text).join('\n'), text);
  for (const s of sections) assert.equal(text.slice(s.offset, s.offset + s.text.length), s.text);
});

test('every Markdown fixture parses to the same tree in sections as whole', () => {
  let n = 0;
  for (const c of readdirSync(FIXTURES_DIR)) {
    const files = readdirSync(join(FIXTURES_DIR, c)).filter((f) => f === 'input.md');
    for (const f of files) {
      assertSameTree(readFileSync(join(FIXTURES_DIR, c, f), 'utf8'), c);
      n++;
    }
  }
  assert.ok(n >= 2);
});

test('no cut inside fenced code, HTML comments or <pre>; reference definitions apply across cuts', () => {
  const cases: Array<[string, string[], number]> = [
    ['heading in a fence', ['# a', '', '```sh', '', '# not a heading', '```', '', '# b', 'text'], 2],
    ['heading in a tilde fence with a shorter backtick line', ['~~~~', '```', '', '# no', '~~~~', '', '# b'], 2],
    ['heading in an HTML comment', ['# a', '<!-- note', '', '# hidden', '-->', '', '# b'], 2],
    ['heading in <pre>', ['# a', '<pre>', '', '# root prompt', '</pre>', '', '# b'], 2],
    ['list then heading', ['- one', '- two', '', '# h', '  - not in the list'], 2],
    ['blockquote then heading', ['> quoted', '', '# h', 'after'], 2],
    ['reference definition', ['# a', '[x][y]', '', '# b', '', '[y]: http://example.com'], 2],
    ['footnote definition', ['# a', 'text[^1]', '', '# b', '', '[^1]: note'], 2],
    ['table then heading', ['| a | b |', '|---|---|', '| 1 | 2 |', '', '# h'], 2],
  ];
  for (const [label, lines, count] of cases) {
    const text = lines.join('\n');
    assert.equal(markdownSections(text).length, count, label);
    assertSameTree(text, label);
  }
});

test('a cut the line scan gets wrong is caught by the parser check (no change to the tree)', () => {
  const cases: Array<[string, string[]]> = [
    ['heading in a processing instruction', ['# a', '<?php', '', '# not a heading', '?>', '', '# b']],
    ['heading in a declaration', ['# a', '<!DOCTYPE x', '', '# not a heading', '>', '', '# b']],
    ['heading in CDATA', ['# a', '<![CDATA[', '', '# not a heading', ']]>', '', '# b']],
    ['fence closed by an over-indented line', ['# a', '```', '     ```', '', '# not a heading', '```', '', '# b']],
    ['fence of a list item, then a top-level fence', ['- a', '  ```', 'b', '```', '', '# not a heading', '```', '', '# b']],
    ['definition in a list item', ['# a', '[x][y]', '', '# b', '', '- [y]: http://example.com']],
    ['definition in a block quote', ['# a', '[x][y]', '', '# b', '', '> [y]: www.example.com']],
    ['`]:` in code only', ['# a', '[x][y]', '', '# b', '', '```', '[y]: /u', '```']],
    ['definition before its use', ['# a', '', '[y]: /u', '', '# b', '', '[x][y]']],
  ];
  for (const [label, lines] of cases) assertSameTree(lines.join('\n'), label);
});

test('a text that starts with a byte order mark (a second BOM after decoding) is still cut, and gives the whole tree', () => {
  const text = `\uFEFF${Array.from({ length: 40 }, (_, i) => `# h${i}\n\ntext ${i}\n`).join('\n')}`;
  assertSameTree(text, 'leading BOM');
  // Every cut is confirmed: parsing in sections stays linear (a failed cut re-parses the whole prefix).
  const t0 = performance.now();
  markdownToMdast(text.repeat(1), 0);
  const small = performance.now() - t0;
  // 100 times the small text under TEJUN_TEST_FULL=1, 50 times in the quick tier: a quadratic cut
  // (2,500 times the small text's time) still fails the bound.
  const long = `\uFEFF${Array.from({ length: FULL ? 4000 : 2000 }, (_, i) => `# h${i}\n\ntext ${i}\n`).join('\n')}`;
  const t1 = performance.now();
  markdownToMdast(long, 0);
  assert.ok(performance.now() - t1 < Math.max(5000, small * 400), 'sections of a BOM text are parsed once each');
});
