/**
 * A guard before parsing: Markdown lists and block quotes nested far deeper than any guide nests
 * them (`- - - - …` or `> > > …` thousands of levels deep) make the Markdown parser's time grow
 * faster than linearly and overflow the stack, so they are refused with a diagnostic at the line.
 * So are AsciiDoc lines indented far deeper than any guide indents them: Asciidoctor.js trims
 * each line with Opal's `rstrip` (`/[\s\u0000]*$/`), which rescans the leading white space from
 * each of its columns: time grows with the square of the indentation (a 2,000-level list indented
 * two columns a level, 4 MB, took 13 s of CPU).
 */
import type { GuideFormat } from '../ir/types.js';
import { GuideError } from './guide-error.js';

/** Deepest list / block-quote nesting read, in levels. Guides nest lists 3 or 4 levels deep. */
export const MAX_NESTING = 64;

/** Deepest indentation of an AsciiDoc line, in leading white-space characters (a tab or an ideographic space counts one): 64 levels of two. */
export const MAX_ASCIIDOC_INDENT = 2 * MAX_NESTING;

/**
 * Budget of the AsciiDoc guard over the whole guide: the sum over lines of the square of their
 * indentation (what Asciidoctor's trim rescans), about 0.2 s of CPU. 128 columns on every line of
 * a 4,000-line guide stays within it; a guide indents a few lines a few columns.
 */
export const ASCIIDOC_INDENT_BUDGET = 64 * 1024 * 1024;

/** The container markers (`>`, `-`, `*`, `+`, `1.`, `1)`) that open a line, with their indentation. */
const CONTAINERS = /^(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))+/;

/**
 * Throws when a Markdown guide nests lists or block quotes more than {@link MAX_NESTING} levels
 * on one line (counting each container marker and every 2 columns of indentation before it), or
 * an AsciiDoc guide indents a line more than {@link MAX_ASCIIDOC_INDENT} columns or its lines
 * more than {@link ASCIIDOC_INDENT_BUDGET} together. Text and HTML guides are not checked here
 * (the text grammar does not nest; HTML nesting is caught as a stack overflow by the caller).
 * @param lines the guide's lines (line N at index N-1).
 * @throws {GuideError} `nesting-too-deep` at the first line that nests too deeply.
 */
export function checkNesting(lines: readonly string[], format: GuideFormat, path: string): void {
  if (format === 'asciidoc') return checkAsciidocIndent(lines, path);
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

/** What Opal's `rstrip` trims (`[\s\u0000]`): white space (ideographic spaces too) and NUL. */
const trimmed = (ch: string): boolean => ch === '\0' || /\s/u.test(ch);

/** The AsciiDoc half of {@link checkNesting}: each line's indentation and their sum of squares. */
function checkAsciidocIndent(lines: readonly string[], path: string): void {
  let spent = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let indent = 0;
    while (indent < line.length && trimmed(line[indent]!)) indent++;
    if (indent === line.length) continue; // a blank line: the trim matches at its first column
    spent += indent * indent;
    if (indent > MAX_ASCIIDOC_INDENT || spent > ASCIIDOC_INDENT_BUDGET) {
      const why = indent > MAX_ASCIIDOC_INDENT ? `a line indented ${indent} columns` : 'lines indented this deeply this often';
      throw new GuideError('nesting-too-deep', `Unexpected ${why} in AsciiDoc guide ${path}, expected at most ${MAX_ASCIIDOC_INDENT} columns (the AsciiDoc reader's time grows with the square of a line's indentation)`, i + 1, 1);
    }
  }
}
