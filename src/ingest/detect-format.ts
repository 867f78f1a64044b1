/**
 * Detecting a guide's format from its content, never from its file name: each format's own syntax
 * (markup at the top of the file, AsciiDoc section titles and delimited blocks, reStructuredText
 * directives and underlined titles, Markdown ATX headings and fences) is counted, and the format
 * with the strongest evidence wins; with too little evidence for any markup, the guide is plain
 * text.
 */
import type { GuideFormat } from '../ir/types.js';

/** DocBook elements that may stand at the root of a DocBook file (a book or one of its parts). */
const DOCBOOK_ROOTS = new Set([
  'appendix', 'article', 'bibliography', 'book', 'chapter', 'glossary', 'index', 'part', 'partintro', 'preface',
  'refentry', 'reference', 'sect1', 'sect2', 'sect3', 'sect4', 'sect5', 'section', 'set', 'setindex',
]);

/** Leading comments, processing instructions and white space before a markup file's first tag. */
const MARKUP_PROLOGUE = /^(?:\s+|<!--[\s\S]*?-->|<\?[\s\S]*?\?>)*/;

/**
 * The format of a file that starts with markup: DocBook when its doctype or first element is a
 * DocBook root (or it declares the DocBook namespace), HTML for `<!doctype html>`, `<html>`,
 * `<head>`, `<body>` or any other XML; undefined when the text does not start with markup.
 * @param head the first few KB of the guide.
 */
export function markupFormat(head: string): GuideFormat | undefined {
  const rest = head.slice(MARKUP_PROLOGUE.exec(head)?.[0].length ?? 0);
  const doctype = /^<!doctype\s+([\w:-]+)/i.exec(rest);
  if (doctype) {
    const root = doctype[1]!.toLowerCase();
    if (root === 'html') return 'html';
    return DOCBOOK_ROOTS.has(root) || /^<!doctype[^>]*docbook/i.test(rest) ? 'docbook' : 'html';
  }
  const element = /^<([A-Za-z][\w:.-]*)/.exec(rest);
  if (!element) return head.trimStart().startsWith('<?xml') ? 'html' : undefined;
  const name = element[1]!.toLowerCase().replace(/^[\w.-]+:/, '');
  if (DOCBOOK_ROOTS.has(name) || /xmlns(?::\w+)?=["']http:\/\/docbook\.org\/ns\/docbook/.test(rest.slice(0, 600))) return 'docbook';
  if (['html', 'head', 'body'].includes(name) || head.trimStart().startsWith('<?xml')) return 'html';
  return undefined;
}

/** Evidence counted per line for one lightweight markup format. */
interface Signal {
  re: RegExp;
  weight: number;
}

/** AsciiDoc's own syntax (Asciidoctor's user manual): titles, delimited blocks, anchors, attributes. */
const ASCIIDOC: Signal[] = [
  { re: /^={1,5} \S/, weight: 1 }, // section title (Markdown uses `#`, RST underlines)
  { re: /^\[\[[\w:.-]+(?:,[^\]]*)?\]\]\s*$/, weight: 2 }, // block anchor
  { re: /^\[(?:source|listing|literal|NOTE|TIP|IMPORTANT|WARNING|CAUTION|quote|verse|subs|cols|options)\b[^\]]*\]\s*$/, weight: 2 }, // block attribute line
  { re: /^:!?[\w-]+!?:(?:\s|$)/, weight: 2 }, // attribute entry
  { re: /^(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION): \S/, weight: 1 }, // admonition paragraph
  { re: /^(?:include|image|toc)::\S*\[/, weight: 2 }, // block macro
  { re: /(?:indexterm2?|footnote|link|xref|kbd|menu|btn):[^\s[]*\[/, weight: 1 }, // inline macro
  { re: /<<[\w:.-]+(?:,[^>]*)?>>/, weight: 1 }, // cross reference
];

/** reStructuredText's own syntax (docutils' specification): directives, targets, roles, literal blocks. */
const RST: Signal[] = [
  { re: /^\s*\.\. [\w:-]+::(?:\s|$)/, weight: 2 }, // directive
  { re: /^\s*\.\. _[^:]+:/, weight: 2 }, // hyperlink target
  { re: /:(?:ref|doc|term|code|command|file|option|program|envvar|abbr):`/, weight: 1 }, // interpreted text role
  { re: /\S::\s*$/, weight: 1 }, // a paragraph introducing a literal block
  { re: /^\s*\.\. end\s*$/, weight: 1 },
];

/** Markdown's own syntax: ATX headings and fenced code. */
const MARKDOWN: Signal[] = [
  { re: /^#{1,6} \S/, weight: 1 },
  { re: /^\s{0,3}(?:```|~~~)/, weight: 1 },
];

/** Least evidence (weighted line count) before AsciiDoc or reStructuredText is chosen over Markdown/text. */
const MIN_LIGHT_MARKUP = 6;

/**
 * Guesses the format of a guide's text.
 * - Markup at the top (after comments and processing instructions): DocBook or HTML
 *   ({@link markupFormat}).
 * - Else AsciiDoc or reStructuredText when that format's own syntax (weighted line counts of the
 *   signals above, plus underlined titles for reStructuredText) reaches {@link MIN_LIGHT_MARKUP}
 *   and outweighs Markdown's.
 * - Else Markdown when it has ATX headings or fenced code (≥ 2 fences or ≥ 3 headings), else text.
 * Reads at most the first 400 000 characters. Never throws.
 */
export function detectFormat(text: string): GuideFormat {
  const markup = markupFormat(text.slice(0, 4096));
  if (markup) return markup;
  const sample = text.length > 400_000 ? text.slice(0, 400_000) : text;
  const lines = sample.split(/\r\n?|\n/);
  let asciidoc = 0;
  let rst = 0;
  let fences = 0;
  let headings = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    for (const s of ASCIIDOC) if (s.re.test(line)) asciidoc += s.weight;
    for (const s of RST) if (s.re.test(line)) rst += s.weight;
    if (MARKDOWN[0]!.re.test(line)) headings++;
    if (MARKDOWN[1]!.re.test(line)) fences++;
    if (isRstUnderline(lines[i - 1], line, lines[i + 1])) rst += 1;
    if (/^-{4,}\s*$/.test(line) || /^\.{4,}\s*$/.test(line)) asciidoc += 0.5; // listing / literal delimiters
  }
  const markdown = fences + headings;
  const light = asciidoc >= rst ? { format: 'asciidoc' as const, score: asciidoc } : { format: 'rst' as const, score: rst };
  if (light.score >= MIN_LIGHT_MARKUP && light.score > markdown) return light.format;
  return fences >= 2 || headings >= 3 ? 'markdown' : 'text';
}

/**
 * True when the text holds fenced code (two or more fence lines, at most 3 spaces in): Markdown for
 * certain, as opposed to a plain-text export whose `# command` lines only look like ATX headings.
 */
export function hasFencedCode(text: string): boolean {
  const fence = /^ {0,3}(?:```|~~~)/gm;
  return fence.exec(text) !== null && fence.exec(text) !== null;
}

/**
 * True when `line` underlines the title `above` the way reStructuredText does: one punctuation
 * character repeated at least three times, under a non-blank line that is not itself such a rule,
 * and followed by a blank line or the end of the text.
 */
function isRstUnderline(above: string | undefined, line: string, below: string | undefined): boolean {
  if (!above || !above.trim() || !/^([=\-~^"'`#*+:.])\1{2,}\s*$/.test(line)) return false;
  if (/^([=\-~^"'`#*+:.])\1{2,}\s*$/.test(above) || /^[-*+]\s|^\s/.test(above)) return false;
  return below === undefined || !below.trim();
}
