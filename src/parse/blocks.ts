/**
 * The block stream: the one shape every input format is brought onto before extraction.
 *
 * Markdown and HTML reach it through mdast (mdast-to-blocks.ts); plain text through the dialect's
 * line grammar (text-to-blocks.ts). Blocks are in document order and carry the 1-based line of the
 * guide file where their text starts.
 */

/** One literal line of a code block, with its guide line. */
export interface CodeLine {
  text: string;
  line: number;
  /**
   * Set by src/extract/code-notes.ts on a note line kept as a caption: a remark that says what
   * the commands above it show (`(…ことを確認)`), read as their expected result.
   */
  caption?: true;
}

/** A section heading (`8.4.2. …`, `## …`, `<h2>`), or a numbered procedure title (`手順8.5 …`). */
export interface HeadingBlock {
  type: 'heading';
  depth: number;
  text: string;
  line: number;
  /** True for a numbered procedure title (`手順8.5 …`). */
  procedure: boolean;
}

/** Prose: a paragraph, a list item's own text, or a table row. */
export interface TextBlock {
  type: 'text';
  text: string;
  line: number;
  /** List nesting (0 = not in a list or top level). */
  depth: number;
  /** True for the text of a list item (a step), false for a paragraph. */
  item: boolean;
  /** The text before white space was folded, when its layout carries meaning (a name and its
   * description separated by a run of spaces). */
  raw?: string;
  /** The condition the markup puts the text under (Sphinx `.. only:: rdo` → `rdo`). */
  when?: string;
  /** The inline code spans of the text (Markdown `` `…` ``, HTML `<code>`), in order, when it has any. */
  code?: string[];
}

/** A literal block: fenced/indented code, `<pre>`, or prompt lines in a text guide. */
export interface CodeBlock {
  type: 'code';
  lines: CodeLine[];
  line: number;
  depth: number;
  /** True when the format marks it as code (a Markdown fence, `<pre>`, a prompt line); false for
   * text-guide lines taken as literal only because they hold no Japanese. */
  fenced: boolean;
  /** The language the markup names (```` ```ini ````, `.. code-block:: apache`), when it names one. */
  lang?: string;
  /** The file the markup says the lines are for (a Sphinx `.. path /etc/x.conf` comment). */
  file?: string;
  /** The condition the markup puts the block under (Sphinx `.. only:: rdo` → `rdo`). */
  when?: string;
}

/** A place where the page lost something or a scraping widget stood (text dialects only). */
export interface BoundaryBlock {
  type: 'boundary';
  line: number;
}

/** A block of the stream. */
export type Block = HeadingBlock | TextBlock | CodeBlock | BoundaryBlock;
