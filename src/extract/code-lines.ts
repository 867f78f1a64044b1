/**
 * A code block's lines, read as the operator would type them: prompts recognised and removed,
 * continuation lines joined, SQL statements run on to their `;`, output told apart from input,
 * output fences and the guide's `# <…>` notes recognised.
 */
import type { Grammar, PromptRule } from '../grammar/load-grammar.js';
import type { CodeLine } from '../parse/blocks.js';
import { normalizeCodeLine, normalizeRun } from '../parse/normalize.js';
import { promptHost } from './prompt-host.js';
import { isCommentBody, isCommentLikePrompt } from './classify-line.js';

/** One logical line of a code block. */
export type LogicalLine =
  /** Input at a shell prompt (or a bare line the caller decides is input). `open`: ends in a continuation;
   * `host`: the host the prompt names (`controller# …`, src/extract/prompt-host.ts), if any. */
  | { kind: 'command'; run: string; line: number; prompt: PromptRule; open: boolean; host?: string | null }
  /** A statement at a database client prompt. */
  | { kind: 'sql'; run: string; line: number; open: boolean }
  /** A line without prompt that is not known output: file content, or output the caller ignores. */
  | { kind: 'literal'; text: string; line: number; fenced: boolean }
  /** Output the guide shows (tables, `Query OK`, lines inside an output fence when `fenced`). */
  | { kind: 'output'; text: string; line: number; fenced: boolean }
  /** An output fence opens (`========> 以下を参考に編集`: `note` is the text after the marker). */
  | { kind: 'fence-open'; note: string; line: number }
  | { kind: 'fence-close'; line: number }
  /** A `# <…>` note to the reader that is not a skip marker (an expectation, an instruction). */
  | { kind: 'annotation'; text: string; line: number }
  /** A skip marker (`# <以下、オプション>`): nothing after it in the block is to be done. */
  | { kind: 'skip'; text: string; line: number }
  /** The first line continues an action left open at the end of the previous block. */
  | { kind: 'carry'; text: string; line: number; open: boolean }
  /**
   * A note to the reader that is neither input nor content (`# ・…` under a `# <…` note, `→…`,
   * `※…`); `caption`: a kept caption line (code-notes.ts) saying what the commands above show.
   */
  | { kind: 'note'; text: string; line: number; caption?: true }
  /** Content for these files follows (consecutive bare `vi FILE` lines, `cat >> FILE <<EOF`, an
   * instruction quoted in the block: quoted-instructions.ts); `section`: the INI section it names. */
  | { kind: 'edit'; files: string[]; line: number; section?: string | null }
  /** A client session fed by a here-document ends (its terminator line). */
  | { kind: 'session-end'; line: number }
  /** An optional paragraph opens (`# <オプション>`) or ends (a blank line, the fence's end, the block's end). */
  | { kind: 'optional'; open: boolean; line: number };

const EXIT = /^(?:exit|quit|\\q)\b/i;

/**
 * Reads a code block's lines.
 * @param lines the block's lines with their guide lines.
 * @param g the dialect grammar (prompts, continuation, output patterns, fences, notes).
 * @param carrying true when the previous block ended inside a continued command or statement: the
 *   first line, if it has no prompt, is returned as `carry`.
 */
export function logicalLines(lines: CodeLine[], g: Grammar, carrying: boolean): LogicalLine[] {
  const out: LogicalLine[] = [];
  let inFence = false;
  /** Inside a paragraph a skip marker covers (up to a blank line or the fence's end). */
  let skipping = false;
  /** Inside an optional paragraph. */
  let optional = false;
  /**
   * The prompt of an editor command typed at a prompt that is not also a comment (`compute# vi
   * FILE`), while the file's content follows: a `# …` line there is the file's comment.
   */
  let editorPrompt: PromptRule | null = null;
  for (const { text: raw, line, caption } of lines) {
    const text = normalizeCodeLine(raw);
    const t = text.trim();
    if (caption && !skipping) {
      out.push({ kind: 'note', text: t.replace(/^[（(]|[）)]$/gu, ''), line, caption });
      continue;
    }
    const paragraphEnds = !t || (inFence && g.outputFence !== null && g.outputFence.close.test(t));
    if (skipping && !paragraphEnds) continue;
    skipping = false;
    if (optional && paragraphEnds) {
      optional = false;
      out.push({ kind: 'optional', open: false, line });
    }
    if (g.outputFence) {
      const open = inFence ? null : g.outputFence.open.exec(t);
      if (open) {
        inFence = true;
        out.push({ kind: 'fence-open', note: (open[1] ?? '').trim(), line });
        continue;
      }
      if (inFence && g.outputFence.close.test(t)) {
        inFence = false;
        out.push({ kind: 'fence-close', line });
        continue;
      }
    }
    const note = g.annotation?.exec(t);
    if (note) {
      const body = (note[1] ?? '').trim();
      if (g.skipMarkers.some((re) => re.test(body))) {
        if (g.skipRest && !g.skipRest.test(body)) {
          // A marker without "the following" covers the paragraph below it only.
          skipping = true;
          continue;
        }
        out.push({ kind: 'skip', text: body, line });
        break;
      }
      if (g.optionalMarkers.some((re) => re.test(body))) {
        if (!optional) out.push({ kind: 'optional', open: true, line });
        optional = true;
        continue;
      }
      out.push({ kind: 'annotation', text: body, line });
      continue;
    }
    if (!t) {
      out.push({ kind: inFence ? 'output' : 'literal', text: '', line, fenced: inFence });
      continue;
    }
    const prompt = inFence ? null : (g.prompts.find((p) => p.re.test(t)) ?? null);
    const prev = out[out.length - 1];
    if (!prompt && !inFence && prev) {
      if ((prev.kind === 'command' || prev.kind === 'sql' || prev.kind === 'carry') && prev.open) {
        append(prev, t, g);
        continue;
      }
      if (prev.kind === 'command' && unbalanced(prev.run)) {
        // A quoted string runs on to the next line (a PDF line break inside it; a break after a
        // hyphen splits a word and joins without a space).
        prev.run = /-$/.test(prev.run) ? `${prev.run}${stripContinuation(t, g)}` : `${prev.run} ${stripContinuation(t, g)}`;
        prev.open = g.continuation.test(t);
        continue;
      }
      if (prev.kind === 'command' && g.continuationLead?.test(t)) {
        append(prev, t, g);
        continue;
      }
      if (prev.kind === 'sql' && !/;\s*$/.test(prev.run) && !EXIT.test(prev.run) && !g.output.some((re) => re.test(t))) {
        append(prev, t, g);
        continue;
      }
    }
    if (!prompt && !inFence && carrying && out.length === 0) {
      out.push({ kind: 'carry', text: stripContinuation(t, g), line, open: g.continuation.test(t) });
      continue;
    }
    if (prompt) {
      const body = t.replace(prompt.re, '');
      // A prompt with nothing typed after it (the session's last line, `[root@host ~]#`): no input.
      if (!body.trim() && !prompt.sql) continue;
      // `#` is both root's prompt and a comment: a body that is no command is a comment.
      if (isCommentLikePrompt(prompt) && isCommentBody(body)) {
        out.push({ kind: 'note', text: body, line });
        continue;
      }
      // Below an editor command typed at a prompt naming the host (`compute# vi FILE`), a `# …`
      // line is the file's comment (`# This line MUST be changed …`), not root's bare prompt: the
      // block writes its prompts otherwise, up to its next prompted command.
      if (editorPrompt && isCommentLikePrompt(prompt)) {
        out.push({ kind: 'literal', text, line, fenced: false });
        continue;
      }
      const open = g.continuation.test(body);
      const run = stripContinuation(body, g);
      if (!prompt.sql) editorPrompt = !isCommentLikePrompt(prompt) && g.editors?.test(run) ? prompt : null;
      out.push(prompt.sql ? { kind: 'sql', run, line, open } : { kind: 'command', run, line, prompt, open, host: promptHost(prompt, t) });
      continue;
    }
    const isOutput = inFence || g.output.some((re) => re.test(t));
    out.push(isOutput ? { kind: 'output', text, line, fenced: inFence } : { kind: 'literal', text, line, fenced: false });
  }
  if (optional) out.push({ kind: 'optional', open: false, line: lines[lines.length - 1]?.line ?? 0 });
  for (const l of out) if (l.kind === 'command' || l.kind === 'sql' || l.kind === 'carry') finish(l);
  return out;
}

/**
 * Joins lines a page conversion wrapped without a continuation mark: when a block's non-blank
 * lines alternate strictly between a shell command and one plain line (`# swift-ring-builder
 * account.builder add` / `zZONE-…:6002/DEVICE 100`, twice or more), each plain line is the rest of
 * the command above it, not its output (output runs to several lines, or follows one command).
 * Any other block is returned as it is. For a block already known to be commands (content for
 * a file, such as `# controller` / `10.0.0.11 controller` in /etc/hosts, alternates the same way).
 */
export function joinWrapped(lines: LogicalLine[]): LogicalLine[] {
  const solid = lines.filter((l) => !((l.kind === 'literal' || l.kind === 'output') && l.text.trim() === ''));
  if (solid.length < 4 || solid.length % 2 !== 0) return lines;
  for (let i = 0; i < solid.length; i += 2) {
    const c = solid[i]!;
    const rest = solid[i + 1]!;
    if (c.kind !== 'command' || c.open || rest.kind !== 'literal') return lines;
  }
  const out: LogicalLine[] = [];
  for (let i = 0; i < solid.length; i += 2) {
    const c = solid[i] as Extract<LogicalLine, { kind: 'command' }>;
    const rest = solid[i + 1] as Extract<LogicalLine, { kind: 'literal' }>;
    out.push({ ...c, run: normalizeRun(`${c.run} ${rest.text.trim()}`) });
  }
  return out;
}

/** True when `run` leaves a single- or double-quoted string open (backslash escapes honoured outside single quotes). */
export function unbalanced(run: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < run.length; i++) {
    const c = run[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
    } else if (c === '\\') {
      i++;
    } else if (quote === '"') {
      if (c === '"') quote = null;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(run[i - 1]!))) {
      return false;
    }
  }
  return quote !== null;
}

function stripContinuation(text: string, g: Grammar): string {
  return text.replace(g.continuation, '');
}

function append(prev: { run: string; open: boolean } | { text: string; open: boolean }, t: string, g: Grammar): void {
  const piece = stripContinuation(t, g);
  if ('run' in prev) prev.run = `${prev.run} ${piece}`;
  else prev.text = `${prev.text} ${piece}`;
  prev.open = g.continuation.test(t);
}

function finish(l: { run: string } | { text: string }): void {
  if ('run' in l) l.run = normalizeRun(l.run);
  else l.text = normalizeRun(l.text);
}
