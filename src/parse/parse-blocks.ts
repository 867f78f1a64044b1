/**
 * The format half of parsing a guide: bytes → text → format and dialect → the block stream.
 *
 * Everything this pass returns is plain data (strings, numbers, arrays), so it can run in a worker
 * thread (src/pool/parse-pool.ts) while the main thread, which holds the one kuromoji dictionary,
 * extracts steps from guides parsed earlier. It never loads the dictionary.
 */
import { checkNesting } from '../ingest/check-nesting.js';
import { detectDialect, GENERIC_DIALECT } from '../ingest/detect-dialect.js';
import { GuideError } from '../ingest/guide-error.js';
import { lintGuide } from '../ingest/lint-guide.js';
import { readGuide } from '../ingest/read-guide.js';
import type { Grammar } from '../grammar/load-grammar.js';
import { messagesOf } from '../ir/messages.js';
import type { GuideFormat, Message } from '../ir/types.js';
import type { Block } from './blocks.js';
import { asciidocToMdast } from './asciidoc-to-mdast.js';
import { docbookToMdast } from './docbook-to-mdast.js';
import { htmlToMdast, type Replaceable } from './html-to-mdast.js';
import { markdownToMdast } from './markdown-to-mdast.js';
import { mdastToBlocks } from './mdast-to-blocks.js';
import { splitLines } from './normalize.js';
import { renumberBlocks, storedLine, storedLineNumbers } from './stored-lines.js';
import { textToBlocks } from './text-to-blocks.js';

/**
 * A reStructuredText guide's blocks, read by src/parse/rst-to-mdast.ts (imported on first use: the
 * parser costs ~100 ms to load, which other formats need not pay). The reader's warnings join
 * `messages`. When the parser fails on the guide, the guide is read with the line grammar and an
 * `rst-not-parsed` warning says so.
 */
async function rstBlocks(lines: string[], grammar: Grammar, messages: Message[]): Promise<Block[]> {
  const { rstToMdast } = await import('./rst-to-mdast.js');
  let read;
  try {
    read = rstToMdast(lines);
  } catch (error) {
    if (error instanceof RangeError) throw error;
    messages.push({ ruleId: 'rst-not-parsed', severity: 'warning', reason: `Unexpected reStructuredText the parser could not read (${(error as Error).message}), expected a document docutils accepts; read as plain text instead`, line: 1, column: 1 });
    return textToBlocks(lines, grammar);
  }
  messages.push(...read.messages);
  messages.sort((a, b) => a.line - b.line);
  return mdastToBlocks(read.tree, lines);
}

/** Options of {@link parseBlocks}. */
export interface ParseBlocksOptions {
  /** Dialect name (a grammar in grammars/) that overrides detection. */
  dialect?: string;
  /** The guide's bytes, when already in memory (the path is then only its name). */
  bytes?: Uint8Array;
}

/**
 * A guide brought onto the block stream: what extraction needs, as structured-clonable data.
 * `dialect` names the grammar (load it again with `loadGrammar`; grammars are cached per process).
 */
export interface ParsedGuide {
  /** The guide's path as given. */
  path: string;
  format: GuideFormat;
  dialect: string;
  /** SHA-256 of the bytes as stored, hex. */
  sha256: string;
  /** The encoding the bytes were decoded from (`UTF-8`, `SHIFT_JIS`, `EUC-JP`, …; see src/ingest/decode-guide.ts). */
  encoding: string;
  /** Warnings of reading and of the guide's shape (charset mismatch, unterminated fence, truncated HTML), in guide order. */
  messages: Message[];
  blocks: Block[];
  /** Placeholders the markup names (HTML `<em class="replaceable">`, DocBook `<replaceable>` and the
   * entities defined outside the file that its literal blocks use); empty for other formats. */
  replaceables: Replaceable[];
}

/**
 * Reads a guide and parses it into blocks (Markdown with remark, HTML with rehype, AsciiDoc with
 * Asciidoctor, DocBook with rehype after docbook-markup.ts, plain text with the dialect's line
 * grammar).
 * @param path the guide's path; kept as given.
 * @throws {GuideError} when the file cannot be read, is empty, binary, undecodable, larger than
 *   16 MiB or nested too deeply (rule id and line in the error); {GrammarError} for an unknown `dialect`.
 */
export async function parseBlocks(path: string, options: ParseBlocksOptions = {}): Promise<ParsedGuide> {
  const { file, text, sha256, encoding } = await readGuide(path, options.bytes);
  const { format, grammar } = detectDialect(text, options.dialect);
  const lines = splitLines(text).map((line) => grammar.preprocess.reduce((l, r) => l.replace(r.re, r.replace), line));
  checkNesting(lines, format, path);
  const messages = messagesOf(file);
  // Lone CRs inside LF-ended lines are read as line breaks but numbered with the stored line.
  const stored = storedLineNumbers(text);
  for (const w of lintGuide(lines, format)) messages.push({ ruleId: w.ruleId, severity: 'warning', reason: w.reason, line: storedLine(stored, w.line), column: w.column });
  if (grammar.name === GENERIC_DIALECT && !options.dialect) {
    messages.unshift({ ruleId: 'generic-reading', severity: 'info', reason: `No dialect claims this ${format} guide (none is written for the format, or none of their signature patterns matches), so it is read with the generic reading (grammars/generic.yaml); pass --dialect to choose one`, line: 1, column: 1 });
  }
  let blocks: Block[];
  let replaceables: Replaceable[] = [];
  try {
    switch (format) {
      case 'text':
        blocks = textToBlocks(lines, grammar);
        break;
      case 'markdown':
        blocks = mdastToBlocks(markdownToMdast(lines.join('\n')), lines);
        break;
      case 'html': {
        const html = htmlToMdast(text, grammar.drop);
        blocks = mdastToBlocks(html.tree, lines);
        replaceables = html.replaceables;
        break;
      }
      case 'rst':
        blocks = await rstBlocks(lines, grammar, messages);
        break;
      case 'asciidoc': {
        const adoc = asciidocToMdast(lines.join('\n'), lines);
        blocks = mdastToBlocks(adoc.tree, lines);
        messages.push(...adoc.messages);
        break;
      }
      case 'docbook': {
        const docbook = docbookToMdast(text);
        blocks = mdastToBlocks(docbook.tree, lines);
        replaceables = docbook.replaceables;
        messages.push(...docbook.messages);
        break;
      }
    }
  } catch (error) {
    // A stack overflow in the Markdown/HTML tree walkers: elements nested thousands deep.
    if (error instanceof RangeError) throw new GuideError('nesting-too-deep', `Unexpected ${format === 'html' ? 'elements' : 'blocks'} nested too deeply to read in ${path} (${error.message}), expected a guide nested at most a few dozen levels`);
    throw error;
  }
  if (stored) blocks = renumberBlocks(blocks, stored);
  return { path, format, dialect: grammar.name, sha256, encoding, messages, blocks, replaceables };
}
