/**
 * reStructuredText inline markup (rst-compiler's inline nodes) to mdast phrasing content: the
 * markup goes, the text the reader sees stays (reStructuredText specification, "Inline Markup";
 * Sphinx, "Roles").
 *
 * - ``` ``literal`` ``` → inlineCode with its text; `*emphasis*` / `**strong**` → emphasis / strong;
 * - `` `label <url>`_ `` and `` `name`_ `` → a link whose text is the label;
 * - interpreted text (`` :ref:`title <target>` ``, `` :doc:`page` ``, `` `x` ``) → its text: for
 *   Sphinx's cross-reference roles the explicit title when one is given, else the target;
 * - `|name|` → the text of the `.. |name| replace:: …` definition when the document has one;
 * - footnote and citation references (`[1]_`) are dropped, as a reader of the prose skips them.
 *
 * rst-compiler recognises inline markup only next to white space and ASCII punctuation, where
 * docutils also accepts Unicode punctuation (specification, "Inline markup recognition rules":
 * categories Pd, Po, Ps, Pi, Pf before a start-string; Pd, Po, Pe, Pi, Pf after an end-string).
 * Japanese prose puts `、` `。` `「` `（` right against the markup (``` 、``ServerName``オプション ```
 * is plain text to docutils only because `オ` is a letter), so the inline literals the parser left
 * in text are taken out by {@link repairLiterals} with docutils' rule.
 */
import type { PhrasingContent } from 'mdast';
import type { RstHyperlinkRef, RstInterpretedText, RstNode } from 'rst-compiler';

/** Sphinx roles written `:role:`title <target>``, whose text is the title (Sphinx "Cross-referencing syntax"). */
const TITLED_ROLES = new Set(['ref', 'doc', 'term', 'any', 'download', 'numref', 'envvar', 'option', 'keyword', 'token', 'class', 'func', 'meth', 'mod', 'attr', 'obj', 'data', 'const', 'exc']);
/** `title <target>` in a role's text. */
const EXPLICIT_TITLE = /^([\s\S]*?\S)\s*<[^<>]+>$/u;

/** Before a start-string (docutils): start, white space, ASCII `- : / ' " < ( [ {`, or Unicode Pd/Po/Ps/Pi/Pf. */
const BEFORE = String.raw`(?<=^|[\s\-:/'"<(\[{\p{Pd}\p{Po}\p{Ps}\p{Pi}\p{Pf}])`;
/** After an end-string (docutils): end, white space, ASCII `- . , : ; ! ? \ / ' " ) ] } >`, or Unicode Pd/Po/Pe/Pi/Pf. */
const AFTER = String.raw`(?=$|[\s\-.,:;!?\\/'")\]}>\p{Pd}\p{Po}\p{Pe}\p{Pi}\p{Pf}])`;
/** An inline literal by docutils' recognition rules: no white space just inside the backquotes. */
const LEFT_LITERAL = new RegExp(`${BEFORE}\`\`(\\S(?:[\\s\\S]*?\\S)?)\`\`${AFTER}`, 'gu');

/**
 * A text node's value split into text and inlineCode where it still holds inline literals
 * (see the module comment); the value alone when it holds none.
 */
export function repairLiterals(value: string, position: ReturnType<typeof at>): PhrasingContent[] {
  if (!value.includes('``')) return [{ type: 'text', value, position }];
  const out: PhrasingContent[] = [];
  let from = 0;
  for (const m of value.matchAll(LEFT_LITERAL)) {
    if (m.index > from) out.push({ type: 'text', value: value.slice(from, m.index), position });
    out.push({ type: 'inlineCode', value: m[1]!, position });
    from = m.index + m[0].length;
  }
  if (from < value.length) out.push({ type: 'text', value: value.slice(from), position });
  return out;
}

/** Position of a node at a 1-based guide line. */
export function at(line: number): { start: { line: number; column: number }; end: { line: number; column: number } } {
  return { start: { line, column: 1 }, end: { line, column: 1 } };
}

/** The 1-based guide line where an rst-compiler node starts. */
export function lineOf(node: RstNode): number {
  return node.source.startLineIdx + 1;
}

/**
 * The phrasing content of rst-compiler inline nodes.
 * @param nodes the inline children of a paragraph, title, term or table cell.
 * @param substitutions replacement texts by substitution name (`.. |name| replace:: text`).
 */
export function inlineToMdast(nodes: readonly RstNode[], substitutions: ReadonlyMap<string, string>): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const node of nodes) {
    const position = at(lineOf(node));
    switch (node.nodeType) {
      case 'InlineLiteral':
        out.push({ type: 'inlineCode', value: node.textContent, position });
        break;
      case 'Emphasis':
        out.push({ type: 'emphasis', children: [{ type: 'text', value: node.textContent, position }], position });
        break;
      case 'StrongEmphasis':
        out.push({ type: 'strong', children: [{ type: 'text', value: node.textContent, position }], position });
        break;
      case 'HyperlinkRef': {
        const ref = node as RstHyperlinkRef;
        out.push({ type: 'link', url: ref.target, children: [{ type: 'text', value: ref.label, position }], position });
        break;
      }
      case 'InterpretedText': {
        const role = (node as RstInterpretedText).role;
        const text = node.textContent;
        out.push({ type: 'text', value: TITLED_ROLES.has(role) ? (EXPLICIT_TITLE.exec(text)?.[1] ?? text) : text, position });
        break;
      }
      case 'SubstitutionRef':
        out.push({ type: 'text', value: substitutions.get(node.textContent) ?? node.textContent, position });
        break;
      case 'FootnoteRef':
      case 'CitationRef':
        break;
      default:
        // Text, inline internal targets (`_`target``) and anything newer: the text as shown.
        if (node.children.length > 0 && node.nodeType !== 'Text') out.push(...inlineToMdast(node.children, substitutions));
        else out.push(...repairLiterals(node.textContent, position));
    }
  }
  return out;
}
