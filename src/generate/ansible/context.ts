/**
 * The Ansible generator's context: what building tasks needs to know about the graph (sessions,
 * placeholders, conditions, names and stamps used so far), and the helpers every task handler
 * shares: placeholder rendering for where the text lands, unique task names, and the fields
 * every task gets (`when`, `become`, `no_log`, `tags`).
 */
import type { Action, CommandAction, Message, Placeholder, Procedure, Step, StepGraph } from '../../ir/types.js';
import { splitByPlaceholders } from '../bind.js';
import { escapeJinja, toJinja, type TextLanguage } from '../escape/ansible.js';
import { pathUnderRoot } from '../escape/paths.js';
import type { CdMove } from '../shell/cd-plan.js';
import { oneLine } from '../templates.js';
import { whenFor, type ConditionVar } from './conditions.js';
import { nameText } from './paths.js';
import type { Task, TaskTag } from './types.js';

/** Guide file name (without directory) used in task names: `000_….txt`. */
export function guideName(graph: StepGraph): string {
  return graph.source.path.split(/[\\/]/).pop() ?? graph.source.path;
}

/** Everything task building needs to know about the graph. */
export interface Context {
  graph: StepGraph;
  guide: string;
  conditions: Map<string, ConditionVar>;
  /** Interactive commands by id. */
  sessions: Map<string, CommandAction>;
  /** The placeholders that apply to an action (bind.ts's placeholderIndex of the graph). */
  placeholders: (action: Action) => Placeholder[];
  /** Secret literal values from the guide. */
  secretLiterals: string[];
  /** Task names used so far (for uniqueness). */
  names: Set<string>;
  /** nameText(oneLine(text)) by step text: a step of several actions names each of its tasks. */
  nameTexts: Map<string, string>;
  /** Counter for registered check results. */
  checks: number;
  /** Last `USE db;` per session id. */
  useBySession: Map<string, string>;
  /** Base name of the outputs (stamp directory; index.ts's outputBase: no `{{`, `/` or `..`). */
  base: string;
  /** Base names of the files the guide sources (file-language.ts). */
  sourced: Set<string>;
  /** Stamp file names used so far. */
  stamps: Set<string>;
  /** Placed INI settings (superseded.ts's placementKey: group and id) a later setting may override on the same host. */
  superseded: Set<string>;
  /** Lines the guide adds to /etc/fstab (file actions and `echo "…" >> /etc/fstab`). */
  fstab: string[];
  messages: Message[];
  /**
   * Handler definitions by name (handlers/restart.ts: a guide's restart after configuration
   * edits), for the play writer to place in the play's `handlers:` (or a role's
   * handlers/main.yml); made on first use.
   */
  handlers?: Map<string, Task>;
  /** The branching check each fallback step or action reads (branch-results.ts), by reader id. */
  branchReaders?: Map<string, CommandAction>;
  /** Where each relative `cd` of the guide goes (shell/cd-plan.ts), by action id. */
  cds: Map<string, CdMove>;
}

/** Text with its placeholders substituted for `language`, and whether it holds a secret. */
export interface Rendered {
  text: string;
  secret: boolean;
  /** An `export NAME=VALUE` of the prelude kept as the tasks' `environment:` (handlers/environment.ts). */
  env?: { name: string; value: string };
  /** A `cd DIR` of the prelude (guide text), kept as the tasks' `chdir:`. */
  chdir?: string;
  /** The `chdir:` argument of that `cd` (rendered, under tejun_root). */
  chdirText?: string;
  /**
   * Set on a `cd` kept as shell text (handlers/environment.ts): the key shell/cd-plan.ts records
   * a relative `cd DIR` under (DIR's first directory, guide text), '' for another `cd`.
   */
  cdDir?: string;
}

/** Substitutes the placeholders of `action` in `text` (see escape/ansible.ts's toJinja). */
export function render(ctx: Context, action: Action, text: string, language: TextLanguage): Rendered {
  const segments = splitByPlaceholders(text, ctx.placeholders(action));
  const secret =
    segments.some((s) => 'placeholder' in s && s.placeholder.secret) ||
    ctx.secretLiterals.some((value) => value.length > 0 && text.includes(value));
  return { text: toJinja(segments, language), secret };
}

/**
 * {@link render} for a file path: a path made of guide text only is first normalised so that it
 * stays under tejun_root (escape/paths.ts; a path that climbs out was refused at binding).
 */
export function renderPath(ctx: Context, action: Action, text: string): Rendered {
  const segments = splitByPlaceholders(text, ctx.placeholders(action));
  const literal = segments.every((s) => 'text' in s);
  return render(ctx, action, literal ? (pathUnderRoot(text) ?? text) : text, 'raw');
}

/**
 * A unique, Jinja-safe task name: `<step text> (<id>)`, then ` #2`, ` #3` … if taken. `id` is
 * the stable id of the action the task does (the id its run-once stamp is named by: from the
 * action's meaning and procedure, never a guide line), so an edit elsewhere in the guide renames
 * no task; the guide line is in the checklist and in each manual step's message.
 */
export function taskName(ctx: Context, text: string, id: string): string {
  let named = ctx.nameTexts.get(text);
  if (named === undefined) ctx.nameTexts.set(text, (named = nameText(oneLine(text))));
  const base = `${named} ${nameAnchor(id)}`;
  let name = base;
  for (let n = 2; ctx.names.has(name); n += 1) name = `${base} #${n}`;
  ctx.names.add(name);
  return escapeJinja(name);
}

/** The anchor a task name ends with: the stable id in parentheses, `(a-3f2c9e1b)`. */
export function nameAnchor(id: string): string {
  return `(${id})`;
}

/** The anchor at the end of a name made by {@link taskName} (before its ` #2` when numbered), or null. */
export function anchorOf(name: string): string | null {
  return /\([^()\s]+\)(?: #\d+)?$/.exec(name)?.[0] ?? null;
}

/** Adds the fields every task of `action` shares: when (after `options.when`), become, no_log, tags. */
export function finish(
  ctx: Context,
  task: Task,
  procedure: Procedure,
  step: Step,
  action: Action | null,
  options: { user?: string; secret: boolean; tag: TaskTag; when?: string[] },
): Task {
  const when = [...(options.when ?? []), ...whenFor(ctx.conditions, procedure, step, action, ctx.branchReaders)];
  if (when.length === 1) task.when = when[0];
  else if (when.length > 1) task.when = when;
  if (options.user === 'user') task.become = false;
  else if (options.user && options.user !== 'root') task.become_user = options.user;
  if (options.secret) task.no_log = true;
  task.tags = [options.tag];
  return task;
}

