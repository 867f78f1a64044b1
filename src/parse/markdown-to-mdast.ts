/**
 * Markdown guides to mdast, with unified + remark-parse + remark-gfm (tables, task lists).
 */
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkGfm);

/** Parses Markdown text into an mdast Root whose nodes carry `position` (1-based lines). */
export function markdownToMdast(text: string): Root {
  return processor.parse(text) as Root;
}
