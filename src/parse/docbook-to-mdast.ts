/**
 * DocBook guides (SGML, DocBook 4 XML, DocBook 5 XML) to mdast, so one extractor serves every
 * format: docbook-markup.ts brings the source onto markup parse5 reads (through rehype-parse)
 * with the guide's line breaks, then each element becomes what DOCBOOK_ELEMENTS (docbook-elements.ts)
 * says: divisions' titles headings, paragraphs paragraphs, literal blocks code, lists, definition
 * lists, admonitions block quotes, tables tables, the rest inline text. Comments are dropped (a
 * translated guide keeps its original there). `<replaceable>` names and the entities defined
 * outside the file that a literal block uses are returned as placeholders the markup names; an
 * external entity standing alone between blocks (a chapter pulled in from another file) is a
 * warning, since its text is not in the guide.
 */
import type { Element, Root as HastRoot, RootContent as HastContent, Text as HastText } from 'hast';
import type { BlockContent, Code, Heading, ListItem, PhrasingContent, Root, RootContent, TableCell, TableRow } from 'mdast';
import { toString } from 'mdast-util-to-string';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import type { Position } from 'unist';
import type { Message } from '../ir/types.js';
import { docbookRole, type DocbookRole } from './docbook-elements.js';
import { docbookMarkup, ELEMENT_PREFIX } from './docbook-markup.js';
import type { Replaceable } from './html-to-mdast.js';

/** The Markdown tree of a DocBook guide, the placeholders its markup names, and reading warnings. */
export interface DocbookTree {
  tree: Root;
  replaceables: Replaceable[];
  messages: Message[];
}

const processor = unified().use(rehypeParse, { fragment: true });

/** Roles read as inline text inside a paragraph (a phrase, `undefined`, too unless it holds blocks). */
const INLINE_ROLES: ReadonlySet<DocbookRole | undefined> = new Set<DocbookRole | undefined>([undefined, 'code-phrase', 'emphasis', 'replaceable', 'link', 'xref', 'drop', 'term']);
const ENTITY_TOKEN = /&([A-Za-z_][\w.-]*);?/g;

/** The role of a hast node's DocBook element (undefined for a phrase or a non-DocBook node). */
function roleOf(el: Element): DocbookRole | undefined {
  return docbookRole(nameOf(el));
}

/** The DocBook local name of a parsed element (`db-para` → `para`). */
function nameOf(el: Element): string {
  return el.tagName.startsWith(ELEMENT_PREFIX) ? el.tagName.slice(ELEMENT_PREFIX.length) : el.tagName;
}

/** An attribute's value as a string, by any of its names (hast names `xlink:href` `xLinkHref`). */
function attr(el: Element, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = el.properties[n];
    if (v !== undefined && v !== null && v !== false) return Array.isArray(v) ? v.join(' ') : String(v);
  }
  return undefined;
}

/** A position covering guide lines `start`..`end`. */
function lines(start: number, end = start): Position {
  return { start: { line: start, column: 1 }, end: { line: end, column: 1 } };
}

/**
 * Parses a DocBook guide into mdast.
 * @param source the guide's text (SGML or XML); never throws for malformed markup (parse5 recovers).
 */
export function docbookToMdast(source: string): DocbookTree {
  const { markup, external } = docbookMarkup(source);
  const hast = processor.parse(markup) as HastRoot;
  return new DocbookReader(hast, source.split(/\r\n|\r|\n/), external).read();
}

/** One reading of a parsed DocBook tree (the id index, the findings). */
class DocbookReader {
  private readonly ids = new Map<string, Element>();
  private readonly blockish = new WeakMap<Element, boolean>();
  private readonly externalNames: Set<string>;
  private readonly usedInCode = new Set<string>();
  private readonly replaceables: Replaceable[] = [];
  private readonly messages: Message[] = [];

  constructor(
    private readonly hast: HastRoot,
    private readonly sourceLines: string[],
    private readonly external: Array<{ name: string; written: string; line: number }>,
  ) {
    this.externalNames = new Set(external.map((e) => e.name));
  }

  read(): DocbookTree {
    this.index(this.hast);
    const tree: Root = { type: 'root', children: this.blocks(this.hast.children, 0, false) };
    for (const name of this.usedInCode) {
      const first = this.external.find((e) => e.name === name)!;
      this.replaceables.push({ name: `&${name};`, line: first.line });
    }
    this.replaceables.sort((a, b) => a.line - b.line);
    this.messages.sort((a, b) => a.line - b.line);
    return { tree, replaceables: this.replaceables, messages: this.messages };
  }

  /** Indexes elements by id (`id`, `xml:id`) and collects `<replaceable>` names, outside dropped elements. */
  private index(node: HastRoot | Element): void {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      const role = roleOf(child);
      if (role === 'drop') continue;
      const id = attr(child, 'id', 'xml:id', 'xmlId');
      if (id && !this.ids.has(id)) this.ids.set(id, child);
      if (role === 'replaceable') {
        const name = this.textOf(child, false).trim();
        if (name) this.replaceables.push({ name, line: child.position?.start.line ?? 1 });
      }
      this.index(child);
    }
  }

  /** True when an element holds blocks (a phrase wrapping paragraphs is read as a container). */
  private holdsBlocks(el: Element): boolean {
    let known = this.blockish.get(el);
    if (known === undefined) {
      known = el.children.some((c) => c.type === 'element' && roleOf(c) !== 'drop' && (!INLINE_ROLES.has(roleOf(c)) || this.holdsBlocks(c)));
      this.blockish.set(el, known);
    }
    return known;
  }

  /**
   * The blocks of a run of children: inline runs become paragraphs, block elements their blocks.
   * @param depth the number of enclosing divisions.
   * @param inParagraph true inside a paragraph element (text there is prose; elsewhere, text is
   *   only an entity reference standing for a file outside the guide).
   */
  private blocks(nodes: HastContent[], depth: number, inParagraph: boolean): RootContent[] {
    const out: RootContent[] = [];
    let run: HastContent[] = [];
    const flush = (): void => {
      if (run.length) {
        const p = inParagraph ? this.paragraph(run) : this.looseText(run);
        if (p) out.push(p);
      }
      run = [];
    };
    for (const n of nodes) {
      if (n.type === 'text') run.push(n);
      else if (n.type === 'element') {
        const role = roleOf(n);
        if (INLINE_ROLES.has(role) && !(role === undefined && this.holdsBlocks(n))) run.push(n);
        else {
          flush();
          out.push(...this.block(n, role, depth));
        }
      }
    }
    flush();
    return out;
  }

  /** The blocks one block element becomes (see DocbookRole). */
  private block(el: Element, role: DocbookRole | undefined, depth: number): RootContent[] {
    switch (role) {
      case 'section': {
        const title = this.titleOf(el);
        const body = el.children.filter((c) => !(c.type === 'element' && (roleOf(c) === 'title' || roleOf(c) === 'info')));
        const heading: RootContent[] = title ? [{ type: 'heading', depth: Math.min(6, depth + 1) as Heading['depth'], children: this.phrasing(title.children), position: lines(this.firstLine(title)) }] : [];
        return [...heading, ...this.blocks(body, depth + 1, false)];
      }
      case 'info':
      case 'drop':
        return [];
      case 'title': {
        const children = this.phrasing(el.children);
        return toString({ type: 'paragraph', children }).trim() ? [{ type: 'paragraph', children: [{ type: 'strong', children }], position: lines(this.firstLine(el)) }] : [];
      }
      case 'paragraph':
        return this.blocks(el.children, depth, true);
      case 'code':
        return this.code(el);
      case 'admonition':
        return [{ type: 'blockquote', children: this.blocks(el.children, depth, false) as BlockContent[], position: lines(this.firstLine(el)) }];
      case 'list':
      case 'ordered-list':
      case 'term-list':
        return this.list(el, role, depth);
      case 'term-entry':
      case 'item':
        return [{ type: 'list', ordered: false, spread: false, children: [this.item(el, depth)], position: lines(this.firstLine(el)) }];
      case 'table':
        return this.table(el, depth);
      default:
        return this.blocks(el.children, depth, role === 'cell' || role === 'term' || role === undefined);
    }
  }

  /** A list: its title and any blocks before the items, then the items. */
  private list(el: Element, role: DocbookRole, depth: number): RootContent[] {
    const before: HastContent[] = [];
    const items: ListItem[] = [];
    for (const c of el.children) {
      const r = c.type === 'element' ? roleOf(c) : undefined;
      if (c.type === 'element' && (r === 'item' || r === 'term-entry')) items.push(this.item(c, depth));
      else before.push(c);
    }
    const lead = this.blocks(before, depth, false);
    if (!items.length) return lead;
    return [...lead, { type: 'list', ordered: role === 'ordered-list', spread: false, children: items, position: lines(items[0]!.position!.start.line) }];
  }

  /** A list item; a definition-list entry's terms become one paragraph before its definition. */
  private item(el: Element, depth: number): ListItem {
    const children: RootContent[] = [];
    if (roleOf(el) === 'term-entry') {
      const terms = el.children.filter((c): c is Element => c.type === 'element' && roleOf(c) === 'term');
      const phrasing = terms.flatMap((t, i) => [...(i ? [{ type: 'text', value: ', ' } as PhrasingContent] : []), ...this.phrasing(t.children)]);
      if (terms.length) children.push({ type: 'paragraph', children: phrasing, position: lines(this.firstLine(terms[0]!)) });
      const rest = el.children.filter((c) => !(c.type === 'element' && roleOf(c) === 'term'));
      for (const c of rest) {
        if (c.type === 'element' && roleOf(c) === 'item') children.push(...this.blocks(c.children, depth, false));
        else if (c.type === 'element') children.push(...this.block(c, roleOf(c), depth));
      }
    } else children.push(...this.blocks(el.children, depth, false));
    return { type: 'listItem', spread: false, children: children as BlockContent[], position: lines(this.firstLine(el)) };
  }

  /** A table: its title as a bold paragraph, then one row per `row`/`tr` found in it. */
  private table(el: Element, depth: number): RootContent[] {
    const out: RootContent[] = [];
    const rows: TableRow[] = [];
    const collect = (node: Element): void => {
      for (const c of node.children) {
        if (c.type !== 'element') continue;
        const role = roleOf(c);
        if (role === 'title') out.push(...this.block(c, role, depth));
        else if (role === 'row') {
          const cells = c.children.filter((x): x is Element => x.type === 'element' && roleOf(x) === 'cell');
          rows.push({ type: 'tableRow', children: cells.map((x): TableCell => ({ type: 'tableCell', children: this.phrasing(x.children) })), position: lines(this.firstLine(c)) });
        } else if (role === 'table-part' || role === 'table') collect(c);
      }
    };
    collect(el);
    if (rows.length) out.push({ type: 'table', align: [], children: rows, position: lines(rows[0]!.position!.start.line) });
    return out;
  }

  /**
   * A literal block: its text as written (markup removed, comments and dropped elements replaced
   * by the line breaks they spanned), without the blank lines around it; placed at the guide line
   * of its first non-blank line; its `language` attribute (`<programlisting language="ini">`) is
   * the code's language.
   */
  private code(el: Element): RootContent[] {
    const text = this.textOf(el, true);
    const first = this.firstLine(el);
    const value = text.replace(/^(?:[ \t\u3000]*\n)+/, '').trimEnd(); // not /\s+$/: quadratic on a long run of spaces before other text
    if (!value) return [];
    for (const m of value.matchAll(ENTITY_TOKEN)) if (this.externalNames.has(m[1]!)) this.usedInCode.add(m[1]!);
    const node: Code = { type: 'code', lang: attr(el, 'language')?.toLowerCase() ?? null, meta: null, value, position: lines(first, first + value.split('\n').length - 1) };
    return [node];
  }

  /** A paragraph of an inline run, or null when it holds no text. */
  private paragraph(run: HastContent[]): RootContent | null {
    const children = this.phrasing(run);
    if (!toString({ type: 'paragraph', children }).trim()) return null;
    const first = run.map((n) => this.firstLine(n, 0)).find((l) => l > 0) ?? run[0]?.position?.start.line ?? 1;
    return { type: 'paragraph', children, position: lines(first) };
  }

  /**
   * Text outside any paragraph: entity references standing for other files are warnings (their
   * text is not in the guide); anything else is read as a paragraph.
   */
  private looseText(run: HastContent[]): RootContent | null {
    const texts = run.filter((n): n is HastText => n.type === 'text');
    const onlyEntities = texts.length === run.length && texts.every((t) => {
      const rest = t.value.replace(ENTITY_TOKEN, (all, name: string) => (this.externalNames.has(name) ? '' : all));
      return !rest.trim();
    });
    if (!onlyEntities) return this.paragraph(run);
    for (const t of texts) {
      for (const m of t.value.matchAll(ENTITY_TOKEN)) {
        const line = (t.position?.start.line ?? 1) + (t.value.slice(0, m.index).match(/\n/g)?.length ?? 0);
        const column = (this.sourceLines[line - 1]?.indexOf(m[0]) ?? -1) + 1 || 1;
        this.messages.push({ ruleId: 'external-entity', severity: 'warning', reason: `Unexpected reference to the entity ${m[0]} standing alone between blocks, expected its text in the guide: it stands for a file outside this one, which is not read`, line, column });
      }
    }
    return null;
  }

  /** Inline content of hast nodes (see DocbookRole for each element's inline reading). */
  private phrasing(nodes: HastContent[]): PhrasingContent[] {
    const out: PhrasingContent[] = [];
    for (const n of nodes) {
      if (n.type === 'text') out.push({ type: 'text', value: n.value });
      if (n.type !== 'element') continue;
      const role = roleOf(n);
      switch (role) {
        case 'drop':
        case 'info':
          break;
        case 'code-phrase':
        case 'code':
          out.push({ type: 'inlineCode', value: this.textOf(n, false) });
          break;
        case 'emphasis':
        case 'replaceable': {
          const strong = /^(?:bold|strong)$/i.test(attr(n, 'role') ?? '');
          out.push({ type: strong ? 'strong' : 'emphasis', children: this.phrasing(n.children) });
          break;
        }
        case 'link': {
          const children = this.phrasing(n.children);
          if (toString({ type: 'paragraph', children }).trim()) out.push(...children);
          else out.push({ type: 'text', value: attr(n, 'url', 'xLinkHref', 'xlink:href') ?? this.targetText(attr(n, 'linkend')) });
          break;
        }
        case 'xref':
          out.push({ type: 'text', value: this.targetText(attr(n, 'linkend'), attr(n, 'endterm')) });
          break;
        default:
          out.push(...this.phrasing(n.children));
      }
    }
    return out;
  }

  /** What a cross reference shows: the `endterm` element's text, else the target's `xreflabel` or title, else its id. */
  private targetText(linkend: string | undefined, endterm?: string): string {
    const term = endterm ? this.ids.get(endterm) : undefined;
    if (term) return this.textOf(term, false).trim();
    if (!linkend) return '';
    const target = this.ids.get(linkend);
    if (!target) return linkend;
    const label = attr(target, 'xreflabel');
    if (label) return label;
    const title = this.titleOf(target);
    return title ? toString({ type: 'paragraph', children: this.phrasing(title.children) }).replace(/\s+/g, ' ').trim() : linkend;
  }

  /** An element's title: a `title` child, else the `title` inside its info child. */
  private titleOf(el: Element): Element | undefined {
    for (const c of el.children) if (c.type === 'element' && roleOf(c) === 'title') return c;
    for (const c of el.children) {
      if (c.type === 'element' && roleOf(c) === 'info') {
        const t = c.children.find((x): x is Element => x.type === 'element' && roleOf(x) === 'title');
        if (t) return t;
      }
    }
    return undefined;
  }

  /**
   * The text of a node, comments and dropped elements left out; with `keepLines`, each left-out
   * node is replaced by the line breaks it spanned, so the text's lines stay the guide's.
   */
  private textOf(node: HastContent | Element, keepLines: boolean): string {
    if (node.type === 'text') return node.value;
    const gap = (n: HastContent): string => (keepLines && n.position ? '\n'.repeat(n.position.end.line - n.position.start.line) : '');
    if (node.type === 'comment') return gap(node);
    if (node.type !== 'element') return '';
    if (roleOf(node) === 'drop') return gap(node);
    return node.children.map((c) => this.textOf(c, keepLines)).join('');
  }

  /**
   * The guide line of the first non-blank character a node shows (comments and dropped elements
   * skipped); `fallback` (default: the node's own start line) when it shows none.
   */
  private firstLine(node: HastContent, fallback = node.position?.start.line ?? 1): number {
    if (node.type === 'text') {
      const at = node.value.search(/\S/u);
      if (at < 0 || !node.position) return fallback;
      return node.position.start.line + (node.value.slice(0, at).match(/\n/g)?.length ?? 0);
    }
    if (node.type !== 'element' || roleOf(node) === 'drop') return fallback;
    for (const c of node.children) {
      const l = this.firstLine(c, 0);
      if (l > 0) return l;
    }
    return fallback;
  }
}
