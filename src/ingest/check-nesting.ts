/**
 * A guard before parsing: Markdown lists and block quotes nested far deeper than any guide nests
 * them (`- - - - …` or `> > > …` thousands of levels deep) make the Markdown parser's time grow
 * faster than linearly and overflow the stack, so they are refused with a diagnostic at the line.
 */
import type { GuideFormat } from '../ir/types.js';
import { GuideError } from './guide-error.js';

/** Deepest list / block-quote nesting read, in levels. Guides nest lists 3 or 4 levels deep. */
export const MAX_NESTING = 64;

/** The container markers (`>`, `-`, `*`, `+`, `1.`, `1)`) that open a line, with their indentation. */
const CONTAINERS = /^(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))+/;

/**
 * Throws when a Markdown guide nests lists or block quotes more than {@link MAX_NESTING} levels
 * on one line (counting each container marker and every 2 columns of indentation before it).
 * Text and HTML guides are not checked here (the text grammar does not nest; HTML nesting is
 * caught as a stack overflow by the caller).
 * @param lines the guide's lines (line N at index N-1).
 * @throws {GuideError} `nesting-too-deep` at the first line that nests too deeply.
 */
export function checkNesting(lines: readonly string[], format: GuideFormat, path: string): void {
  if (format !== 'markdown') return;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = CONTAINERS.exec(line.length > 4096 ? line.slice(0, 4096) : line);
    if (!m) continue;
    const prefix = m[0];
    const markers = (prefix.match(/>|[-*+]|\d{1,9}[.)]/g) ?? []).length;
    const indent = prefix.length - prefix.trimStart().length;
    const depth = markers + Math.floor(indent / 2);
    if (depth > MAX_NESTING) {
      throw new GuideError('nesting-too-deep', `Unexpected list or quote nested ${depth} levels deep in ${path}, expected at most ${MAX_NESTING}`, i + 1, 1);
    }
  }
}
