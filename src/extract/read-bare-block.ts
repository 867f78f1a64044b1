/**
 * A code block read without prompts: the lines logicalLines left as literal (no prompt) are
 * decided from the line itself and the lines around it, as an operator reads a guide that shows
 * its commands bare.
 *
 * - A line whose first word is a known command (or that has a command's shape) is a command;
 *   continuation lines (`\`, a quoted string running on) join it.
 * - `vi FILE` opens the file: the lines after it are its content, framed by `---` lines (then a
 *   command may follow the closing frame: a script written and run) or running to the next editor
 *   line or the block's end. Consecutive editor lines share one content. An editor line that ends
 *   the block leaves its file to the next block (see blocks-to-steps).
 * - `cat >> FILE <<EOF` / `tee -a FILE <<EOF`: the here-document is FILE's content.
 * - `mysql … -p <<EOF`: the here-document is SQL typed in that session; so are SQL-shaped lines
 *   while a client session is open (a `mysql -u root -p…` in an earlier block).
 * - Notes to the reader (`→…`, `※…`, `~~~★…`, Japanese lines) are `note` items, never content
 *   or commands; `# …` lines are comments.
 * - After a prompted command, bare lines are its output.
 */
import type { Grammar, PromptRule } from '../grammar/load-grammar.js';
import { normalizeRun } from '../parse/normalize.js';
import type { CodeBlock } from '../parse/blocks.js';
import { bareCommandUser } from './bare-command-user.js';
import { classifyBareLine, isSqlStatement, looksLikeCommand, startsWithCommand } from './classify-line.js';
import { unbalanced, type LogicalLine } from './code-lines.js';

/** The prompt a bare command is read with: none shown, run as root (the guides' habit). */
export const BARE_PROMPT: PromptRule = { name: 'bare', re: /^/u, user: 'root', sql: false };
/** The prompt a bare command that raises its own privileges (`sudo …`) is read with: an ordinary user's. */
export const BARE_USER_PROMPT: PromptRule = { name: 'bare-user', re: /^/u, user: 'user', sql: false };

/** The bare prompt of `run`: whose it is follows bareCommandUser. */
function bareFor(run: string, g: Grammar): PromptRule {
  return bareCommandUser(run, g) === 'user' ? BARE_USER_PROMPT : BARE_PROMPT;
}

/** What the reader knows from before the block. */
export interface BareContext {
  /** A database client session opened earlier is still open. */
  inSession: boolean;
}

type Command = Extract<LogicalLine, { kind: 'command' }>;
type Sql = Extract<LogicalLine, { kind: 'sql' }>;

/**
 * A here-document opener at the end of a command: `<<EOF`, `<< 'EOF'`, `<<-EOF`; group 2 is the
 * terminator. `(?<!\s)`: the white space before `<<` is matched from its first character only (linear).
 */
export const HEREDOC = /(?<!\s)\s*<<-?\s*(['"]?)([A-Za-z_]\w*)\1\s*$/u;
/** The file a command writes to (`>> FILE`, `> FILE`, `tee -a FILE`): group 1. */
const WRITES_TO = /(?:\btee\s+(?:-a\s+)?|[^\d&<>]>>?\s*)([^\s|)&;<>]+)/u;
const SQL_END = /;\s*$/u;
const EXIT = /^(?:exit|quit|\\q)\b/iu;

/**
 * Reads the literal lines of a block bare (see the file comment).
 * @param items the block's logical lines (logicalLines' output: prompted lines, fences and notes
 *   are kept as they are).
 * @param g the grammar (its `bare` block, editors, sessions, continuation and output patterns).
 * @param ctx what is open from before the block.
 * @returns the block's logical lines with bare commands, statements, notes and edits decided;
 *   a line that is none of these stays `literal` (content inside an edit, else ignored).
 */
export function readBareLines(items: readonly LogicalLine[], g: Grammar, ctx: BareContext): LogicalLine[] {
  const rules = g.bare;
  const out: LogicalLine[] = [];
  let session = ctx.inSession;
  /** lines: reading commands; content: an editor's unframed content; framed: inside `---` frames; output: after a prompted command. */
  let mode: 'lines' | 'content' | 'framed' | 'output' = 'lines';
  /** An editor was opened and its content has not started. */
  let editorOpen = false;
  let heredoc: { end: string; sql: boolean } | null = null;
  /** The last bare command or statement, while the next line may continue it. */
  let open: Command | Sql | null = null;

  const openEdit = (file: string, line: number): void => {
    const prev = out[out.length - 1];
    if (editorOpen && prev?.kind === 'edit') prev.files.push(file);
    else out.push({ kind: 'edit', files: [file], line });
    editorOpen = true;
  };
  const addSql = (text: string, line: number): void => {
    const sql: Sql = { kind: 'sql', run: strip(text, g), line, open: g.continuation.test(text) };
    out.push(sql);
    open = sql;
  };

  for (const it of items) {
    if (it.kind !== 'literal') {
      open = null;
      if (it.kind === 'command') {
        mode = 'output';
        editorOpen = false;
        session = g.sessions.some((s) => s.opens.test(it.run));
      }
      out.push(it);
      continue;
    }
    const t = it.text.trim();
    const line = it.line;

    if (heredoc) {
      if (t === heredoc.end) {
        out.push(heredoc.sql ? { kind: 'session-end', line } : { kind: 'fence-close', line });
        if (heredoc.sql) session = false;
        heredoc = null;
        open = null;
        continue;
      }
      if (!heredoc.sql) {
        out.push(it);
        continue;
      }
    }

    // A line that continues the bare command or statement above it.
    const prev = open as Command | Sql | null;
    if (prev && t && out[out.length - 1] === prev) {
      const run = prev.run;
      if (prev.open || (prev.kind === 'sql' && !SQL_END.test(run) && !EXIT.test(run))) {
        prev.run = `${run} ${strip(t, g)}`;
        prev.open = g.continuation.test(t);
        continue;
      }
      if (prev.kind === 'command' && unbalanced(run)) {
        prev.run = `${run} ${t}`;
        prev.open = g.continuation.test(t);
        continue;
      }
    }
    open = null;

    if (heredoc?.sql) {
      if (t) addSql(t, line);
      continue;
    }
    if (!t) {
      out.push(it);
      continue;
    }
    const cls = classifyBareLine(t, rules, g.output);
    if (mode === 'framed') {
      if (cls === 'frame') {
        out.push({ kind: 'fence-close', line });
        mode = 'lines';
        editorOpen = false;
      } else if (cls === 'note') {
        out.push({ kind: 'note', text: t, line });
      } else {
        out.push(it);
      }
      continue;
    }
    if (cls === 'frame' && (editorOpen || mode === 'content')) {
      mode = 'framed';
      editorOpen = false;
      continue;
    }
    if (cls === 'note') {
      out.push({ kind: 'note', text: t, line });
      continue;
    }
    const ed = g.editors?.exec(t);
    if (ed && mode !== 'output') {
      openEdit(ed[1]!, line);
      mode = 'lines';
      continue;
    }
    if (editorOpen || mode === 'content') {
      // The editor's content, up to the next editor line or the block's end.
      editorOpen = false;
      mode = 'content';
      out.push(it);
      continue;
    }
    if (session && isSqlStatement(t, rules)) {
      addSql(t, line);
      if (EXIT.test(t)) session = false;
      continue;
    }
    if (mode === 'output' || (cls !== 'command' && cls !== 'assignment')) {
      out.push(it);
      continue;
    }
    const hd = HEREDOC.exec(t);
    if (hd) {
      const base = t.slice(0, hd.index).trim();
      const opensSession = g.sessions.some((s) => s.opens.test(base));
      const target = opensSession ? null : WRITES_TO.exec(base);
      if (target) {
        // The here-document is the file's content: no command of its own.
        openEdit(target[1]!, line);
        editorOpen = false;
        heredoc = { end: hd[2]!, sql: false };
        continue;
      }
      const cmd: Command = { kind: 'command', run: base, line, prompt: bareFor(base, g), open: false };
      out.push(cmd);
      if (opensSession) {
        session = true;
        heredoc = { end: hd[2]!, sql: true };
      }
      continue;
    }
    const cmd: Command = { kind: 'command', run: strip(t, g), line, prompt: bareFor(t, g), open: g.continuation.test(t) };
    out.push(cmd);
    open = cmd;
    if (g.sessions.some((s) => s.opens.test(cmd.run))) session = true;
  }
  const all = allCommands(out, g);
  for (const l of all) if ((l.kind === 'command' && (l.prompt === BARE_PROMPT || l.prompt === BARE_USER_PROMPT)) || l.kind === 'sql') l.run = normalizeRun(l.run);
  return all;
}

/**
 * A block of nothing but bare commands and command-shaped lines: those lines are commands too,
 * of programs the vocabulary does not know (`linstor resource list` under `openstack volume
 * list`). A block that also holds notes, output, content or a prompted line keeps them as they are
 * (`ubuntu 13.04` above commands and their output is a label).
 */
function allCommands(out: LogicalLine[], g: Grammar): LogicalLine[] {
  let commands = 0;
  for (const l of out) {
    if (l.kind === 'command' && (l.prompt === BARE_PROMPT || l.prompt === BARE_USER_PROMPT)) commands++;
    else if (l.kind === 'literal' && l.text.trim() && !(classifyBareLine(l.text, g.bare, g.output) === 'other' && looksLikeCommand(l.text))) return out;
    else if (l.kind !== 'literal') return out;
  }
  if (commands === 0) return out;
  return out.map((l) => {
    if (l.kind !== 'literal' || !l.text.trim()) return l;
    const t = l.text.trim();
    return { kind: 'command', run: strip(t, g), line: l.line, prompt: bareFor(t, g), open: g.continuation.test(t) };
  });
}

/** What decides whether a block is read bare. */
export interface BareChoice {
  /** The guide writes its commands bare (prompt-style.ts). */
  bareGuide: boolean;
  /** The text just before the block named a file to edit: its content may follow. */
  fresh: boolean;
}

/**
 * Whether a block's prompt-less lines are read bare ({@link readBareLines}).
 * @param b the code block (its language hint: `text` blocks are output or content, never read bare).
 * @param items its logical lines as read with prompts.
 * @returns false for an output-language block; in a guide that writes commands bare, true unless
 *   the text just named a file (then the block is that file's content) and the block does not
 *   start with an editor line; in a guide with prompts, true only for a block with no prompted
 *   input whose first line starts with a known command (`vi FILE` written without its `# `), or
 *   a command-language block (`sh`), and never right after the text named a file.
 */
export function readsBare(b: CodeBlock, items: readonly LogicalLine[], g: Grammar, choice: BareChoice): boolean {
  const lang = b.lang?.toLowerCase();
  if (lang && g.bare.outputLanguages.has(lang)) return false;
  const first = items.find((i) => !((i.kind === 'literal' || i.kind === 'output') && !i.text.trim()));
  if (!first || first.kind !== 'literal') return choice.bareGuide && items.some((i) => i.kind === 'literal' && i.text.trim());
  const text = first.text.trim();
  if (choice.bareGuide) return !choice.fresh || Boolean(g.editors?.test(text));
  if (choice.fresh || items.some((i) => i.kind === 'command' || i.kind === 'sql' || i.kind === 'carry')) return false;
  return startsWithCommand(text, g.bare) || Boolean(lang && g.bare.commandLanguages.has(lang));
}

/** `text` without its continuation mark. */
function strip(text: string, g: Grammar): string {
  return text.replace(g.continuation, '');
}
