/**
 * Misspelt command words: a guide that runs `chkconfig` on ten lines and `chkonifig` on one has a
 * slip of the keyboard at that one line, which fails on every host (command not found). This pass
 * finds such words over the whole step graph, marks the command with a
 * {@link CommandCorrection} (its `run` stays as the guide writes it) and reports a `command-typo`
 * warning at its line; the generators then run the word the guide means
 * (generate/corrected-commands.ts).
 *
 * A command word is read as a slip of `meant` when all of these hold:
 * - it is not a known command (grammars/base.yaml `bare.commands`) and names no path or variable;
 * - it occurs once among the words of every command the guide runs;
 * - `meant` is the command word of at least {@link MIN_USES} other commands of the guide;
 * - both split into the same number of parts at `-`/`_`, every part but one is the same, and that
 *   part differs by at most one edit (two for a part of {@link LONG_PART} letters or more):
 *   `chkonifig` ↔ `chkconfig`, never `pcp_attach_node` ↔ `pcp_detach_node` (two edits in a word
 *   of six letters: two words, both real);
 * - no other command word of the guide is as close.
 */
import { distance } from 'fastest-levenshtein';
import type { VFile } from 'vfile';
import type { CommandAction, CommandCorrection, Procedure } from '../ir/types.js';
import { commandWords } from './command-words.js';

/** How often the guide must run the word a slip stands for. */
const MIN_USES = 2;

/** The length from which a word part may hold two slips. */
const LONG_PART = 8;

/** The shortest command word read as a slip: shorter words are too close to each other (`ip`, `id`). */
const MIN_LENGTH = 5;

/** A command of the guide with its command words. */
interface Used {
  action: CommandAction;
  words: string[];
}

/** A word that is a plain command name: no path, variable, quoting or glob. */
const isName = (word: string): boolean => /^[A-Za-z][\w.+-]*$/.test(word);

/**
 * The edit count between `written` and `meant` as this pass measures it: the
 * distance of the one part that differs, or null when more than one part differs, the part counts
 * differ, or the part differs by more than it may.
 */
export function slipDistance(written: string, meant: string): number | null {
  const a = written.split(/([-_])/);
  const b = meant.split(/([-_])/);
  if (a.length !== b.length) return null;
  let found: number | null = null;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (found !== null || i % 2 === 1) return null;
    const d = distance(a[i]!, b[i]!);
    if (d > (Math.max(a[i]!.length, b[i]!.length) >= LONG_PART ? 2 : 1)) return null;
    found = d;
  }
  return found;
}

/**
 * The corrections of the commands of `procedures`: action id → correction. `known` is the
 * grammar's list of known command words (grammars/base.yaml `bare.commands`). Pure; never throws.
 */
export function findCommandTypos(procedures: readonly Procedure[], known: ReadonlySet<string>): Map<string, CommandCorrection> {
  const used: Used[] = [];
  for (const p of procedures) {
    for (const s of p.steps) {
      for (const a of s.actions) if (a.kind === 'command') used.push({ action: a, words: commandWords(a.run) });
    }
  }
  /** Every word of every command, counted (a slip occurs once). */
  const tokens = new Map<string, number>();
  for (const u of used) {
    for (const t of u.action.run.split(/[^\w.+-]+/)) if (t) tokens.set(t, (tokens.get(t) ?? 0) + 1);
  }
  /** Command word → the lines of the commands that run it. */
  const runs = new Map<string, number[]>();
  for (const u of used) {
    for (const w of new Set(u.words)) {
      if (!isName(w)) continue;
      const lines = runs.get(w);
      if (lines) lines.push(u.action.source.line);
      else runs.set(w, [u.action.source.line]);
    }
  }
  const corrections = new Map<string, CommandCorrection>();
  for (const u of used) {
    for (const written of u.words) {
      if (!isName(written) || written.length < MIN_LENGTH || known.has(written) || tokens.get(written) !== 1) continue;
      const near = [...runs]
        .filter(([w, lines]) => w !== written && lines.length >= MIN_USES)
        .map(([meant, lines]) => ({ meant, lines, d: slipDistance(written, meant) }))
        .filter((c): c is { meant: string; lines: number[]; d: number } => c.d !== null)
        .sort((x, y) => x.d - y.d);
      if (near.length === 0 || (near.length > 1 && near[1]!.d === near[0]!.d)) continue;
      const { meant, lines } = near[0]!;
      corrections.set(u.action.id, { written, meant, lines: [...new Set(lines)].sort((x, y) => x - y) });
    }
  }
  return corrections;
}

/**
 * Marks the misspelt commands of `procedures` (in place: sets `correction` on each) and reports a
 * `command-typo` warning on `file` at each one's line. `known` as for {@link findCommandTypos}.
 */
export function markCommandTypos(procedures: Procedure[], known: ReadonlySet<string>, file: VFile): void {
  const corrections = findCommandTypos(procedures, known);
  for (const p of procedures) {
    for (const s of p.steps) {
      for (const a of s.actions) {
        const c = a.kind === 'command' ? corrections.get(a.id) : undefined;
        if (a.kind !== 'command' || !c) continue;
        a.correction = c;
        const where = c.lines.length > 3 ? `${c.lines.slice(0, 3).join(', ')}, …` : c.lines.join(', ');
        file.message(
          `Unexpected command \`${c.written}\`, used by no other command of the guide, expected \`${c.meant}\` (run at line${c.lines.length > 1 ? 's' : ''} ${where}): the runbooks run \`${c.meant}\`; correct the guide if it means another command`,
          { place: { line: a.source.line, column: a.source.column ?? 1 }, ruleId: 'command-typo', source: 'tejun' },
        ).fatal = false;
      }
    }
  }
}
