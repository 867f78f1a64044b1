/**
 * AsciiDoc guides to mdast, read with Asciidoctor (`@asciidoctor/core`) through its public API:
 * `load(text, { sourcemap: true, safe: 'secure' })`, then a walk over the document's blocks
 * (getContext, getLineNumber, getSourceLines, getBlocks, getTitle, getLevel, getItems, getRows…).
 *
 * Section titles become headings (depth = section level + 1, so `== Title` is depth 2 as `##` is
 * in Markdown and the document title `= Title` is depth 1); paragraphs become paragraphs with their
 * inline markup removed (asciidoc-inline.ts); listing and literal blocks become code; lists become
 * lists whose items hold the blocks attached with a `+` continuation; a description list item
 * becomes a list item whose first paragraph is `term: description`; admonitions (`NOTE:`,
 * `[NOTE]` over a paragraph or over a delimited block) become blockquotes holding their blocks;
 * open, example, sidebar and quote blocks give their children; tables give rows of cells. A block
 * title (`.Title` over a block) is a paragraph before the block. Every node's position starts at
 * the guide line where its text starts (for code, the first content line, not the delimiter).
 *
 * Asciidoctor (an Opal runtime, ~0.4 s to load) is required on first use only, so guides in other
 * formats never load it.
 */
import { createRequire } from 'node:module';
import type { Asciidoctor, AbstractBlock, Block, Document, List, ListItem, Table } from '@asciidoctor/core';
import type { BlockContent, Code, ListItem as MdListItem, Paragraph, PhrasingContent, Root, RootContent, TableCell, TableRow } from 'mdast';
import type { Message } from '../ir/types.js';
import { inlineHtmlToText, onlyMonospace } from './asciidoc-inline.js';

/** An AsciiDoc guide read into mdast, with what Asciidoctor logged while reading it. */
export interface AsciidocTree {
  tree: Root;
  /** Asciidoctor's own warnings (unterminated block, invalid reference…), rule id `asciidoc-reader`. */
  messages: Message[];
}

let processor: Asciidoctor | undefined;

/** The Asciidoctor processor, loaded on first use (synchronously, with a module-local require). */
function asciidoctor(): Asciidoctor {
  if (!processor) {
    const require = createRequire(import.meta.url);
    const factory = require('@asciidoctor/core') as () => Asciidoctor;
    processor = factory();
  }
  return processor;
}

/**
 * Parses an AsciiDoc guide. Includes are never followed (`safe: 'secure'`).
 * @param text the guide's text. @param lines the guide's lines (index 0 = line 1), used to find
 *   the first content line of a delimited block and the line of a block title.
 * @throws only what Asciidoctor throws on input it cannot read at all (it reports problems as
 *   log messages, returned in `messages`).
 */
export function asciidocToMdast(text: string, lines: string[]): AsciidocTree {
  const ad = asciidoctor();
  const logger = ad.MemoryLogger.create();
  const previous = ad.LoggerManager.getLogger();
  ad.LoggerManager.setLogger(logger);
  let doc: Document;
  try {
    doc = ad.load(text, { sourcemap: true, safe: 'secure' });
  } finally {
    ad.LoggerManager.setLogger(previous);
  }
  const children: RootContent[] = [];
  if (doc.hasHeader() && doc.getDocumentTitle()) {
    const line = doc.getLineNumber() ?? 1;
    children.push({ type: 'heading', depth: 1, children: [textNode(inlineHtmlToText(String(doc.getDocumentTitle())), line)], position: at(line) });
  }
  const walker = new Walker(lines);
  for (const b of doc.getBlocks()) children.push(...walker.block(b));
  const messages: Message[] = logger.getMessages().map((m) => ({
    ruleId: 'asciidoc-reader',
    severity: m.getSeverity() === 'INFO' || m.getSeverity() === 'DEBUG' ? 'info' : 'warning',
    reason: `Asciidoctor: ${m.getText()}`,
    line: m.getSourceLocation()?.getLineNumber() ?? 1,
    column: 1,
  }));
  return { tree: { type: 'root', children, position: { start: { line: 1, column: 1 }, end: { line: Math.max(lines.length, 1), column: 1 } } }, messages };
}

/** A position that starts at column 1 of `line` and ends at column 1 of `end`. */
function at(line: number, end = line): { start: { line: number; column: number }; end: { line: number; column: number } } {
  return { start: { line, column: 1 }, end: { line: end, column: 1 } };
}

function textNode(value: string, line: number): PhrasingContent {
  return { type: 'text', value, position: at(line) };
}

/** Substitutions of inline text, without the typographic replacements (`--`, `...`, `(C)`): a reader keeps commands quoted in prose as written. */
function proseSubs(b: AbstractBlock): string[] {
  return b.getSubstitutions().filter((s) => s !== 'replacements');
}

/** Delimiters of verbatim blocks (listing, literal, and the Markdown-style fence Asciidoctor accepts). */
const VERBATIM_DELIMITER = /^(?:-{4,}|\.{4,}|`{3}.*)\s*$/;
/** A block title line (`.Title`), not a literal delimiter or an ellipsis. */
const BLOCK_TITLE = /^\.[^.\s]/;
/** Callout markers at the end of a verbatim line (`<1>`, `// <2>`, `# <3>`): annotations of the guide, not content. Tried from the start of a white-space run only (linear on runs of spaces). */
export const CALLOUTS = /(?<!\s)\s*(?:(?:\/\/|#|--|;;) ?)?(?:<!?(?:--)?(?:\d+|\.)(?:--)?>\s*)+$/;

/** The walk over Asciidoctor's blocks: one method per kind of block, each returning mdast nodes. */
class Walker {
  constructor(private readonly lines: string[]) {}

  /** The mdast nodes of one block (and, for a section, of everything in it). */
  block(b: AbstractBlock): RootContent[] {
    const line = b.getLineNumber() ?? 1;
    const out: RootContent[] = [];
    const context = b.getContext();
    if (context === 'section' || context === 'floating_title') {
      out.push({ type: 'heading', depth: Math.min(Math.max(b.getLevel() + 1, 1), 6) as 1, children: [textNode(inlineHtmlToText(b.getTitle() ?? ''), line)], position: at(line) });
      for (const c of b.getBlocks()) out.push(...this.block(c));
      return out;
    }
    const title = b.getTitle();
    if (title) out.push(this.paragraph(inlineHtmlToText(title), this.titleLine(line)));
    switch (context) {
      case 'paragraph':
        out.push(this.simple(b as Block, line));
        break;
      case 'listing':
      case 'literal':
        out.push(this.code(b as Block, line));
        break;
      case 'admonition': {
        const inner = b.getBlocks().length ? this.children(b) : [this.simple(b as Block, line)];
        out.push({ type: 'blockquote', children: inner as BlockContent[], position: at(line) });
        break;
      }
      case 'quote':
      case 'verse': {
        const inner = b.getBlocks().length ? this.children(b) : [this.simple(b as Block, line)];
        out.push({ type: 'blockquote', children: inner as BlockContent[], position: at(line) });
        break;
      }
      case 'ulist':
      case 'olist':
      case 'colist':
        out.push(this.list(b as List, line));
        break;
      case 'dlist':
        out.push(this.dlist(b as List, line));
        break;
      case 'table':
        out.push(this.table(b as Table, line));
        break;
      case 'open':
      case 'example':
      case 'sidebar':
      case 'preamble':
        out.push(...this.children(b));
        break;
      default:
        // image, video, audio, toc, page_break, thematic_break, pass, stem: nothing a reader types.
        break;
    }
    return out;
  }

  private children(b: AbstractBlock): RootContent[] {
    return b.getBlocks().flatMap((c) => this.block(c));
  }

  private paragraph(text: string, line: number, end = line): Paragraph {
    return { type: 'paragraph', children: [textNode(text, line)], position: at(line, end) };
  }

  /** A block of simple content (a paragraph, an admonition paragraph): its source with inline subs applied. */
  private simple(b: Block, line: number): Paragraph {
    const source = b.getSourceLines();
    const html = String(b.applySubstitutions(source.join('\n'), proseSubs(b)));
    const end = line + Math.max(source.length - 1, 0);
    const mono = onlyMonospace(html);
    if (mono !== undefined) return { type: 'paragraph', children: [{ type: 'inlineCode', value: mono, position: at(line) }], position: at(line, end) };
    return this.paragraph(inlineHtmlToText(html).trim(), line, end);
  }

  /**
   * A listing or literal block: its source lines (verbatim, callout markers removed; attribute
   * references replaced only when the block's subs ask for it), positioned at its first content line.
   */
  private code(b: Block, line: number): Code {
    const source = b.getSourceLines();
    const first = this.firstContentLine(line, source);
    const attributes = b.getSubstitutions().includes('attributes');
    const callouts = b.getSubstitutions().includes('callouts');
    const value = source
      .map((l) => (attributes ? inlineHtmlToText(String(b.applySubstitutions(l, ['attributes']))) : l))
      .map((l) => (callouts ? l.replace(CALLOUTS, '') : l))
      .join('\n');
    const lang = b.getAttribute('language') as string | undefined;
    return { type: 'code', lang: lang ?? null, value, position: at(first, first + Math.max(source.length - 1, 0)) };
  }

  /**
   * The guide line of a verbatim block's first content line: the line after the delimiter when
   * `line` (the block's line) holds one, else `line` itself (an indented literal paragraph).
   */
  private firstContentLine(line: number, source: string[]): number {
    const at = this.lines[line - 1] ?? '';
    if (!VERBATIM_DELIMITER.test(at)) return line;
    const want = source[0];
    // The first content line follows the delimiter; check it against the source in case of blank lines Asciidoctor trimmed.
    for (let l = line + 1; l <= Math.min(line + 20, this.lines.length); l++) {
      if (want === undefined || this.lines[l - 1] === want) return l;
      if (VERBATIM_DELIMITER.test(this.lines[l - 1] ?? '')) break;
    }
    return line + 1;
  }

  /** The line of the `.Title` above a block at `line` (past its attribute and anchor lines), else `line`. */
  private titleLine(line: number): number {
    for (let l = line - 1; l >= Math.max(1, line - 10); l--) {
      const t = this.lines[l - 1] ?? '';
      if (BLOCK_TITLE.test(t)) return l;
      if (!/^\[.*\]\s*$/.test(t)) break;
    }
    return line;
  }

  /** A list item's text, without typographic replacements. */
  private itemText(item: ListItem): string {
    (item as unknown as { removeSubstitution(name: string): void }).removeSubstitution('replacements');
    return inlineHtmlToText(item.getText() ?? '').trim();
  }

  private list(b: List, line: number): RootContent {
    const ordered = b.getContext() !== 'ulist';
    const children: MdListItem[] = b.getItems().map((item) => {
      const l = item.getLineNumber() ?? line;
      const text = this.itemText(item);
      const body: RootContent[] = text ? [this.paragraph(text, l)] : [];
      body.push(...this.children(item));
      return { type: 'listItem', spread: false, children: body as BlockContent[], position: at(l) };
    });
    return { type: 'list', ordered, spread: false, children, position: at(line) };
  }

  /** A description list: one item per entry, its first paragraph `term: description`. */
  private dlist(b: List, line: number): RootContent {
    const entries = b.getItems() as unknown as Array<[ListItem[], ListItem | undefined]>;
    const children: MdListItem[] = entries.map(([allTerms, maybeDesc]) => {
      // Asciidoctor.js gives Opal's `nil` (an object, not undefined) for an entry with no
      // description (`term::` alone, or a line of colons): only real list items are read.
      const terms = (allTerms ?? []).filter(isListItem);
      const desc = isListItem(maybeDesc) ? maybeDesc : undefined;
      const l = terms[0]?.getLineNumber() ?? line;
      const term = terms.map((t) => this.itemText(t)).join(', ');
      const text = desc ? this.itemText(desc) : '';
      const body: RootContent[] = [this.paragraph(text ? `${term}: ${text}` : term, l)];
      if (desc) body.push(...this.children(desc));
      return { type: 'listItem', spread: false, children: body as BlockContent[], position: at(l) };
    });
    return { type: 'list', ordered: false, spread: false, children, position: at(line) };
  }

  private table(b: Table, line: number): RootContent {
    const rows = b.getRows();
    const all = [...rows.getHead(), ...rows.getBody(), ...rows.getFoot()];
    const children: TableRow[] = all.map((row) => {
      const l = row[0]?.getLineNumber() ?? line;
      const cells: TableCell[] = row.map((cell) => {
        const cl = cell.getLineNumber() ?? l;
        return { type: 'tableCell', children: [textNode(inlineHtmlToText(cell.getText() ?? ''), cl)], position: at(cl) };
      });
      return { type: 'tableRow', children: cells, position: at(l) };
    });
    return { type: 'table', children, position: at(line) };
  }
}

/** True for an Asciidoctor list item (it has text); false for Opal's `nil` and undefined. */
function isListItem(x: unknown): x is ListItem {
  return typeof x === 'object' && x !== null && typeof (x as { getText?: unknown }).getText === 'function';
}
