/**
 * DocBook source (SGML or XML) to markup that an HTML parser (parse5, through rehype-parse)
 * reads as plain nested elements, keeping every line break where it was, so positions in the
 * parsed tree are guide lines.
 *
 * Why a pre-pass and an HTML parser: an XML parser (saxes, the parser under xast-util-from-xml)
 * rejects DocBook SGML at its first SGML-only construct (84 errors on one 800-line chapter: short
 * end tags `</>`, `<xref …>` without an end tag, undeclared entities), and there is no maintained
 * SGML parser for JavaScript. parse5 recovers from anything and keeps positions, but applies
 * HTML's rules to HTML's element names (a `title` holds raw text, a `table`'s children are moved
 * out of it, a `link` is empty), ignores `</>`, reads CDATA sections as comments, and decodes
 * entity names by prefix (`&copyright;` → `©right;`). This pass removes each of those differences:
 * - every element is renamed `db-LOCALNAME` (lower case, namespace prefix dropped), so no HTML
 *   rule applies to it;
 * - a short end tag `</>` closes the innermost open element (SGML's rule) and is written out in full;
 * - an element that is EMPTY in the DocBook DTD (`<xref linkend="x">`) and an XML empty-element
 *   tag (`<xref linkend="x"/>`) are closed at once;
 * - CDATA/RCDATA marked sections become escaped text, IGNORE sections are removed, other marked
 *   sections (INCLUDE, `%entity;`) keep their content;
 * - the document type declaration and processing instructions are removed (their general entity
 *   declarations are read first);
 * - entity references: an entity the file declares with a value is replaced by it (line breaks
 *   in the value become spaces); a standard character entity (HTML's list, which includes the ISO
 *   sets DocBook uses) is written with its `;`; any other reference (an entity declared outside
 *   the file, or as an external file) is escaped so it reads exactly as written, and reported.
 * Comments pass through unchanged (the reader drops them). A removed construct leaves only its
 * line breaks; renaming and escaping shift columns; no line break is ever added or removed.
 */
import { characterEntities } from 'character-entities';
import { DOCBOOK_EMPTY } from './docbook-elements.js';

/** The prefix every DocBook element name gets in the markup. */
export const ELEMENT_PREFIX = 'db-';

/** A reference to an entity whose text is not in the file, as written, at a guide line. */
export interface EntityReference {
  name: string;
  /** The reference as written (`&version;` or `&version`). */
  written: string;
  line: number;
}

/** The markup and what the pass learned about entities. */
export interface DocbookMarkup {
  /** Markup for parse5: the guide's line breaks, elements renamed `db-…`. */
  markup: string;
  /** References to entities declared outside the file (or as external files), in guide order. */
  external: EntityReference[];
}

/** Characters of entity text, and references, a file may expand in all (a guard against nested-entity bombs). */
const EXPANSION_BUDGET = 1 << 20;
const EXPANSION_COUNT = 10_000;

const START_TAG = /<([A-Za-z][\w.:-]*)((?:\s+[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*(\/?)>/y;
const END_TAG = /<\/([A-Za-z][\w.:-]*)?\s*>/y;
const ENTITY_REF = /&([A-Za-z_][\w.-]*)(;?)/y;
const MARKED_SECTION = /<!\[\s*([^[]*?)\s*\[/y;
const ENTITY_DECL = /<!ENTITY\s+([^\s%][^\s]*)\s+(?:"([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\b)/giu;
const SPECIAL = /[<&\]]/g;

/** The line breaks of `s` alone (what a removed construct leaves, so lines keep their numbers). */
function blank(s: string): string {
  return s.replace(/[^\r\n]/g, '');
}

/** The local name of an element (lower case, any namespace prefix dropped). */
export function localName(name: string): string {
  const lower = name.toLowerCase();
  return lower.slice(lower.lastIndexOf(':') + 1);
}

/** Text escaped for the markup (`&` and `<`). */
function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/**
 * Index of the `>` that ends a document type declaration starting at `from`, skipping its
 * internal subset (`[ … ]`) and quoted strings; the text's length when it never ends.
 */
function doctypeEnd(text: string, from: number): number {
  let quote: string | null = null;
  let subset = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') subset = true;
    else if (c === ']') subset = false;
    else if (c === '>' && !subset) return i + 1;
  }
  return text.length;
}

/**
 * Brings DocBook SGML or XML onto markup parse5 reads as DocBook's own tree (see the module comment).
 * @param source the guide's text.
 * @returns the markup (same line breaks) and the references to entities defined outside the file.
 */
export function docbookMarkup(source: string): DocbookMarkup {
  let text = source;
  const out: string[] = [];
  const external: EntityReference[] = [];
  /** Entities the file declares: their text, or null for an external (SYSTEM/PUBLIC) entity. */
  const declared = new Map<string, string | null>();
  const open: string[] = [];
  let budget = EXPANSION_BUDGET;
  let expansions = EXPANSION_COUNT;
  let sections = 0;
  let line = 1;
  let i = 0;
  const take = (to: number, written: string): void => {
    for (let k = i; k < to; k++) if (text.charCodeAt(k) === 10) line++;
    out.push(written);
    i = to;
  };
  while (i < text.length) {
    SPECIAL.lastIndex = i;
    const next = SPECIAL.exec(text);
    const at = next ? next.index : text.length;
    if (at > i) take(at, text.slice(i, at));
    if (!next) break;
    const c = text[i]!;
    if (c === ']') {
      if (sections > 0 && text.startsWith(']]>', i)) {
        sections--;
        take(i + 3, '');
      } else take(i + 1, ']');
      continue;
    }
    if (c === '&') {
      ENTITY_REF.lastIndex = i;
      const ref = ENTITY_REF.exec(text);
      if (!ref) {
        take(i + 1, '&');
        continue;
      }
      const [written, name, semi] = ref as unknown as [string, string, string];
      const value = declared.get(name);
      if (typeof value === 'string' && value.length <= budget && expansions > 0) {
        budget -= value.length;
        expansions--;
        text = text.slice(0, i) + value.replace(/\r\n|\r|\n/g, ' ') + text.slice(i + written.length);
        continue;
      }
      if (value === undefined && Object.hasOwn(characterEntities, name)) {
        take(i + written.length, `&${name};`);
        continue;
      }
      external.push({ name, written, line });
      take(i + written.length, `&amp;${name}${semi}`);
      continue;
    }
    // `<`: a comment, declaration, marked section, processing instruction or tag.
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      const to = end < 0 ? text.length : end + 3;
      take(to, text.slice(i, to));
      continue;
    }
    if (/^<!doctype\b/i.test(text.slice(i, i + 10))) {
      const to = doctypeEnd(text, i);
      const decl = text.slice(i, to);
      for (const m of decl.matchAll(ENTITY_DECL)) if (!declared.has(m[1]!)) declared.set(m[1]!, m[4] ? null : (m[2] ?? m[3] ?? ''));
      take(to, blank(decl));
      continue;
    }
    MARKED_SECTION.lastIndex = i;
    const marked = MARKED_SECTION.exec(text);
    if (marked) {
      const keyword = marked[1]!.toUpperCase();
      if (keyword === 'CDATA' || keyword === 'RCDATA' || keyword === 'IGNORE') {
        const end = text.indexOf(']]>', i);
        const to = end < 0 ? text.length : end + 3;
        const body = text.slice(i + marked[0].length, end < 0 ? text.length : end);
        take(to, keyword === 'IGNORE' ? blank(text.slice(i, to)) : `${blank(marked[0])}${escapeText(body)}`);
      } else {
        sections++;
        take(i + marked[0].length, blank(marked[0]));
      }
      continue;
    }
    if (text.startsWith('<?', i) || text.startsWith('<!', i)) {
      const pi = text.startsWith('<?', i) ? text.indexOf('?>', i + 2) : -1;
      const end = pi >= 0 ? pi + 1 : text.indexOf('>', i + 2);
      const to = end < 0 ? text.length : end + 1;
      take(to, blank(text.slice(i, to)));
      continue;
    }
    END_TAG.lastIndex = i;
    const endTag = END_TAG.exec(text);
    if (endTag) {
      const name = endTag[1] ? localName(endTag[1]) : open[open.length - 1];
      const depth = name === undefined ? -1 : open.lastIndexOf(name);
      if (depth >= 0) open.length = depth;
      take(i + endTag[0].length, name === undefined ? blank(endTag[0]) : `</${ELEMENT_PREFIX}${name}>`);
      continue;
    }
    START_TAG.lastIndex = i;
    const startTag = START_TAG.exec(text);
    if (startTag) {
      const name = localName(startTag[1]!);
      const closed = startTag[3] === '/' || DOCBOOK_EMPTY.has(name);
      if (!closed) open.push(name);
      const tag = `<${ELEMENT_PREFIX}${name}${startTag[2]}>`;
      take(i + startTag[0].length, closed ? `${tag}</${ELEMENT_PREFIX}${name}>` : tag);
      continue;
    }
    take(i + 1, '&lt;');
  }
  return { markup: out.join(''), external };
}
