/**
 * Notes written inside code blocks, taken out before the lines are read as commands or content.
 *
 * Guides annotate the lines they show: a remark at a line's end (`bind-address = 10.0.0.101  ← 追記`,
 * `[keystone_authtoken]（以下を追記）`), a line that is only a remark (`（設定を反映）` after a
 * command, `(adminユーザー認証情報を読み込む)`), and a before/after pair joined by an arrow line
 * (`127.0.0.1 localhost` / `↓` / `127.0.0.1 myhost localhost`). GOLD_FORMAT.md: annotations are not
 * content; the line they mark is kept, and of a before/after pair only the line after the arrow
 * is what the file must hold. The marks are data (grammars/base.yaml `codeNotes`).
 */
import type { Grammar } from '../grammar/load-grammar.js';
import type { CodeBlock, CodeLine } from '../parse/blocks.js';

/**
 * The block without its notes: note lines and change arrows dropped (with the line before each
 * arrow), trailing notes cut from the lines they end. Every kept line keeps its guide line; a
 * block with no note is returned as it is (the same object). A note line that is a check caption
 * (`codeNotes.checks`: `(…ことを確認)`) is kept with `caption: true`; the reader makes it the
 * expected result of the commands above it.
 * @param b a code block of the block stream.
 * @param g the grammar whose `codeNotes` name the marks.
 */
export function withoutCodeNotes(b: CodeBlock, g: Grammar): CodeBlock {
  const { trailing, lines: noteLines, checks, change } = g.codeNotes;
  if (trailing.length === 0 && noteLines.length === 0 && !change) return b;
  const kept: CodeLine[] = [];
  let changed = false;
  for (const l of b.lines) {
    const t = l.text.trim();
    if (t && noteLines.some((re) => re.test(t))) {
      changed = true;
      // A caption saying what the commands above show stays, marked (their expected result).
      if (checks.some((re) => re.test(t))) kept.push({ text: l.text, line: l.line, caption: true });
      continue;
    }
    if (t && change?.test(t)) {
      changed = true;
      // The line before the arrow is the text before the change (blank lines between are kept).
      for (let i = kept.length - 1; i >= 0; i--) {
        if (kept[i]!.text.trim()) {
          kept.splice(i, 1);
          break;
        }
      }
      continue;
    }
    let text = l.text;
    for (const re of trailing) text = text.replace(re, '');
    if (text !== l.text) changed = true;
    kept.push(text === l.text ? l : { text, line: l.line });
  }
  return changed ? { ...b, lines: kept } : b;
}
