/**
 * Markdown guides to mdast, with unified + remark-parse + the extensions of remark-gfm (tables,
 * task lists, footnotes, strikethrough, autolink literals), giving remark-gfm's tree.
 *
 * micromark's cost grows faster than linearly with the size of one document (its event lists are
 * spliced over and over: 16 copies of guide 003 parse in ~120 s whole, ~10 s in sections), so a
 * long guide is parsed section by section: it is cut before each ATX heading (`# …` at column 0,
 * after a blank line, outside fenced code, HTML comments and `<pre>`-like HTML blocks), where
 * no Markdown construct should continue across the cut, and the sections' trees are joined with
 * their positions shifted. Each cut is confirmed by the parser (the next heading line must parse
 * as a top-level heading at the end of the section before it; see {@link markdownToMdast}), so a
 * construct the line scan does not know cannot make it wrong. Link reference and footnote
 * definitions apply to the whole document: when a section has one, the guide is parsed whole. The joined tree equals the whole-document tree (test/parse-markdown-sections.test.ts
 * and test/parse-markdown-autolink.test.ts check it on every guide, fixture and generated texts).
 *
 * GFM's autolink literals (`www.x.org`, `https://x.org`, `a@x.org` linked without `<…>`) cost
 * about as much as the rest of the parse: micromark-extension-gfm-autolink-literal registers a
 * text construct on every ASCII letter, digit and `+ - . _` (tried, and failed, at nearly every
 * character), and mdast-util-gfm-autolink-literal runs four regular expressions over every text
 * node. So each section (or short guide) is parsed with all of GFM only when its text
 * could hold one ({@link mayHoldAutolinkLiteral}), and otherwise with remark-parse and the other
 * GFM extensions (footnotes, strikethrough, tables, task lists; same versions, same order, same
 * options as remark-gfm). Checked in the sources (micromark-extension-gfm-autolink-literal 2.1.0
 * lib/syntax.js, mdast-util-gfm-autolink-literal 2.1.0 lib/index.js, mdast-util-find-and-replace
 * 3.0 lib/index.js):
 * - syntax: a literal ends in `emailDomainAfter`, `wwwAfter` or `protocolAfter` only after
 *   consuming a source `@` (code 64), `www.` (`w`/`W` ×3 then `.`, `tokenizeWwwPrefix`) or
 *   `http://`/`https://` (1–5 ASCII letters lower-casing to `http`/`https`, then `:` and two `/`).
 *   Escapes and character references are other constructs, so these characters must be literal
 *   and adjacent in the source. A failed attempt leaves only `_gfmAutolinkLiteralWalkedInto` on a
 *   token, read by nothing but this extension; micromark merges the data tokens that the extra
 *   break characters split, so the tree is the same.
 * - transform: `findAndReplace` over `text` nodes (outside links) with
 *   `/(https?:\/\/|www(?=\.))…/gi` and three expressions that need an `@` (xmpp, mailto, email);
 *   a node without a match is left as it is. A text node's value is its source characters, except
 *   that an escape drops the backslash before ASCII punctuation (`www\.x` has the value `www.x`)
 *   and a character reference stands for any character (`&#64;` is `@`); line endings stay in the
 *   value. So the check also accepts a backslash before `.`, `:` and `/`, and any character
 *   reference, as a possible literal.
 * In a text that has a hint (often only in its code blocks), the transform still runs only when a
 * text node's value holds `@`, `www.` or `http(s)://`, found in one walk instead of four.
 * Equal trees, positions included, on every guide, every Markdown fixture and generated snippets:
 * test/parse-markdown-autolink.test.ts.
 */
import type { Nodes, Root } from 'mdast';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';

/**
 * remark-gfm's parsing half, rebuilt from its parts: the micromark and mdast-util-from-markdown
 * extensions of micromark-extension-gfm `gfm()` and mdast-util-gfm `gfmFromMarkdown()`, in their
 * order, with default options (as `.use(remarkGfm)`). With `autolinkLiterals` false the
 * autolink-literal syntax and transform are left out; with true the transform runs only on a tree
 * with a text node that it could change ({@link textMayHoldAutolinkLiteral}). Parsing only (no
 * remark-stringify extensions).
 */
function remarkGfmParse(autolinkLiterals: boolean): (this: Processor) => void {
  return function (this: Processor): void {
    const data = this.data();
    const syntax = [gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem()];
    const fromMarkdown = [gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown()];
    if (autolinkLiterals) {
      const autolink = gfmAutolinkLiteralFromMarkdown();
      const transforms = (autolink.transforms ?? []).map((transform) => (tree: Root) => (textMayHoldAutolinkLiteral(tree) ? transform(tree) : undefined));
      syntax.unshift(gfmAutolinkLiteral());
      fromMarkdown.unshift({ ...autolink, transforms });
    }
    (data.micromarkExtensions ??= []).push(...syntax);
    (data.fromMarkdownExtensions ??= []).push(fromMarkdown);
  };
}

/** All of GFM: for texts that could hold an autolink literal. */
const withAutolink = unified().use(remarkParse).use(remarkGfmParse(true));
/** GFM without autolink literals: for every other text. */
const withoutAutolink = unified().use(remarkParse).use(remarkGfmParse(false));

/**
 * Whether a parsed tree has a `text` node whose value holds `@`, `www.` or `http://`/`https://`
 * (any case): what every expression of mdast-util-gfm-autolink-literal's transform needs to
 * match (false: the transform would change nothing). One walk over the tree.
 */
function textMayHoldAutolinkLiteral(node: Nodes): boolean {
  if (node.type === 'text') return TEXT_AUTOLINK_LITERAL_HINT.test(node.value);
  if ('children' in node) for (const child of node.children) if (textMayHoldAutolinkLiteral(child)) return true;
  return false;
}

const TEXT_AUTOLINK_LITERAL_HINT = /@|www\.|https?:\/\//i;

/**
 * Whether Markdown text could hold a GFM autolink literal, for either half of the extension: an
 * `@`, `www.` or `http://`/`https://` (any case), also with a backslash before the `.`, `:` or
 * `/` (an escape, which the mdast transform sees without its backslash), or any character
 * reference (`&#…`, `&name;`, which may stand for one of those characters). False means that
 * parsing with and without the autolink-literal extension gives the same tree (see the module
 * comment for what was checked).
 */
export function mayHoldAutolinkLiteral(text: string): boolean {
  return AUTOLINK_LITERAL_HINT.test(text);
}

const AUTOLINK_LITERAL_HINT = /@|www\\?\.|https?\\?:\\?\/\\?\/|&(?:#|[a-z][a-z\d]*;)/i;

/**
 * Parses one Markdown text whole (no sections) into an mdast Root with positions, with GFM
 * autolink literals only when {@link mayHoldAutolinkLiteral}; the tree equals remark-parse +
 * remark-gfm's. Never throws on any string.
 */
export function parseMarkdown(text: string): Root {
  return (mayHoldAutolinkLiteral(text) ? withAutolink : withoutAutolink).parse(text) as Root;
}

/** Below this many characters a guide is parsed whole (cutting buys nothing). */
export const SECTION_MIN_CHARS = 32_768;

/** One section of a guide: its text and where it starts (1-based line as the parser counts lines, a lone CR ending one too; 0-based UTF-16 offset). */
export interface MarkdownSection {
  text: string;
  line: number;
  offset: number;
}

/**
 * Parses Markdown text into an mdast Root whose nodes carry `position` (1-based lines).
 *
 * A long text is cut by {@link markdownSections}, and every cut is checked by the parser itself:
 * a section is parsed with the next section's heading line appended, and the cut is kept only when
 * that line comes out as a top-level heading (the last child of the root, starting where the line
 * starts). Only an open fenced code block or HTML block could take that line, and none did, so
 * every container and leaf ends there, as they do in the whole text; the appended heading is
 * dropped and the next section starts afresh. A failed check joins the two sections (no cut).
 * With every cut confirmed, the sections have the whole text's blocks, so a definition (link
 * reference or footnote, which the whole document shares) is in the whole text exactly when it is
 * in a section: then the text is parsed whole. Only a text holding `]:`, which every definition
 * has, is searched for one.
 * @param minChars texts shorter than this are parsed whole (tests lower it to cut small texts).
 */
export function markdownToMdast(text: string, minChars = SECTION_MIN_CHARS): Root {
  const sections = text.length < minChars ? [] : markdownSections(text);
  if (sections.length <= 1) return parseMarkdown(text);
  // micromark skips a byte order mark (U+FEFF) that starts the text and counts no offset for it
  // (a second BOM after the one decoding removed): the first section's offsets are one short.
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const lines = text.split(/\r\n|\r|\n/);
  const root: Root = {
    type: 'root',
    children: [],
    position: {
      start: { line: 1, column: 1, offset: 0 },
      end: { line: lines.length, column: (lines[lines.length - 1] ?? '').length + 1, offset: text.length - bom },
    },
  };
  let pending = sections[0] as MarkdownSection;
  for (let i = 1; i <= sections.length; i++) {
    const next = sections[i];
    let tree: Root;
    if (next === undefined) {
      tree = parseMarkdown(pending.text);
    } else {
      const newline = next.text.indexOf('\n');
      const headingLine = newline < 0 ? next.text : next.text.slice(0, newline);
      tree = parseMarkdown(`${pending.text}\n${headingLine}`);
      const last = tree.children[tree.children.length - 1];
      const skipped = pending.offset === 0 ? bom : 0;
      if (last?.type !== 'heading' || last.position?.start.offset !== pending.text.length + 1 - skipped) {
        pending = { text: `${pending.text}\n${next.text}`, line: pending.line, offset: pending.offset };
        continue;
      }
      tree.children.pop();
    }
    for (const child of tree.children) {
      shiftPositions(child, pending.line - 1, pending.offset === 0 ? 0 : pending.offset - bom);
      root.children.push(child);
    }
    if (next !== undefined) pending = next;
  }
  if (text.includes(']:') && root.children.some(hasDefinition)) return parseMarkdown(text);
  return root;
}

/** Whether `node` is or holds a link reference definition or a footnote definition. */
function hasDefinition(node: Nodes): boolean {
  if (node.type === 'definition' || node.type === 'footnoteDefinition') return true;
  return 'children' in node && node.children.some((child) => hasDefinition(child as Nodes));
}

/**
 * Cuts Markdown text (lines split on `\n`) into sections that parse independently: before every
 * ATX heading at column 0 that follows a blank line and is outside fenced code, an HTML comment or
 * a `<pre>`/`<script>`/`<style>`/`<textarea>` block. One linear pass over the lines. The cuts are
 * candidates: {@link markdownToMdast} checks each with the parser (this scan does not know list
 * items, indented code or every kind of HTML block).
 * @returns the sections in order (their texts joined with `\n` give `text` back); a single
 *   definitions are not looked for here ({@link markdownToMdast} does).
 */
export function markdownSections(text: string): MarkdownSection[] {
  const lines = text.split('\n');
  const sections: MarkdownSection[] = [];
  let fence: RegExp | null = null;
  let htmlEnd: RegExp | null = null;
  let start = 0;
  let startOffset = 0;
  let offset = 0;
  // The parser's line number of line i: a lone CR inside a line is a line ending to micromark too.
  let lineNo = 1;
  let startLine = 1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (fence !== null) {
      if (fence.test(line)) fence = null;
    } else if (htmlEnd !== null) {
      if (htmlEnd.test(line)) htmlEnd = null;
    } else if (/^#{1,6}(?:[ \t]|$)/.test(line) && i > start && (lines[i - 1] as string).trim() === '') {
      sections.push({ text: lines.slice(start, i).join('\n'), line: startLine, offset: startOffset });
      start = i;
      startOffset = offset;
      startLine = lineNo;
    } else {
      const open = /^\s*(`{3,}|~{3,})/.exec(line);
      if (open) {
        const marks = open[1] as string;
        if (!(marks[0] === '`' && line.slice(line.indexOf(marks) + marks.length).includes('`'))) fence = new RegExp(`^\\s*${marks[0] === '`' ? '`' : '~'}{${marks.length},}\\s*$`);
      } else if (/^ {0,3}<!--/.test(line) && !/-->/.test(line.slice(line.indexOf('<!--') + 4))) {
        htmlEnd = /-->/;
      } else {
        const tag = /^ {0,3}<(pre|script|style|textarea)(?:[\s>]|$)/i.exec(line);
        if (tag && !new RegExp(`</${tag[1]}>`, 'i').test(line)) htmlEnd = new RegExp(`</${tag[1]}>`, 'i');
      }
    }
    offset += line.length + 1;
    lineNo += 1 + (line.match(/\r(?!$)/g)?.length ?? 0);
  }
  sections.push({ text: lines.slice(start).join('\n'), line: startLine, offset: startOffset });
  return sections;
}

/** Moves every position below `node` down by `lines` lines and `offset` characters (in place). */
function shiftPositions(node: Nodes, lines: number, offset: number): void {
  const p = node.position;
  if (p) {
    p.start = { line: p.start.line + lines, column: p.start.column, offset: (p.start.offset ?? 0) + offset };
    p.end = { line: p.end.line + lines, column: p.end.column, offset: (p.end.offset ?? 0) + offset };
  }
  if ('children' in node) for (const child of node.children) shiftPositions(child as Nodes, lines, offset);
}
