/**
 * HTML guides to mdast: rehype-parse, then the page chrome is dropped (scripts, navigation, table of
 * contents, glossary pop-ups: the dialect's `drop` selectors), `<em class="replaceable">` names are
 * collected as placeholders, and hast-util-to-mdast brings the rest onto the Markdown tree so one
 * extractor serves both formats.
 */
import type { Element, Root as HastRoot, RootContent as HastContent } from 'hast';
import { selectAll, select } from 'hast-util-select';
import { toMdast } from 'hast-util-to-mdast';
import { toText } from 'hast-util-to-text';
import type { Root } from 'mdast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';

/** A placeholder marked by the page (`<em class="replaceable"><code>NAME</code></em>`) at a guide line. */
export interface Replaceable {
  name: string;
  line: number;
}

/** The Markdown tree of an HTML guide and the placeholders its markup names. */
export interface HtmlTree {
  tree: Root;
  replaceables: Replaceable[];
}

const processor = unified().use(rehypeParse, { fragment: false });

/**
 * Parses an HTML guide. The content root is `#content` when the page has one, else `<body>`.
 * @param drop CSS selectors of elements to remove before conversion (from the dialect grammar).
 */
export function htmlToMdast(text: string, drop: string[]): HtmlTree {
  const hast = processor.parse(text) as HastRoot;
  const root: HastRoot = { type: 'root', children: [] };
  const content = (select('#content', hast) ?? select('body', hast) ?? hast) as Element | HastRoot;
  root.children = content.type === 'root' ? content.children : [content as HastContent];
  for (const selector of drop) {
    for (const node of selectAll(selector, root)) removeNode(root, node);
  }
  const replaceables: Replaceable[] = [];
  for (const em of selectAll('em.replaceable', root)) {
    const name = toText(em).trim();
    if (name) replaceables.push({ name, line: em.position?.start.line ?? 1 });
  }
  const tree = toMdast(root) as Root;
  return { tree, replaceables };
}

/** Removes `target` from wherever it sits below `root`. */
function removeNode(root: HastRoot | Element, target: Element): boolean {
  const children = root.children as HastContent[];
  const at = children.indexOf(target);
  if (at >= 0) {
    children.splice(at, 1);
    return true;
  }
  return children.some((child) => child.type === 'element' && removeNode(child, target));
}
