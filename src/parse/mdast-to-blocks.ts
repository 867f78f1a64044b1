/**
 * mdast to the block stream: headings, paragraphs and list items become heading/text blocks, code
 * becomes code blocks with one guide line per code line, table rows become text blocks. HTML nodes
 * (comments in Markdown guides) are dropped: the guide hides them.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Block, CodeLine } from './blocks.js';
import { htmlToMdast } from './html-to-mdast.js';
import './mdast-data.js';

/** The values of the inline code nodes under `node`, in document order. */
function inlineCode(node: Nodes): string[] {
  if (node.type === 'inlineCode') return [node.value];
  return 'children' in node ? node.children.flatMap((c) => inlineCode(c as Nodes)) : [];
}

/**
 * Flattens an mdast tree into blocks in document order.
 * @param sourceLines the guide's lines (index 0 = line 1), used to find where fenced code starts.
 */
export function mdastToBlocks(tree: Root, sourceLines: string[]): Block[] {
  const out: Block[] = [];
  const visit = (node: Nodes, depth: number, firstInItem: boolean): void => {
    const line = node.position?.start.line ?? 1;
    switch (node.type) {
      case 'root':
      case 'blockquote':
        node.children.forEach((c) => visit(c, depth, false));
        return;
      case 'heading':
        out.push({ type: 'heading', depth: node.depth, text: clean(toString(node)), line, procedure: false });
        return;
      case 'paragraph': {
        const raw = toString(node);
        const rows = raw.split('\n');
        // A table that lost its markup in conversion: every line holds tab-separated cells.
        if (rows.length > 1 && rows.every((r) => r.includes('\t'))) {
          rows.forEach((r, i) => {
            const cells = r.split('\t').map(clean).filter(Boolean);
            if (cells.length) out.push({ type: 'text', text: cells.join(' | '), line: line + i, depth, item: false });
          });
          return;
        }
        // HTML blocks (`<pre>` commands) left inside Markdown prose: read them as HTML.
        if (/<pre[\s>]/i.test(raw)) {
          for (const b of htmlFragmentBlocks(raw, line, depth)) out.push(b);
          return;
        }
        // A command shown as inline code alone in a paragraph (`# apt-get install …`).
        const only = node.children.length === 1 ? node.children[0] : undefined;
        if (only?.type === 'inlineCode' && /^[#$]\s+\S/.test(only.value)) {
          out.push({ type: 'code', lines: [{ text: only.value, line }], line, depth, fenced: true });
          return;
        }
        const text = clean(raw);
        const spaced = raw.replace(/\u00a0/g, ' ');
        const code = inlineCode(node);
        if (text) out.push({ type: 'text', text, line, depth, item: firstInItem, ...(/\S {2,}\S/.test(spaced) ? { raw: spaced } : {}), ...(node.data?.when ? { when: node.data.when } : {}), ...(code.length ? { code } : {}) });
        return;
      }
      case 'list':
        node.children.forEach((item) => visit(item, depth + 1, false));
        return;
      case 'listItem': {
        if (node.children.length === 0) return;
        node.children.forEach((c, i) => visit(c, depth, i === 0));
        return;
      }
      case 'code': {
        // A fence's node starts at its opening line; other code (an indented block, a reader's
        // literal block) starts at its first content line, which may itself begin with ``` .
        const opener = sourceLines[line - 1] ?? '';
        const values = node.value.split('\n');
        const fenced = /^\s*(?:```|~~~)/.test(opener) && opener.trim() !== (values[0] ?? '').trim();
        const first = fenced ? line + 1 : line;
        const lines: CodeLine[] = values.map((text, i) => ({ text, line: first + i }));
        const data = node.data;
        out.push({ type: 'code', lines, line: first, depth, fenced: true, ...(node.lang ? { lang: node.lang } : {}), ...(data?.file ? { file: data.file } : {}), ...(data?.when ? { when: data.when } : {}) });
        return;
      }
      case 'table':
        for (const row of node.children) {
          const cells = row.children.map((cell) => clean(toString(cell)));
          if (cells.some(Boolean)) out.push({ type: 'text', text: cells.join(' | '), line: row.position?.start.line ?? line, depth, item: false });
        }
        return;
      default:
        if ('children' in node) (node.children as RootContent[]).forEach((c) => visit(c, depth, false));
    }
  };
  visit(tree, 0, false);
  return out;
}

/**
 * Blocks of an HTML fragment found inside Markdown prose, every block placed at `line` (the
 * fragment's own line breaks are the conversion's, not the guide's).
 */
function htmlFragmentBlocks(html: string, line: number, depth: number): Block[] {
  const { tree } = htmlToMdast(`<html><body>${html}</body></html>`, []);
  const fragmentLines = html.split('\n');
  return mdastToBlocks(tree, fragmentLines).map((b) => {
    if (b.type === 'code') return { ...b, line, depth, lines: b.lines.map((l) => ({ ...l, line })) };
    return { ...b, line, ...(b.type === 'text' ? { depth } : {}) };
  });
}

/** Folds runs of white space (including newlines and full-width spaces) into one space. */
function clean(text: string): string {
  return text.replace(/[\s\u3000]+/gu, ' ').trim();
}
