/**
 * Statements fed to a database client through a here-document.
 *
 * `mysql -u root -p << EOF` followed by `CREATE DATABASE keystone;` … `EOF` types its statements
 * into the client without a `mysql>` prompt: the lines up to the terminator are the client's
 * input, not output and not file content. GOLD_FORMAT.md records them as `sql` actions of the
 * session the command opened, continuation lines joined. The client is known by the grammar's
 * `sessions` (the command opens one); a here-document given to another command is left alone.
 */
import type { Grammar } from '../grammar/load-grammar.js';
import { normalizeRun } from '../parse/normalize.js';
import type { LogicalLine } from './code-lines.js';

/** `<<WORD`, `<< 'WORD'`, `<<-"WORD"`: group 2 is the terminator. */
const HEREDOC = /<<-?\s*(['"]?)([A-Za-z_]\w*)\1/u;
const EXIT = /^(?:exit|quit|\\q)\b/iu;

/**
 * The logical lines with each database here-document's body read as `sql` statements: a
 * statement runs over lines (a trailing continuation mark removed, pieces joined with one space)
 * to its `;` (or is a client exit command), and starts at the guide line of its first piece; the
 * terminator line is dropped; blank lines are kept as they were. Lines the reader took for
 * prompts inside the body (`# …` comments) are dropped too. Lines are returned as they are when
 * no command opens a session with a here-document.
 * @param items the block's logical lines (src/extract/code-lines.ts `logicalLines`).
 * @param g the grammar (its `sessions` and `continuation`).
 */
export function heredocStatements(items: LogicalLine[], g: Grammar): LogicalLine[] {
  const feedsClient = (it: LogicalLine): boolean => it.kind === 'command' && !it.open && HEREDOC.test(it.run) && g.sessions.some((s) => s.opens.test(it.run));
  if (!items.some(feedsClient)) return items;
  const out: LogicalLine[] = [];
  let terminator: string | null = null;
  let piece: { run: string; line: number } | null = null;
  const flush = (): void => {
    if (piece && piece.run.trim()) out.push({ kind: 'sql', run: normalizeRun(piece.run), line: piece.line, open: false });
    piece = null;
  };
  for (const it of items) {
    if (terminator === null) {
      out.push(it);
      if (it.kind === 'command' && feedsClient(it)) terminator = HEREDOC.exec(it.run)![2]!;
      continue;
    }
    const text = it.kind === 'literal' || it.kind === 'output' ? it.text.trim() : null;
    if (text === null) continue;
    if (text === terminator) {
      flush();
      terminator = null;
      continue;
    }
    if (!text) {
      out.push(it);
      continue;
    }
    const body = text.replace(g.continuation, '');
    piece = piece ? { run: `${piece.run} ${body}`, line: piece.line } : { run: body, line: it.line };
    if (/;\s*$/u.test(body) || EXIT.test(piece.run.trim())) flush();
  }
  flush();
  return out;
}
