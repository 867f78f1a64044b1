/**
 * Comments in bare listings. A listing block that shows commands without prompts (AsciiDoc's bare
 * `----` blocks, a Markdown fence of plain commands) may explain them with shell comments written
 * in Japanese prose (`# DRBDとLINSTORパッケージをインストールします`). Such a `#` line is not a root
 * prompt: no shell command starts with kana or kanji. It is the text of the step the commands
 * below it carry out, or a step with no command at all (「まず、…リポジトリを設定します」), or a
 * remark on the command above it (「…がある場合は繰り返します」).
 *
 * Such a block is split into the steps it holds: each run of comment lines becomes a step's text
 * block (an `item`, as a list item is, so that a step with no command can become a manual step),
 * each run of command lines a code block of its own, all at the block's depth and guide lines.
 * Blocks with any real prompt (`$ cmd`, `# cmd`) are left as they are: there, the prompts tell
 * commands from comments.
 */
import type { Grammar } from '../grammar/load-grammar.js';
import { hasJapanese } from '../nlp/text.js';
import type { Block, CodeBlock, CodeLine } from '../parse/blocks.js';

/** A shell comment line: `#` and its text. */
const COMMENT = /^\s*#+\s*(.*)$/u;

/** The Japanese prose of a `#` comment line, or null when the line is not one. */
function proseComment(text: string): string | null {
  const m = COMMENT.exec(text);
  const body = m?.[1]?.trim() ?? '';
  return m && body && hasJapanese(body) ? body : null;
}

/** A line shown without prompt that reads as a shell command: a lower-case command word, no `key = value`. */
const COMMAND_SHAPE = /^[a-z][\w.+-]*(?:\s|$)/;
const SETTING_SHAPE = /\s=\s|^\S+=/;

/**
 * True when `b` is a bare listing explained by Japanese comments: it has at least one comment line
 * ({@link proseComment}) and one other non-blank line, no other line starts with a prompt of the
 * grammar, and every other line reads as a command ({@link COMMAND_SHAPE}, not a setting): a
 * file's content with `#` comments (`bind-address = …`) is not one.
 */
export function isCommentedBareListing(b: CodeBlock, g: Grammar): boolean {
  let comments = 0;
  let bare = 0;
  for (const { text } of b.lines) {
    const t = text.trim();
    if (!t) continue;
    if (proseComment(t) !== null) comments++;
    else if (g.prompts.some((p) => p.re.test(t)) || !COMMAND_SHAPE.test(t) || SETTING_SHAPE.test(t)) return false;
    else bare++;
  }
  return comments > 0 && bare > 0;
}

/**
 * The steps a commented bare listing ({@link isCommentedBareListing}) holds, in order: a text block
 * per run of comment lines (the lines' texts joined with a space, at the first comment's line,
 * `item: true`) and a code block per run of other lines (blank lines inside a run kept), all at
 * the block's depth; null for any other block. The caller decides whether the block is a listing
 * of commands at all (a block shown as a file's content is not split).
 */
export function commentedListingParts(b: CodeBlock, g: Grammar): Block[] | null {
  if (!isCommentedBareListing(b, g)) return null;
  const out: Block[] = [];
  let comment: { texts: string[]; line: number } | null = null;
  let code: CodeLine[] = [];
  const flushComment = (): void => {
    if (comment) out.push({ type: 'text', text: comment.texts.join(' '), line: comment.line, depth: b.depth, item: true });
    comment = null;
  };
  const flushCode = (): void => {
    while (code.length && !code[code.length - 1]!.text.trim()) code.pop();
    if (code.length) out.push({ type: 'code', lines: code, line: code[0]!.line, depth: b.depth, fenced: b.fenced });
    code = [];
  };
  for (const l of b.lines) {
    const prose = proseComment(l.text);
    if (prose !== null) {
      flushCode();
      if (comment) comment.texts.push(prose);
      else comment = { texts: [prose], line: l.line };
    } else if (!l.text.trim()) {
      flushComment();
      if (code.length) code.push(l);
    } else {
      flushComment();
      code.push(l);
    }
  }
  flushComment();
  flushCode();
  return out;
}
