/**
 * mdast to the block stream: headings, paragraphs and list items become heading/text blocks, code
 * becomes code blocks with one guide line per code line, table rows become text blocks. HTML nodes
 * (comments in Markdown guides) are dropped: the guide hides them.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Block, CodeLine } from './blocks.js';

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
        const text = clean(toString(node));
        if (text) out.push({ type: 'text', text, line, depth, item: firstInItem });
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
        const opener = sourceLines[line - 1] ?? '';
        const fenced = /^\s*(?:```|~~~)/.test(opener);
        const first = fenced ? line + 1 : line;
        const lines: CodeLine[] = node.value.split('\n').map((text, i) => ({ text, line: first + i }));
        out.push({ type: 'code', lines, line: first, depth, fenced: true });
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

/** Folds runs of white space (including newlines and full-width spaces) into one space. */
function clean(text: string): string {
  return text.replace(/[\s\u3000]+/gu, ' ').trim();
}
