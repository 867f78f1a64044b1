/**
 * The bash generator's context: what every pass needs to know about the graph, computed once
 * (bash variables of the placeholders, SQL sessions and the commands that open them, the files
 * the guide sources), and the small helpers the passes share (guide:line references, quoting,
 * indentation, warnings).
 */
import type { Action, CommandAction, Message, Placeholder, SqlAction, Step, StepGraph } from '../../ir/types.js';
import { placeholderIndex } from '../bind.js';
import { bashComment, shellQuote } from '../escape/bash.js';
import { nameGuideConditions, type NamedCondition } from '../condition-names.js';
import { branchReaders } from '../check-branch-readers.js';
import { planCds, type CdMove } from '../shell/cd-plan.js';
import { sourcedFiles, type FileLanguage } from '../file-language.js';
import { bashVariableNames } from './names.js';
import { fieldWord } from './words.js';

/** Everything the per-procedure passes need, computed once per graph. */
export interface BashContext {
  graph: StepGraph;
  /** File name of the guide, for `guide:line` references. */
  guide: string;
  /** Placeholder name → bash variable. */
  vars: Map<string, string>;
  /** Session command id → its sql actions with their steps, in guide order. */
  sessions: Map<string, Array<{ step: Step; action: SqlAction }>>;
  /** Command ids that open a session, with where they are (to point the sql comments at). */
  openers: Map<string, CommandAction>;
  /** The placeholders that apply to an action (bind.ts's placeholderIndex of the graph). */
  placeholders: (action: Action) => Placeholder[];
  /** Base names of the files the guide sources (file-language.ts). */
  sourced: Set<string>;
  /** The guide's conditions and optional marks by key (`when:<words>`, `optional:<id>`), named by ../condition-names.ts. */
  conditions: Map<string, NamedCondition>;
  /** The branching check each fallback procedure, step or action reads (../check-branch-readers.ts), by reader id. */
  branchReaders?: Map<string, CommandAction>;
  /** Where each relative `cd` of the guide goes (../shell/cd-plan.ts), by action id. */
  cds: Map<string, CdMove>;
  messages: Message[];
}

/** Builds the per-graph context: variable names, sessions and their opening commands. */
export function bashContext(graph: StepGraph): BashContext {
  const sessions = new Map<string, Array<{ step: Step; action: SqlAction }>>();
  const commands = new Map<string, CommandAction>();
  for (const proc of graph.procedures) {
    for (const step of proc.steps) {
      for (const action of step.actions) {
        if (action.kind === 'command') commands.set(action.id, action);
        if (action.kind === 'sql') {
          const list = sessions.get(action.session) ?? [];
          list.push({ step, action });
          sessions.set(action.session, list);
        }
      }
    }
  }
  const openers = new Map<string, CommandAction>();
  const messages: Message[] = [];
  for (const [id, list] of sessions) {
    const opener = commands.get(id);
    if (opener) openers.set(id, opener);
    else
      for (const { action } of list)
        messages.push({
          ruleId: 'orphan-sql',
          severity: 'warning',
          reason: `Unexpected SQL statement whose session \`${id}\` opens nowhere, expected a client command before it; it is left out of the runbook as a comment`,
          line: action.source.line,
          column: action.source.column ?? 1,
        });
  }
  return {
    graph,
    // The file name is in comments and words: folded so that a line break in it ends no comment.
    guide: bashComment(graph.source.path.split(/[\\/]/).pop() || graph.source.path),
    vars: bashVariableNames(graph),
    sessions,
    openers,
    placeholders: placeholderIndex(graph),
    sourced: sourcedFiles(graph),
    conditions: nameGuideConditions(graph),
    branchReaders: branchReaders(graph),
    cds: planCds(graph),
    messages,
  };
}

/**
 * The guard of a condition (`when:<words>`) or optional mark (`optional:<id>`) of the guide:
 * `tejun_when NAME WHERE WORDS` / `tejun_optional NAME WHERE TEXT`, NAME the key's stable name
 * (an `--answers` key). `text` is what the question shows. A condition that reads the result of
 * a branching check before it is `tejun_branch CHECK NAME WHERE WORDS` (the check's result in
 * this run, else asked as tejun_when).
 */
export function conditionGuard(ctx: BashContext, key: string, node: { id?: string; source: { line: number } }, text: string): string {
  const name = ctx.conditions.get(key)?.name ?? 'when_unnamed';
  const check = key.startsWith('when:') && node.id !== undefined ? ctx.branchReaders?.get(node.id) : undefined;
  // A condition reading a check's result (../check-branch-readers.ts): that result decides it.
  if (check) return `tejun_branch ${q(check.id)} ${name} ${q(where(ctx, node))} ${q(text)}`;
  const helper = key.startsWith('optional:') ? 'tejun_optional' : 'tejun_when';
  return `${helper} ${name} ${q(where(ctx, node))} ${q(text)}`;
}

/** `procedure_N`, the bash function of the N-th procedure (0-based index → 1-based name). */
export function functionName(index: number): string {
  return `procedure_${index + 1}`;
}

/** Text for a bash comment (escape/bash.ts's bashComment). */
export const commentText = bashComment;

/** A shell-quoted word for guide prose (NUL, which no bash string can hold, dropped). */
export const q = shellQuote;

/** `guide:line` of a node. */
export function where(ctx: BashContext, node: { source: { line: number } }): string {
  return `${ctx.guide}:${node.source.line}`;
}

/** Indents every line by `n` levels of two spaces. */
export function indent(lines: string[], n = 1): string[] {
  const pad = '  '.repeat(n);
  return lines.map((l) => (l ? pad + l : l));
}

/** Names the bash variable of each placeholder in the graph. */
export function variableOf(ctx: BashContext): (p: Placeholder) => string {
  return (p) => ctx.vars.get(p.name) as string;
}

/** A bash word for an INI or file field of `a` (bash/words.ts's fieldWord with this graph's placeholders and variables). */
export function valueWord(ctx: BashContext, a: Action, text: string, language: FileLanguage | 'path' = 'text'): string {
  return fieldWord(text, ctx.placeholders(a), variableOf(ctx), language);
}

/** Records an `unbalanced-command` warning when a command ends inside a quote. */
export function warnUnbalanced(ctx: BashContext, a: CommandAction, balanced: boolean): void {
  if (balanced) return;
  ctx.messages.push({
    ruleId: 'unbalanced-command',
    severity: 'warning',
    reason: `Unexpected end of command inside a quote or substitution in \`${a.run}\`, expected balanced quotes; the runbook will stop there with a syntax error`,
    line: a.source.line,
    column: a.source.column ?? 1,
  });
}
