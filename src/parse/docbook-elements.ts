/**
 * DocBook elements and what each becomes on the Markdown tree (mdast): the one table the DocBook
 * reader (docbook-to-mdast.ts) consults, for DocBook 4 (SGML or XML) and DocBook 5 (XML, names
 * in the DocBook namespace) alike. Element names and their meaning follow "DocBook: The
 * Definitive Guide" (TDG); an element not in the table is a phrase (its text flows into the
 * paragraph around it), or a plain container when it holds blocks.
 */

/**
 * What an element is on the Markdown tree.
 * - `section`: a division; its `title` (directly or in its info element) becomes a heading whose
 *   depth is the number of enclosing divisions (chapter 1, sect1 2, …; capped at 6).
 * - `info`: metadata (`info`, `chapterinfo`, …): dropped, except the title a division takes from it.
 * - `title`: the title of its parent (a heading for a division, a bold paragraph for a formal
 *   object, admonition or list); `drop`: never read (index terms, remarks, callout marks).
 * - `paragraph`: a paragraph; block children inside it (DocBook 4 lets a `para` hold lists and
 *   listings) split it into paragraphs and those blocks.
 * - `container`: its blocks, in order, without a node of its own (examples, figures, `formalpara`).
 * - `code`: a literal block (code): its text, line breaks and indentation as written.
 * - `list` / `ordered-list` / `item`: a list and its items.
 * - `term-list` / `term-entry` / `term`: a definition list; each entry becomes one item holding a
 *   paragraph of its terms, then the blocks of its definition (the entry's `item`).
 * - `admonition`: a block quote (notes, tips, warnings, sidebars, quotations).
 * - `table` / `table-part` / `row` / `cell`: a table; `table-part` (tgroup, thead, tbody) only groups rows.
 * - `code-phrase`: inline code; `emphasis`: emphasis (`strong` with `role="bold"`/`"strong"`);
 *   `replaceable`: emphasis, and its text is a placeholder the markup names.
 * - `link`: its text, or the address it points to when it has none (an empty `ulink`);
 *   `xref`: the text of the element it points to (its `xreflabel`, else its title, else the id).
 */
export type DocbookRole =
  | 'section'
  | 'info'
  | 'title'
  | 'drop'
  | 'paragraph'
  | 'container'
  | 'code'
  | 'list'
  | 'ordered-list'
  | 'item'
  | 'term-list'
  | 'term-entry'
  | 'term'
  | 'admonition'
  | 'table'
  | 'table-part'
  | 'row'
  | 'cell'
  | 'code-phrase'
  | 'emphasis'
  | 'replaceable'
  | 'link'
  | 'xref';

/** Element name (local name, lower case) → role. Elements not listed are phrases. */
export const DOCBOOK_ELEMENTS: Readonly<Record<string, DocbookRole>> = {
  // Divisions and components (TDG "Sections", "Components", "Divisions").
  set: 'section', book: 'section', part: 'section', reference: 'section', article: 'section',
  chapter: 'section', appendix: 'section', preface: 'section', colophon: 'section', dedication: 'section',
  acknowledgements: 'section', glossary: 'section', bibliography: 'section', refentry: 'section',
  sect1: 'section', sect2: 'section', sect3: 'section', sect4: 'section', sect5: 'section',
  section: 'section', simplesect: 'section', refsection: 'section', refsect1: 'section',
  refsect2: 'section', refsect3: 'section', refsynopsisdiv: 'section', topic: 'section',
  // Metadata wrappers (DocBook 5 `info`, DocBook 4 `*info`, SGML `docinfo`).
  info: 'info', bookinfo: 'info', articleinfo: 'info', chapterinfo: 'info', appendixinfo: 'info',
  prefaceinfo: 'info', partinfo: 'info', referenceinfo: 'info', refentryinfo: 'info', setinfo: 'info',
  sect1info: 'info', sect2info: 'info', sect3info: 'info', sect4info: 'info', sect5info: 'info',
  sectioninfo: 'info', refsect1info: 'info', refsect2info: 'info', refsect3info: 'info',
  refsectioninfo: 'info', refsynopsisdivinfo: 'info', glossaryinfo: 'info', bibliographyinfo: 'info',
  blockinfo: 'info', objectinfo: 'info', docinfo: 'info', refmeta: 'info',
  title: 'title',
  // Never read: index entries, editorial remarks, generated lists, callout and anchor marks.
  indexterm: 'drop', remark: 'drop', comment: 'drop', titleabbrev: 'drop', subtitle: 'drop',
  index: 'drop', setindex: 'drop', toc: 'drop', lot: 'drop', anchor: 'drop', co: 'drop', coref: 'drop',
  areaspec: 'drop', area: 'drop', areaset: 'drop', colspec: 'drop', spanspec: 'drop', col: 'drop',
  beginpage: 'drop', sbr: 'drop', footnote: 'drop', footnoteref: 'drop', alt: 'drop',
  mediaobject: 'drop', inlinemediaobject: 'drop', graphic: 'drop', inlinegraphic: 'drop',
  // Paragraphs and block containers.
  para: 'paragraph', simpara: 'paragraph',
  formalpara: 'container', example: 'container', informalexample: 'container', figure: 'container',
  informalfigure: 'container', equation: 'container', informalequation: 'container',
  abstract: 'container', legalnotice: 'container', partintro: 'container', highlights: 'container',
  programlistingco: 'container', screenco: 'container', caption: 'container', refnamediv: 'container',
  // Literal blocks (TDG "programlisting", "screen", "literallayout", "synopsis").
  programlisting: 'code', screen: 'code', literallayout: 'code', synopsis: 'code',
  funcsynopsisinfo: 'code', classsynopsisinfo: 'code',
  // Lists.
  itemizedlist: 'list', simplelist: 'list', calloutlist: 'list', stepalternatives: 'list',
  orderedlist: 'ordered-list', procedure: 'ordered-list', substeps: 'ordered-list',
  listitem: 'item', step: 'item', member: 'item', callout: 'item', glossdef: 'item',
  variablelist: 'term-list', glosslist: 'term-list', glossdiv: 'container',
  varlistentry: 'term-entry', glossentry: 'term-entry', term: 'term', glossterm: 'term',
  // Admonitions and set-off blocks.
  note: 'admonition', tip: 'admonition', warning: 'admonition', important: 'admonition',
  caution: 'admonition', danger: 'admonition', sidebar: 'admonition', blockquote: 'admonition',
  epigraph: 'admonition',
  // Tables: the CALS model (tgroup, row, entry) and the HTML model DocBook also allows.
  table: 'table', informaltable: 'table', tgroup: 'table-part', thead: 'table-part',
  tbody: 'table-part', tfoot: 'table-part', colgroup: 'table-part', row: 'row', tr: 'row',
  entry: 'cell', entrytbl: 'cell', td: 'cell', th: 'cell',
  // Inline code-like text (rendered in a fixed-width font by the DocBook style sheets).
  command: 'code-phrase', userinput: 'code-phrase', computeroutput: 'code-phrase', literal: 'code-phrase',
  filename: 'code-phrase', option: 'code-phrase', varname: 'code-phrase', envar: 'code-phrase',
  function: 'code-phrase', parameter: 'code-phrase', systemitem: 'code-phrase', code: 'code-phrase',
  tag: 'code-phrase', sgmltag: 'code-phrase', markup: 'code-phrase', prompt: 'code-phrase',
  constant: 'code-phrase', type: 'code-phrase', classname: 'code-phrase', methodname: 'code-phrase',
  structname: 'code-phrase', structfield: 'code-phrase', property: 'code-phrase', uri: 'code-phrase',
  token: 'code-phrase', symbol: 'code-phrase', errorcode: 'code-phrase', errorname: 'code-phrase',
  returnvalue: 'code-phrase', database: 'code-phrase', email: 'code-phrase',
  emphasis: 'emphasis', citetitle: 'emphasis', foreignphrase: 'emphasis', firstterm: 'emphasis',
  replaceable: 'replaceable',
  ulink: 'link', link: 'link', olink: 'link',
  xref: 'xref',
};

/**
 * Elements whose content is EMPTY in the DocBook 4 DTD: in SGML their start tag stands alone
 * (`<xref linkend="x">`, no end tag), so a reader must not wait for one.
 */
export const DOCBOOK_EMPTY: ReadonlySet<string> = new Set([
  'anchor', 'area', 'audiodata', 'beginpage', 'co', 'colspec', 'coref', 'footnoteref', 'graphic',
  'imagedata', 'inlinegraphic', 'sbr', 'spanspec', 'textdata', 'varargs', 'videodata', 'void', 'xref',
]);

/** The role of an element by its local name (phrase when unlisted: `undefined`). */
export function docbookRole(name: string): DocbookRole | undefined {
  return Object.hasOwn(DOCBOOK_ELEMENTS, name) ? DOCBOOK_ELEMENTS[name] : undefined;
}
