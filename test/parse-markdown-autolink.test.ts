/**
 * GFM autolink literals only where a text could hold one (src/parse/markdown-to-mdast.ts, a
 * speed-up): `parseMarkdown` and `markdownToMdast` give exactly remark-parse + remark-gfm's tree,
 * positions included, on every guide (whole and per section), every Markdown file under
 * test/fixtures/, and generated snippets with and without URLs, `www.`, `@`, escapes and
 * character references.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { markdownSections, markdownToMdast, mayHoldAutolinkLiteral, parseMarkdown } from '../src/parse/markdown-to-mdast.js';
import { FIXTURES_DIR, sampleGuides } from './helpers/paths.js';
import { FULL, runs } from './helpers/depth.js';

const full = unified().use(remarkParse).use(remarkGfm);
const bare = unified().use(remarkParse);

/** How many texts took each path, so that the tests show both were exercised. */
interface Counts {
  with: number;
  without: number;
}

function assertSameAsGfm(text: string, label: string, counts: Counts): void {
  assert.deepStrictEqual(parseMarkdown(text), full.parse(text), label);
  if (mayHoldAutolinkLiteral(text)) counts.with++;
  else counts.without++;
}

function links(tree: Root): string[] {
  const urls: string[] = [];
  visit(tree, 'link', (node) => {
    urls.push(node.url);
  });
  return urls;
}

test('every guide, whole and section by section, parses to remark-gfm’s tree', () => {
  const counts: Counts = { with: 0, without: 0 };
  // sampleGuides(): every guide under TEJUN_TEST_FULL=1; in the quick tier every other short one
  // (text and HTML): what is compared is the parse in sections against the whole parse.
  const guides = sampleGuides();
  assert.ok(guides.length >= (FULL ? 7 : 3));
  for (const path of guides) {
    const g = basename(path);
    const text = readFileSync(path, 'utf8');
    assertSameAsGfm(text, g, counts);
    for (const s of markdownSections(text)) assertSameAsGfm(s.text, `${g}:${s.line}`, counts);
    if (g.endsWith('.txt')) assert.deepStrictEqual(markdownToMdast(text), full.parse(text), `${g} (markdownToMdast)`);
  }
  // Guide 003's sections without URLs, e-mail addresses or `@` are the ones parsed cheaply.
  assert.ok(counts.without > (FULL ? 200 : 5), `${counts.without} texts without autolink literals`);
  assert.ok(counts.with > (FULL ? 50 : 5), `${counts.with} texts with`);
});

test('every Markdown file under test/fixtures/ parses to remark-gfm’s tree', () => {
  const counts: Counts = { with: 0, without: 0 };
  for (const c of readdirSync(FIXTURES_DIR)) {
    for (const f of readdirSync(join(FIXTURES_DIR, c)).filter((name) => name.endsWith('.md'))) {
      assertSameAsGfm(readFileSync(join(FIXTURES_DIR, c, f), 'utf8'), `${c}/${f}`, counts);
    }
  }
  assert.ok(counts.with + counts.without >= 5, `${counts.with + counts.without} Markdown fixtures`);
});

test('an escape or a character reference can make an autolink literal, so both count as a hint', () => {
  // mdast-util-gfm-autolink-literal matches on text values, where `\.` is `.` and `&#64;` is `@`.
  const cases: Array<[string, string]> = [
    ['see www\\.example.com', 'http://www.example.com'],
    ['see http\\:\\/\\/example.com', 'http://example.com'],
    ['mail admin&#64;example.com', 'mailto:admin@example.com'],
    ['mail admin&commat;example.com', 'mailto:admin@example.com'],
    ['go to WWW.EXAMPLE.COM', 'http://WWW.EXAMPLE.COM'],
  ];
  for (const [text, url] of cases) {
    assert.deepStrictEqual(links(full.parse(text)), [url], text);
    assert.equal(mayHoldAutolinkLiteral(text), true, text);
    assert.deepStrictEqual(parseMarkdown(text), full.parse(text), text);
  }
  for (const text of ['# 設定\n\n`/etc/nova/nova.conf` を編集します。', 'a && b', 'x. y: z/ w']) {
    assert.equal(mayHoldAutolinkLiteral(text), false, text);
  }
});

test('without a hint, no GFM autolink extension changes the tree (the cheap path is exact)', () => {
  // The plain CommonMark tree has no link where remark-gfm's has: autolink literals are the only
  // source of links in these texts, so equality above is not vacuous.
  const text = 'see www.example.com and root@example.com';
  assert.deepStrictEqual(links(bare.parse(text)), []);
  assert.deepStrictEqual(links(parseMarkdown(text)), ['http://www.example.com', 'mailto:root@example.com']);
});

/** Pieces of Markdown that meet the autolink-literal rules and everything around them. */
const FRAGMENTS = [
  'www.', 'WwW.', 'http://', 'HTTPS://', 'https://', 'http:', '//', 'example.com', 'x.org', 'a_b', '@',
  'root@', 'user.name+tag@example.co.jp', 'mailto:', 'xmpp:', 'www\\.', 'http\\:\\/\\/', '&#64;', '&#x40;',
  '&commat;', '&period;', '&amp;', '&&', '\\', '.', ':', '/', '-', '_', '*', '**', '~', '~~', '`', '``',
  '[', ']', '(', ')', '<', '>', '!', '?', ',', ';', '"', "'", '|', '#', ' ', '  ', '\t', '\n', '\n\n',
  '# ', '## ', '- ', '1. ', '> ', '- [ ] ', '- [x] ', '```\n', '~~~\n', '    ', '---\n', '| a | b |\n|---|---|\n',
  '[^1]', '[^1]: ', '[x]: ', '<div>\n', '<!-- ', ' -->', '<a href="', '">', '</a>', 'nova', 'controller',
  'データベース', 'を作成します。', '（', '）', '：', '＠', 'ｗｗｗ．', 'v2.0', '5000', '10.0.0.11',
];

const snippet = fc
  .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ maxLength: 3 }) }), { maxLength: 40 })
  .map((parts) => parts.join(''));

/** Runs of the two property tests below (fewer in the quick tier); each checks it saw enough of every kind. */
const SNIPPET_RUNS = runs(3000, 300);
const CUT_RUNS = runs(500, 100);

test('generated Markdown snippets parse to remark-gfm’s tree (fast-check)', () => {
  const counts: Counts = { with: 0, without: 0 };
  fc.assert(
    fc.property(snippet, (text) => {
      assertSameAsGfm(text, JSON.stringify(text), counts);
    }),
    { numRuns: SNIPPET_RUNS },
  );
  assert.ok(counts.with > SNIPPET_RUNS / 10 && counts.without > SNIPPET_RUNS / 10, `with ${counts.with}, without ${counts.without}`);
});

test('generated texts of several sections parse to remark-gfm’s tree when cut', () => {
  let cut = 0;
  fc.assert(
    fc.property(fc.array(snippet, { minLength: 2, maxLength: 6 }), (parts) => {
      const text = parts.join('\n\n# h\n\n');
      const sections = markdownSections(text);
      if (sections.length > 1) cut++;
      assert.deepStrictEqual(markdownToMdast(text, 0), full.parse(text), JSON.stringify(text));
    }),
    { numRuns: CUT_RUNS },
  );
  assert.ok(cut > CUT_RUNS / 5, `${cut} texts were cut into sections`);
});
