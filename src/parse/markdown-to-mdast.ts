/**
 * Markdown guides to mdast, with unified + remark-parse + remark-gfm (tables, task lists).
 *
 * micromark's cost grows faster than linearly with the size of one document (its event lists are
 * spliced over and over: 16 copies of guide 003 parse in ~120 s whole, ~10 s in sections), so a
 * long guide is parsed section by section: it is cut before each ATX heading (`# …` at column 0,
 * after a blank line, outside fenced code, HTML comments and `<pre>`-like HTML blocks), where
 * no Markdown construct can continue across the cut, and the sections' trees are joined with
 * their positions shifted. A guide with link reference or footnote definitions (which apply to
 * the whole document) is parsed whole. The joined tree equals the whole-document tree
 * (test/parse-markdown-sections.test.ts checks it on every guide and fixture).
 */
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkGfm);

/** Below this many characters a guide is parsed whole (cutting buys nothing). */
export const SECTION_MIN_CHARS = 32_768;

/** One section of a guide: its text and where it starts (1-based line, 0-based UTF-16 offset). */
export interface MarkdownSection {
  text: string;
  line: number;
  offset: number;
}

/**
 * Parses Markdown text into an mdast Root whose nodes carry `position` (1-based lines).
 * @param minChars texts shorter than this are parsed whole (tests lower it to cut small texts).
 */
export function markdownToMdast(text: string, minChars = SECTION_MIN_CHARS): Root {
  const sections = text.length < minChars ? [] : markdownSections(text);
  if (sections.length <= 1) return processor.parse(text) as Root;
  const lines = text.split('\n');
  const root: Root = {
    type: 'root',
    children: [],
    position: {
      start: { line: 1, column: 1, offset: 0 },
      end: { line: lines.length, column: (lines[lines.length - 1] ?? '').length + 1, offset: text.length },
    },
  };
  for (const section of sections) {
    const tree = processor.parse(section.text) as Root;
    for (const child of tree.children) {
      shiftPositions(child, section.line - 1, section.offset);
      root.children.push(child);
    }
  }
  return root;
}

/**
 * Cuts Markdown text (lines split on `\n`) into sections that parse independently: before every
 * ATX heading at column 0 that follows a blank line and is outside fenced code, an HTML comment or
 * a `<pre>`/`<script>`/`<style>`/`<textarea>` block. One linear pass over the lines.
 * @returns the sections in order (their texts joined with `\n` give `text` back); a single
 *   section when the text holds a link reference or footnote definition.
 */
export function markdownSections(text: string): MarkdownSection[] {
  if (/^ {0,3}\[[^\]\n]+\]:/m.test(text)) return [{ text, line: 1, offset: 0 }];
  const lines = text.split('\n');
  const sections: MarkdownSection[] = [];
  let fence: RegExp | null = null;
  let htmlEnd: RegExp | null = null;
  let start = 0;
  let startOffset = 0;
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (fence !== null) {
      if (fence.test(line)) fence = null;
    } else if (htmlEnd !== null) {
      if (htmlEnd.test(line)) htmlEnd = null;
    } else if (/^#{1,6}(?:[ \t]|$)/.test(line) && i > start && (lines[i - 1] as string).trim() === '') {
      sections.push({ text: lines.slice(start, i).join('\n'), line: start + 1, offset: startOffset });
      start = i;
      startOffset = offset;
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
  }
  sections.push({ text: lines.slice(start).join('\n'), line: start + 1, offset: startOffset });
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
