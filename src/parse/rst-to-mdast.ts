/**
 * reStructuredText (and Sphinx) guides to mdast, with rst-compiler's parser (its public
 * `RstCompiler.parse` and node classes), so the one extractor reads every format.
 *
 * - sections (over- and underlined titles) → heading, depth by first appearance of each adornment
 *   style (rst-sections.ts); paragraphs → paragraph; bullet and enumerated lists (`#.` too) →
 *   list/listItem with their nested blocks; definition, field and option lists → list items whose
 *   first paragraph is the term; tables → table; line blocks → one paragraph;
 * - literal blocks (`::`) and `.. code-block:: LANG`, `.. code:: LANG`, `.. sourcecode:: LANG` →
 *   code with `lang`; the node starts at the guide line of the first content line, so
 *   mdast-to-blocks numbers its lines one by one;
 * - `.. only:: EXPR` → its content, every node carrying `data.when = EXPR` (nested: joined by `and`);
 * - `.. path FILE` comments (openstack-manuals' convention) → `data.file` of the next code node;
 *   `.. end` and every other comment, hyperlink targets and substitution definitions → dropped;
 * - `.. include::` / `.. literalinclude::` → not read: an `include-not-read` warning at its line;
 * - admonitions (`.. note::`, `.. warning::`, `.. important::`, …) → blockquote;
 * - directives that show nothing to the reader (`toctree`, `index`, `image`, …) → dropped; any
 *   other directive → its content.
 * Inline markup is removed by rst-inline.ts. Every node carries `position.start.line`, the guide line.
 */
import type { BlockContent, Code, Data, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table, TableRow } from 'mdast';
import { RstCompiler, type RstComment, type RstDefinitionListItem, type RstDirective, type RstFieldListItem, type RstNode, type RstOptionListItem, type RstSubstitutionDef, type RstTable } from 'rst-compiler';
import type { Message } from '../ir/types.js';
import './mdast-data.js';
import { at, inlineToMdast, lineOf } from './rst-inline.js';
import { sectionTitleAt, styleRanker } from './rst-sections.js';

/** Directives whose body is code (docutils `code`, Sphinx `code-block` and its alias `sourcecode`). */
const CODE_DIRECTIVES = ['code-block', 'code', 'sourcecode'];
/** Directives whose body is raw text, never parsed as reStructuredText. */
const RAW_DIRECTIVES = [...CODE_DIRECTIVES, 'parsed-literal', 'math', 'raw', 'toctree', 'highlight', 'csv-table'];
/** Directives whose header-line text is an argument, not content. */
const ARGUMENT_DIRECTIVES = [...RAW_DIRECTIVES, 'only', 'include', 'literalinclude', 'admonition', 'image', 'figure', 'topic', 'sidebar', 'rubric', 'index', 'versionadded', 'versionchanged', 'deprecated', 'table', 'list-table', 'container', 'glossary', 'tabularcolumns', 'rst-class', 'class', 'role', 'default-role'];
/** Admonitions (docutils "Admonitions", Sphinx "Paragraph-level markup"): read as a quoted aside. */
const ADMONITIONS = new Set(['attention', 'caution', 'danger', 'error', 'hint', 'important', 'note', 'tip', 'warning', 'admonition', 'seealso', 'todo', 'topic', 'sidebar', 'versionadded', 'versionchanged', 'deprecated']);
/** Directives whose content is not read by an operator (navigation, indexing, images, markup settings). */
const INVISIBLE = new Set(['toctree', 'index', 'image', 'highlight', 'raw', 'math', 'contents', 'sectnum', 'meta', 'tabularcolumns', 'rst-class', 'class', 'role', 'default-role', 'title', 'header', 'footer', 'target-notes', 'csv-table']);
/** Directives that pull another file's text in. */
const INCLUDES = new Set(['include', 'literalinclude']);
/** openstack-manuals' comment naming the file of the code block after it: `.. path /etc/x.conf`. */
const PATH_COMMENT = /^path\s+(\S+)\s*$/u;

/** A reStructuredText guide as mdast, with the reader's diagnostics. */
export interface RstTree {
  tree: Root;
  /** `include-not-read` warnings, in guide order. */
  messages: Message[];
}

/** What the walk carries down: the `.. only::` condition in force. */
interface Context {
  when: string | null;
}

/**
 * Parses a reStructuredText guide into mdast.
 * @param lines the guide's lines (index 0 = line 1), as parse-blocks splits them.
 * @throws whatever rst-compiler throws on input it cannot parse (parse-blocks reads the guide as
 *   plain text then).
 */
export function rstToMdast(lines: readonly string[]): RstTree {
  const parsed = new RstCompiler().parse(lines.join('\n'), {
    disableWarnings: true,
    disableErrors: true,
    parseFirstFieldListAsDocumentMeta: false,
    inputIndentSize: indentUnit(lines),
    directivesWithRawText: RAW_DIRECTIVES,
    directivesWithInitContent: ARGUMENT_DIRECTIVES,
  });
  return new Reader(lines, parsed.root).read();
}

/**
 * The document's indentation unit: the most common step (2–8 columns) by which a line is indented
 * deeper than the non-blank line before it, else 4. rst-compiler recognises block quotes and
 * definition bodies only at a fixed indentation (its `inputIndentSize`), where docutils takes any.
 */
export function indentUnit(lines: readonly string[]): number {
  const counts = new Map<number, number>();
  let before = -1;
  for (const line of lines) {
    if (!line.trim()) continue;
    const indent = line.length - line.trimStart().length;
    const step = indent - before;
    if (before >= 0 && step >= 2 && step <= 8) counts.set(step, (counts.get(step) ?? 0) + 1);
    before = indent;
  }
  let best = 4;
  for (const [step, n] of counts) if (n > (counts.get(best) ?? 0)) best = step;
  return best;
}

/** One walk over rst-compiler's tree. */
class Reader {
  private readonly messages: Message[] = [];
  private readonly substitutions = new Map<string, string>();
  private readonly depthOf = styleRanker();
  /** The file a `.. path` comment named, waiting for the next code node. */
  private pendingFile: string | null = null;

  constructor(private readonly lines: readonly string[], private readonly root: RstNode) {
    for (const def of root.findAllChildren('SubstitutionDef') as readonly RstSubstitutionDef[]) {
      if (def.directive === 'replace') this.substitutions.set(def.needle, def.textContent.trim());
    }
  }

  read(): RstTree {
    const children = this.blocks(this.root.children, { when: null }) as RootContent[];
    return { tree: { type: 'root', children, position: at(1) }, messages: this.messages };
  }

  private blocks(nodes: readonly RstNode[], ctx: Context): BlockContent[] {
    return nodes.flatMap((n) => this.block(n, ctx));
  }

  private data(ctx: Context, extra: Data = {}): { data?: Data } {
    const data: Data = { ...(ctx.when ? { when: ctx.when } : {}), ...extra };
    return Object.keys(data).length ? { data } : {};
  }

  private inline(nodes: readonly RstNode[]): PhrasingContent[] {
    return inlineToMdast(nodes, this.substitutions);
  }

  private block(node: RstNode, ctx: Context): BlockContent[] {
    const line = lineOf(node);
    const position = at(line);
    if (node.nodeType !== 'Comment' && node.nodeType !== 'Directive') this.pendingFile = null;
    switch (node.nodeType) {
      case 'Section': {
        const title = sectionTitleAt(node.source.startLineIdx, this.lines);
        const depth = Math.min(6, this.depthOf(title.style)) as 1 | 2 | 3 | 4 | 5 | 6;
        return [{ type: 'heading', depth, children: this.inline(node.children), position: at(title.line) } as BlockContent];
      }
      case 'Paragraph': {
        const children = withoutLiteralMarker(this.inline(node.children));
        return children.length ? [{ type: 'paragraph', children, position, ...this.data(ctx) }] : [];
      }
      case 'LineBlock':
        return [{ type: 'paragraph', children: node.children.flatMap((l, i) => [...(i ? [{ type: 'text', value: '\n' } as PhrasingContent] : []), ...this.inline(l.children)]), position, ...this.data(ctx) }];
      case 'BulletList':
      case 'EnumeratedList':
        return [this.list(node.nodeType === 'EnumeratedList', node.children.map((item) => this.blocks(item.children, ctx)), node, ctx)];
      case 'DefinitionList':
        return [this.list(false, (node.children as readonly RstDefinitionListItem[]).map((item) => [this.termParagraph(item.term, item, ctx), ...this.blocks(item.definition, ctx)]), node, ctx)];
      case 'FieldList':
        return [this.list(false, (node.children as readonly RstFieldListItem[]).map((item) => [this.termParagraph(item.name, item, ctx), ...this.blocks(item.body, ctx)]), node, ctx)];
      case 'OptionList':
        return [this.list(false, (node.children as readonly RstOptionListItem[]).map((item) => [this.textParagraph(item.options.map((o) => `${o.name}${o.delimiter ?? ''}${o.rawArgName ?? ''}`).join(', '), item, ctx), ...this.blocks(item.children, ctx)]), node, ctx)];
      case 'LiteralBlock':
        return [this.code(node, null, node.rawTextContent, node.source.startLineIdx, ctx)];
      case 'DoctestBlock':
        return [this.code(node, 'pycon', node.rawTextContent, node.source.startLineIdx, ctx)];
      case 'Blockquote':
        return [{ type: 'blockquote', children: this.blocks(node.children, ctx), position, ...this.data(ctx) }];
      case 'Table':
        return [this.table(node as RstTable, ctx)];
      case 'Directive':
        return this.directive(node as RstDirective, ctx);
      case 'Comment': {
        const path = PATH_COMMENT.exec((node as RstComment).rawTextContent.trim());
        if (path) this.pendingFile = path[1]!;
        return [];
      }
      case 'FootnoteDefGroup':
      case 'CitationDefGroup':
        return node.children.flatMap((def) => this.blocks(def.children, ctx));
      case 'Transition':
      case 'HyperlinkTarget':
      case 'SubstitutionDef':
      case 'BlockquoteAttribution':
        return [];
      default:
        return this.blocks(node.children, ctx);
    }
  }

  private directive(node: RstDirective, ctx: Context): BlockContent[] {
    const name = node.directive;
    const line = lineOf(node);
    if (CODE_DIRECTIVES.includes(name) || name === 'parsed-literal') {
      return [this.code(node, node.initContentText.trim() || null, node.rawBodyText, node.source.startLineIdx + 1, ctx)];
    }
    this.pendingFile = null;
    if (INCLUDES.has(name)) {
      const target = node.initContentText.trim();
      this.messages.push({ ruleId: 'include-not-read', severity: 'warning', reason: `Unexpected \`.. ${name}:: ${target}\`, whose text is in another file that is not read, expected the guide to hold its own content`, line, column: 1 });
      return [];
    }
    if (INVISIBLE.has(name)) return [];
    if (name === 'only') {
      const expr = node.initContentText.trim();
      const when = ctx.when && expr ? `${grouped(ctx.when)} and ${grouped(expr)}` : ctx.when || expr || null;
      return this.blocks(node.children, { when });
    }
    const children = this.blocks(node.children, ctx);
    if (ADMONITIONS.has(name)) {
      const title = name === 'admonition' || name === 'topic' || name === 'sidebar' ? node.initContentText.trim() : '';
      const heading: BlockContent[] = title ? [{ type: 'paragraph', children: [{ type: 'text', value: title, position: at(line) }], position: at(line), ...this.data(ctx) }] : [];
      return [{ type: 'blockquote', children: [...heading, ...children], position: at(line), ...this.data(ctx) }];
    }
    return children;
  }

  /**
   * A code node from a literal block or code directive body, placed at its first content line.
   * @param searchFrom 0-based line where the body may start (the directive's header line + 1).
   */
  private code(node: RstNode, lang: string | null, body: string, searchFrom: number, ctx: Context): Code {
    const value = body.trimEnd(); // not /\s+$/: quadratic on a long run of spaces before other text
    const bodyLines = value.split('\n');
    const lead = bodyLines.findIndex((l) => l.trim() !== '');
    let first = node.source.startLineIdx + 1;
    if (lead >= 0) {
      const want = bodyLines[lead]!.trim();
      for (let i = searchFrom; i < Math.max(node.source.endLineIdx, searchFrom + 1) && i < this.lines.length; i++) {
        if (this.lines[i]!.trim() === want) {
          first = i + 1 - lead;
          break;
        }
      }
    }
    const file = this.pendingFile;
    this.pendingFile = null;
    return {
      type: 'code',
      lang,
      meta: null,
      value,
      position: { start: { line: first, column: 1 }, end: { line: first + bodyLines.length - 1, column: 1 } },
      ...this.data(ctx, file ? { file } : {}),
    };
  }

  private list(ordered: boolean, items: BlockContent[][], node: RstNode, ctx: Context): List {
    const children: ListItem[] = items.map((blocks, i) => ({ type: 'listItem', spread: false, children: blocks, position: at(lineOf(node.children[i]!)), ...this.data(ctx) }));
    return { type: 'list', ordered, spread: false, children, position: at(lineOf(node)), ...this.data(ctx) };
  }

  private termParagraph(term: readonly RstNode[], item: RstNode, ctx: Context): Paragraph {
    return { type: 'paragraph', children: this.inline(term), position: at(lineOf(item)), ...this.data(ctx) };
  }

  private textParagraph(text: string, item: RstNode, ctx: Context): Paragraph {
    return { type: 'paragraph', children: [{ type: 'text', value: text, position: at(lineOf(item)) }], position: at(lineOf(item)), ...this.data(ctx) };
  }

  private table(node: RstTable, ctx: Context): Table {
    const rows: TableRow[] = [...node.headRows, ...node.bodyRows].map((row) => ({
      type: 'tableRow',
      children: row.children.map((cell) => ({ type: 'tableCell', children: cell.children.flatMap((b, i) => [...(i ? [{ type: 'text', value: ' ' } as PhrasingContent] : []), ...this.inline(b.nodeType === 'Paragraph' ? b.children : [b])]), position: at(lineOf(cell)) })),
      position: at(lineOf(row)),
    }));
    return { type: 'table', children: rows, position: at(lineOf(node)), ...this.data(ctx) };
  }
}

/** An `only` expression as one operand of `and`: parenthesised when it holds `or`. */
function grouped(expr: string): string {
  return /\bor\b/u.test(expr) && !/^\(.*\)$/u.test(expr) ? `(${expr})` : expr;
}

/**
 * A paragraph's content without the `::` that announces a literal block (reStructuredText
 * specification, "Literal Blocks"): `text::` → `text:`, `text ::` → `text`, a lone `::` → nothing.
 */
function withoutLiteralMarker(children: PhrasingContent[]): PhrasingContent[] {
  const last = children[children.length - 1];
  if (last?.type !== 'text' || !/::\s*$/u.test(last.value)) return children;
  const value = /\s::\s*$/u.test(last.value) || /^\s*::\s*$/u.test(last.value) ? last.value.replace(/::\s*$/u, '').trimEnd() : last.value.replace(/::\s*$/u, ':');
  const kept = children.slice(0, -1);
  if (value) kept.push({ ...last, value });
  return kept.some((c) => c.type !== 'text' || c.value.trim()) ? kept : [];
}
