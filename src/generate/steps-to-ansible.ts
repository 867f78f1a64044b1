/**
 * The Ansible generator: a step graph → `${base}/playbook.yml`, `${base}/group_vars/all.yml` and
 * `${base}/inventory.ini`.
 *
 * Pipeline: check bindings → name the conditions (ansible-conditions) → group steps into plays by
 * role → one or more tasks per action (module chosen by ansible-modules) → YAML built with the
 * `yaml` package → wrapped by the Handlebars templates in templates/ansible/.
 *
 * Decisions (documented for operators):
 * - SQL typed at a client prompt is fed to the client on `stdin:` of an ansible.builtin.command
 *   task, one task per step and session (a `USE db;` seen earlier in the session is repeated).
 *   A bare `-p`/`--password` (password prompt) is dropped from the client command, since with no
 *   terminal the client would read the first statement as the password: the client must
 *   authenticate without a prompt (MariaDB root unix_socket, or ~/.my.cnf). Chosen over
 *   community.mysql.mysql_query, which needs PyMySQL on the database host.
 * - `su ACCOUNT …` opens no task: commands the guide runs as ACCOUNT get `become_user: ACCOUNT`.
 *   Commands typed at a `$` prompt (`user: user`) get `become: false`.
 * - `source F`, `export A=B` and `cd D` are checked by a task and prefixed (`… &&`) to the later
 *   command/shell tasks of the same play, as the guide's shell session would have them.
 * - Guide text Ansible must not template (names, module arguments without a site value) is
 *   written `!unsafe`; placeholders become `{{ VAR }}`, quoted for where they land, with the
 *   literal Jinja delimiters of the guide text around them escaped (escape/ansible.ts); bound
 *   values are `!unsafe` in group_vars.
 */
import { Document, Scalar, isMap, type ScalarTag } from 'yaml';
import type {
  Action,
  CommandAction,
  IniAction,
  Literal,
  Message,
  Placeholder,
  Procedure,
  SqlAction,
  Step,
  StepGraph,
} from '../ir/types.js';
import { placeholderIndex, splitByPlaceholders } from './bind.js';
import { bindingErrors } from './bind-values.js';
import type { GenerateOptions, GenerateResult, OutputFile } from './index.js';
import { outputBase } from './output-base.js';
import { asUnsafe, escapeJinja, keepString, toJinja, UnsafeText, type TextLanguage } from './escape/ansible.js';
import { pathUnderRoot } from './escape/paths.js';
import { safeStringTag } from './escape/yaml.js';
import { fileLanguage, sourcedFiles } from './file-language.js';
import { appendSpec, classifyCommand, type GenericSpec, comparableExpectation, mountSpec, needsShell, splitAndChain } from './ansible-modules.js';
import { oneLine, renderTemplate } from './ansible-templates.js';
import { PlayWriter, YAML_TEXT } from './ansible-yaml.js';
import { MYSQL_DEFAULTS_VAR, ROOT_VAR, nameText, rootedPath, rootedRedirects, withMysqlDefaults } from './ansible-paths.js';
import { withoutConnectionOptions } from './steps-to-bash.js';
import { idempotentCommand, idempotentSql } from './bash-idempotent.js';
import { escapeWordParens } from './bash-redirect.js';

/** One Ansible task as plain data, keys in the order they are written. */
export type Task = Record<string, unknown>;

/** One play: hosts group, and its tasks. */
export interface Play {
  /** A Jinja-escaped template while the playbook is built; `!unsafe` text when written. */
  name: string | UnsafeText;
  hosts: string;
  tasks: Task[];
}

/**
 * Tags of the tasks by what they touch, so an operator can run or skip a kind
 * (`--skip-tags packages,services` in a staging run where packages come from elsewhere):
 * `packages` (package, apt, yum), `services` (service, systemd), `mounts` (mount), `config`
 * (ini_file, lineinfile, blockinfile), `files` (file), `sql`, `commands`, `checks`
 * (verifying commands and their asserts), `environment` (source/export/cd), `manual` (pause).
 * The stamp directory and the unbound-value assert are tagged `always`.
 */
export const TASK_TAGS = ['packages', 'services', 'mounts', 'config', 'files', 'sql', 'commands', 'checks', 'environment', 'manual'] as const;

/** One of {@link TASK_TAGS}. */
export type TaskTag = (typeof TASK_TAGS)[number];

/** Directory of the run-once stamps of guide `base`, under tejun_root. */
export function stampDir(base: string): string {
  return `{{ ${ROOT_VAR} }}/var/lib/tejun/${base}`;
}

/** A guide condition or optional mark turned into a boolean variable of group_vars. */
export interface ConditionVar {
  /** Upper-snake variable name, e.g. `WHEN_L277` or `OPTIONAL_L374`. */
  variable: string;
  /** The guide's words (the `when` text) or, for optional marks, a description. */
  words: string;
  /** Guide line of its first use. */
  line: number;
}

/** Guide file name (without directory) used in task names: `000_….txt`. */
function guideName(graph: StepGraph): string {
  return graph.source.path.split(/[\\/]/).pop() ?? graph.source.path;
}


/** An Ansible group name for a role: `[A-Za-z0-9_]`, other characters → `_`; null → `all`. */
export function groupName(role: string | null | undefined): string {
  if (!role) return 'all';
  const name = role.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/**
 * Names every distinct condition of the graph (procedure, step and action `when`, in guide
 * order) `WHEN_L<line>` and every optional step or action `OPTIONAL_L<line>`, avoiding the
 * placeholder variables and each other (suffix `_2`, `_3`, …). Forbidden steps are skipped.
 * Returns a map from key (`when:<words>` or `optional:<id>`) to variable.
 */
export function nameConditions(graph: StepGraph): Map<string, ConditionVar> {
  const taken = new Set(graph.placeholders.map((p) => p.variable));
  const out = new Map<string, ConditionVar>();
  const add = (key: string, prefix: string, words: string, line: number): void => {
    if (out.has(key)) return;
    let variable = `${prefix}_L${line}`;
    for (let n = 2; taken.has(variable); n += 1) variable = `${prefix}_L${line}_${n}`;
    taken.add(variable);
    out.set(key, { variable, words, line });
  };
  for (const procedure of graph.procedures) {
    if (procedure.when) add(`when:${procedure.when}`, 'WHEN', procedure.when, procedure.source.line);
    for (const step of procedure.steps) {
      if (step.forbidden) continue;
      if (step.when) add(`when:${step.when}`, 'WHEN', step.when, step.source.line);
      if (step.optional) add(`optional:${step.id}`, 'OPTIONAL', `オプション: ${step.text}`, step.source.line);
      for (const action of step.actions) {
        if (action.when) add(`when:${action.when}`, 'WHEN', action.when, action.source.line);
        if (action.optional) {
          add(`optional:${action.id}`, 'OPTIONAL', `オプション: ${step.text}`, action.source.line);
        }
      }
    }
  }
  return out;
}

/** The `when:` list for an action: every condition and optional mark above it, as `VAR | bool`. */
function whenFor(
  conditions: Map<string, ConditionVar>,
  procedure: Procedure,
  step: Step,
  action: Action | null,
): string[] {
  const keys = [
    procedure.when ? `when:${procedure.when}` : null,
    step.when ? `when:${step.when}` : null,
    step.optional ? `optional:${step.id}` : null,
    action?.when ? `when:${action.when}` : null,
    action?.optional ? `optional:${action.id}` : null,
  ];
  const vars = keys.flatMap((k) => (k && conditions.has(k) ? [conditions.get(k)!.variable] : []));
  return [...new Set(vars)].map((v) => `${v} | bool`);
}

/** Everything task building needs to know about the graph. */
interface Context {
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
  /** Ids of INI settings the guide sets again later, for the same role, to another value (see supersededSettings). */
  superseded: Set<string>;
  /** Lines the guide adds to /etc/fstab (file actions and `echo "…" >> /etc/fstab`). */
  fstab: string[];
  messages: Message[];
}

/** Text with its placeholders substituted for `language`, and whether it holds a secret. */
interface Rendered {
  text: string;
  secret: boolean;
}

/** Substitutes the placeholders of `action` in `text` (see escape/ansible.ts's toJinja). */
function render(ctx: Context, action: Action, text: string, language: TextLanguage): Rendered {
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
function renderPath(ctx: Context, action: Action, text: string): Rendered {
  const segments = splitByPlaceholders(text, ctx.placeholders(action));
  const literal = segments.every((s) => 'text' in s);
  return render(ctx, action, literal ? (pathUnderRoot(text) ?? text) : text, 'raw');
}

/** A unique, Jinja-safe task name: `<step text> (guide:line)`, then ` #2`, ` #3` … if taken. */
function taskName(ctx: Context, text: string, line: number): string {
  let named = ctx.nameTexts.get(text);
  if (named === undefined) ctx.nameTexts.set(text, (named = nameText(oneLine(text))));
  const base = `${named} (${ctx.guide}:${line})`;
  let name = base;
  for (let n = 2; ctx.names.has(name); n += 1) name = `${base} #${n}`;
  ctx.names.add(name);
  return escapeJinja(name);
}

/** Adds the fields every task of `action` shares: when (after `options.when`), become, no_log, tags. */
function finish(
  ctx: Context,
  task: Task,
  procedure: Procedure,
  step: Step,
  action: Action | null,
  options: { user?: string; secret: boolean; tag: TaskTag; when?: string[] },
): Task {
  const when = [...(options.when ?? []), ...whenFor(ctx.conditions, procedure, step, action)];
  if (when.length === 1) task.when = when[0];
  else if (when.length > 1) task.when = when;
  if (options.user === 'user') task.become = false;
  else if (options.user && options.user !== 'root') task.become_user = options.user;
  if (options.secret) task.no_log = true;
  task.tags = [options.tag];
  return task;
}

/**
 * Makes a command or SQL task run once per host: its module gets `creates: STAMP` (a file
 * under {@link stampDir}, named after the guide line), its `when` first checks that STAMP was
 * not among the stamps found by the stamps play (see stampsPlay; evaluated on the controller, so
 * a second run skips the task without running a module), and a second task touches STAMP after
 * it succeeded (same conditions and tag, run as root; not in check mode). A second run skips
 * both (changed=0); check mode reports the task as a change without running it and leaves the
 * stamp task out. Delete the stamp to run it again.
 * Returns [task, stamp task].
 */
function runOnce(ctx: Context, task: Task, module: string, line: number, options: { creates: boolean } = { creates: true }): Task[] {
  let stamp = `L${line}.done`;
  for (let n = 2; ctx.stamps.has(stamp); n += 1) stamp = `L${line}-${n}.done`;
  ctx.stamps.add(stamp);
  const path = `${stampDir(ctx.base)}/${stamp}`;
  // Modules without a `creates` parameter (ini_file) rely on the `when` below alone.
  if (options.creates) (task[module] as Record<string, unknown>).creates = path;
  // changed_when: true would report a change even when `creates` skips the task.
  delete task.changed_when;
  // Skipped on the controller when the stamp was there at the start of the run (no module run).
  const when = task.when === undefined ? [] : Array.isArray(task.when) ? (task.when as string[]) : [task.when as string];
  const notDone = `'${stamp}' not in (${DONE_VAR} | default([]))`;
  task.when = when.length === 0 ? notDone : [notDone, ...when];
  const done: Task = {
    name: `Stamp: ${task.name as string} ran`,
    'ansible.builtin.file': { path, state: 'touch', mode: '0600', modification_time: 'preserve', access_time: 'preserve' },
  };
  for (const key of ['when', 'no_log', 'tags']) {
    const value = task[key];
    if (value !== undefined) done[key] = Array.isArray(value) ? [...(value as unknown[])] : value;
  }
  // Check mode predicts the guide's changes, not tejun's bookkeeping (and saves a module run each).
  done.when = [...(done.when === undefined ? [] : ([] as string[]).concat(done.when as string | string[])), 'not ansible_check_mode'];
  return [task, done];
}

/** Bare password-prompt options of a client command (`-p`, `--password`) are dropped. */
export function dropPasswordPrompt(run: string): string {
  return run
    .split(/\s+/)
    .filter((w) => w !== '-p' && w !== '--password')
    .join(' ');
}

/** True when an interactive command only switches user (`su nova -s /bin/sh`, `sudo -iu x`). */
function isUserSwitch(run: string): boolean {
  const first = run.trim().split(/\s+/)[0] ?? '';
  return first === 'su' || first === 'sudo';
}

/** Tasks for one command action. `prelude` is the play's environment commands so far. */
function commandTasks(
  ctx: Context,
  procedure: Procedure,
  step: Step,
  action: CommandAction,
  prelude: Rendered[],
): Task[] {
  // An empty command (a bare prompt line the extractor kept, 002:450) opens no task.
  if (action.interactive || action.run.trim() === '') return [];
  const chain = splitAndChain(action.run);
  if (chain) return chain.flatMap((run) => commandTasks(ctx, procedure, step, { ...action, run }, prelude));
  const name = taskName(ctx, step.text, action.source.line);
  const spec = mountSpec(action.run, ctx.fstab) ?? classifyCommand(action.run);
  const common: { user?: string; secret: boolean; tag: TaskTag } = { user: action.user, secret: false, tag: 'commands' };
  if (spec.module === 'ansible.builtin.package') {
    common.tag = 'packages';
    const names = spec.names.map((n) => render(ctx, action, n, 'raw'));
    common.secret = names.some((n) => n.secret);
    const task: Task = { name, 'ansible.builtin.package': { name: names.map((n) => n.text), state: 'present' } };
    return [finish(ctx, task, procedure, step, action, common)];
  }
  if ('items' in spec) {
    common.tag = 'services';
    const units = spec.items.map((item) => render(ctx, action, item.name, 'raw'));
    common.secret = units.some((u) => u.secret);
    const { state, enabled } = spec.items[0]!;
    const args: Record<string, unknown> = { name: units.length === 1 ? units[0]!.text : '{{ item }}' };
    if (state) args.state = state;
    if (enabled !== undefined) args.enabled = enabled;
    const task: Task = { name, [spec.module]: args };
    if (units.length > 1) task.loop = units.map((u) => u.text);
    return [finish(ctx, task, procedure, step, action, common)];
  }
  if ('args' in spec) {
    const tags: Record<GenericSpec['module'], TaskTag> = {
      'ansible.builtin.apt': 'packages',
      'ansible.builtin.yum': 'packages',
      'ansible.builtin.file': 'files',
      'ansible.builtin.lineinfile': 'config',
      'ansible.posix.mount': 'mounts',
    };
    common.tag = tags[spec.module];
    const fileKey = spec.module === 'ansible.posix.mount' ? 'fstab' : 'path';
    const args: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(spec.args)) {
      if (typeof value !== 'string') args[key] = value;
      else {
        const r = key === fileKey ? renderPath(ctx, action, value) : render(ctx, action, value, 'raw');
        args[key] = key === fileKey ? rootedPath(r.text) : r.text;
        common.secret ||= r.secret;
      }
    }
    return [finish(ctx, { name, [spec.module]: args }, procedure, step, action, common)];
  }
  // As the bash runbook: `mkdir DIR` → `mkdir -p DIR`, `rm FILE` → `rm -f FILE` (bash-idempotent.ts),
  // and `(`…`)` inside a word (`/v2/%(tenant_id)s`, 003:1958) escaped (bash-redirect.ts).
  const rendered = render(ctx, action, escapeWordParens(idempotentCommand(spec.cmd)), 'shell');
  // A secret exported or sourced earlier is on every later command line of the play.
  common.secret = rendered.secret || prelude.some((p) => p.secret);
  const before = prelude.map((p) => p.text);
  if (spec.module === 'environment') {
    common.tag = 'environment';
    const task: Task = {
      name,
      'ansible.builtin.shell': { cmd: [...before, rendered.text].join(' && '), executable: '/bin/bash' },
      changed_when: false,
    };
    const out = finish(ctx, task, procedure, step, action, common);
    prelude.push(rendered);
    return [out];
  }
  const shell = spec.module === 'ansible.builtin.shell' || prelude.length > 0;
  const pipe = /\|/.test(action.run);
  const cmd = rootedRedirects([...(pipe ? ['set -o pipefail'] : []), ...before, rendered.text].join(' && '));
  const task: Task = shell
    ? { name, 'ansible.builtin.shell': { cmd, executable: '/bin/bash' } }
    : { name, 'ansible.builtin.command': { cmd: rendered.text } };
  const expectation = action.verify && action.expect ? comparableExpectation(action.expect) : null;
  let register: string | null = null;
  if (expectation) {
    ctx.checks += 1;
    register = `tejun_check_${ctx.checks}`;
    task.register = register;
  }
  task.changed_when = !action.verify;
  if (action.verify) common.tag = 'checks';
  const module = shell ? 'ansible.builtin.shell' : 'ansible.builtin.command';
  const finished = finish(ctx, task, procedure, step, action, common);
  const tasks = action.verify ? [finished] : runOnce(ctx, finished, module, action.source.line);
  if (expectation && register) {
    const assertTask: Task = {
      name: taskName(ctx, `${step.text} → ${action.expect ?? ''}`, action.source.line),
      'ansible.builtin.assert': {
        that: [`(${register}.stdout | trim | int) ${expectation.op} ${expectation.value}`],
        fail_msg: new UnsafeText(oneLine(action.expect ?? '')),
      },
    };
    tasks.push(
      finish(ctx, assertTask, procedure, step, action, {
        user: undefined,
        secret: common.secret,
        tag: 'checks',
        when: [`${register} is not skipped`],
      }),
    );
  }
  return tasks;
}

/**
 * One task feeding a step's statements of one session to the session's client on stdin (with
 * its run-once stamp task, see runOnce), or none when they only leave the client (`quit`,
 * `exit`, `\q`: stdin ends anyway).
 */
function sqlTasks(ctx: Context, procedure: Procedure, step: Step, all: SqlAction[]): Task[] {
  const sql = all.filter((a) => !/^\s*(quit|exit|\\q)\s*;?\s*$/i.test(a.run));
  const first = sql[0];
  if (!first) return [];
  const client = ctx.sessions.get(first.session);
  if (!client) {
    ctx.messages.push({
      ruleId: 'unknown-session',
      severity: 'warning',
      reason: `Unexpected SQL session \`${first.session}\` with no interactive command, expected the id of a command action; running \`mysql\``,
      line: first.source.line,
      column: first.source.column ?? 1,
    });
  }
  const clientRun = dropPasswordPrompt(client?.run ?? 'mysql');
  const cmd = render(ctx, client ?? first, clientRun, 'shell');
  cmd.text = withMysqlDefaults(cmd.text, render(ctx, client ?? first, withoutConnectionOptions(clientRun), 'shell').text);
  // `CREATE DATABASE|SCHEMA|USER x` → `… IF NOT EXISTS x`, as the bash runbook (guide 003 creates neutron twice).
  const statements = sql.map((a) => render(ctx, a, idempotentSql(a.run), 'sql'));
  const previousUse = ctx.useBySession.get(first.session);
  const lines = statements.map((s) => s.text);
  if (previousUse && !/^\s*use\s/i.test(sql[0]!.run)) lines.unshift(previousUse);
  for (const a of sql) {
    if (/^\s*use\s/i.test(a.run)) ctx.useBySession.set(first.session, render(ctx, a, a.run, 'sql').text);
  }
  const module = needsShell(clientRun) ? 'ansible.builtin.shell' : 'ansible.builtin.command';
  const args: Record<string, unknown> = { cmd: cmd.text, stdin: lines.join('\n') };
  if (module === 'ansible.builtin.shell') args.executable = '/bin/bash';
  const task: Task = { name: taskName(ctx, step.text, first.source.line), [module]: args, changed_when: true };
  const finished = finish(ctx, task, procedure, step, first, {
    user: client?.user,
    secret: cmd.secret || statements.some((s) => s.secret),
    tag: 'sql',
  });
  return runOnce(ctx, finished, module, first.source.line);
}

/** True when an INI setting's texts hold a `{`: its loop item could be templated again (see sameIniTask). */
function holdsBrace(a: IniAction): boolean {
  return a.section.includes('{') || a.key.includes('{') || a.value.includes('{');
}

/**
 * True when INI action `next` can share the ini_file task of `first` (consecutive in one step):
 * same file, both with a section, same condition and optional mark, and neither holds a `{`.
 * A loop item is templated when the loop is, and again when `{{ item.value }}` reads it, so a
 * literal `{{` of the guide, escaped once, would run the second time: such a setting gets a task
 * of its own, whose arguments are templated once.
 */
function sameIniTask(first: IniAction, next: IniAction): boolean {
  return (
    !holdsBrace(first) &&
    !holdsBrace(next) &&
    next.file === first.file &&
    first.section !== '' &&
    next.section !== '' &&
    next.when === first.when &&
    Boolean(next.optional) === Boolean(first.optional)
  );
}

/**
 * One community.general.ini_file task for consecutive INI settings of one file in one step
 * (see sameIniTask): a single setting is written out (`section`, `option`, `value`); several
 * become one task with a `loop` of `{section, option, value}` items and a loop label of
 * `[section] option` (never the value), so the playbook reads as the guide's "edit nova.conf"
 * step and runs one task instead of one per key. `no_log` when any value holds a secret.
 */
function iniTask(ctx: Context, procedure: Procedure, step: Step, run: IniAction[]): Task {
  const first = run[0]!;
  const path = renderPath(ctx, first, first.file);
  let secret = path.secret;
  const items = run.map((a) => {
    const [section, option, value] = [a.section, a.key, a.value].map((t) => render(ctx, a, t, 'raw'));
    secret ||= section!.secret || option!.secret || value!.secret;
    return { section: section!.text || null, option: option!.text, value: value!.text };
  });
  const name = taskName(ctx, step.text, first.source.line);
  const args: Record<string, unknown> = { path: rootedPath(path.text) };
  let task: Task;
  if (items.length === 1) {
    Object.assign(args, items[0], { create: true });
    task = { name, 'community.general.ini_file': args };
  } else {
    Object.assign(args, { section: '{{ item.section }}', option: '{{ item.option }}', value: '{{ item.value }}', create: true });
    task = {
      name,
      'community.general.ini_file': args,
      loop: items,
      loop_control: { label: '[{{ item.section }}] {{ item.option }}' },
    };
  }
  return finish(ctx, task, procedure, step, first, { secret, tag: 'config' });
}

/** Tasks for one step, in action order; SQL runs of one session become one task. */
function stepTasks(ctx: Context, procedure: Procedure, step: Step, prelude: Rendered[]): Task[] {
  const tasks: Task[] = [];
  const actions = step.actions;
  for (let i = 0; i < actions.length; i += 1) {
    const action = actions[i]!;
    switch (action.kind) {
      case 'command':
        if (action.interactive && !isUserSwitch(action.run)) ctx.sessions.set(action.id, action);
        tasks.push(...commandTasks(ctx, procedure, step, action, prelude));
        break;
      case 'sql': {
        const run: SqlAction[] = [action];
        while (i + 1 < actions.length) {
          const next = actions[i + 1]!;
          if (next.kind !== 'sql' || next.session !== action.session || next.when !== action.when) break;
          if (Boolean(next.optional) !== Boolean(action.optional)) break;
          run.push(next);
          i += 1;
        }
        tasks.push(...sqlTasks(ctx, procedure, step, run));
        break;
      }
      case 'ini': {
        const run: IniAction[] = [action];
        while (i + 1 < actions.length) {
          const next = actions[i + 1]!;
          if (next.kind !== 'ini' || !sameIniTask(action, next) || ctx.superseded.has(next.id) !== ctx.superseded.has(action.id)) break;
          run.push(next);
          i += 1;
        }
        const task = iniTask(ctx, procedure, step, run);
        tasks.push(...(ctx.superseded.has(action.id) ? runOnce(ctx, task, 'community.general.ini_file', action.source.line, { creates: false }) : [task]));
        break;
      }
      case 'file': {
        const path = renderPath(ctx, action, action.file);
        const language = fileLanguage(action, ctx.sourced);
        const content = render(ctx, action, action.content, language === 'text' ? 'raw' : language);
        const name = taskName(ctx, step.text, action.source.line);
        const task: Task = action.content.includes('\n')
          ? {
              name,
              'ansible.builtin.blockinfile': {
                path: rootedPath(path.text),
                block: content.text,
                marker: escapeJinja(`# {mark} tejun ${ctx.guide}:${action.source.line}`),
                create: true,
              },
            }
          : { name, 'ansible.builtin.lineinfile': { path: rootedPath(path.text), line: content.text, create: true } };
        tasks.push(finish(ctx, task, procedure, step, action, { secret: path.secret || content.secret, tag: 'config' }));
        break;
      }
      case 'manual': {
        const text = render(ctx, action, action.text, 'raw');
        const task: Task = {
          name: taskName(ctx, step.text, action.source.line),
          'ansible.builtin.pause': { prompt: `${oneLine(text.text)} (${escapeJinja(ctx.guide)}:${action.source.line})` },
        };
        tasks.push(finish(ctx, task, procedure, step, action, { secret: text.secret, tag: 'manual' }));
        break;
      }
      default:
        throw new Error(`unknown action kind ${String((action satisfies never as Action).kind)}`);
    }
  }
  return tasks;
}

/**
 * Groups the graph into plays: consecutive non-forbidden steps with the same effective role
 * (step.role, else procedure.role, else `all`) share a play; play names list the procedure
 * titles they cover. Throws only on an unknown action kind.
 */
function buildPlays(ctx: Context): Play[] {
  const plays: Play[] = [];
  let current: (Play & { titles: string[]; prelude: Rendered[] }) | null = null;
  for (const procedure of ctx.graph.procedures) {
    const title = oneLine(procedure.title);
    for (const step of procedure.steps) {
      if (step.forbidden) continue;
      const hosts = groupName(step.role ?? procedure.role);
      if (!current || current.hosts !== hosts) {
        current = { name: '', hosts, tasks: [], titles: [], prelude: [] };
        plays.push(current);
      }
      if (current.titles[current.titles.length - 1] !== title) current.titles.push(title);
      current.tasks.push(...stepTasks(ctx, procedure, step, current.prelude));
    }
  }
  return plays.map((p) => ({
    name: escapeJinja(nameText(`Role ${p.hosts}: ${(p as Play & { titles: string[] }).titles.join(' / ')}`)),
    hosts: p.hosts,
    tasks: p.tasks,
  }));
}

/**
 * The task as the playbook writes it: its `name` and every string of its module arguments (keys
 * with a dot: `ansible.builtin.…`) and of its `loop`, recursively, through
 * {@link writtenString}; other keys (`when`, `register`, `tags`, …: tejun's own expressions)
 * unchanged, and so are an assert's `that` and set_fact's values (Jinja expressions).
 */
function writtenTask(task: Task): Task {
  const out: Task = {};
  for (const key of Object.keys(task)) {
    const value = task[key];
    if (key === 'name' && typeof value === 'string') out[key] = asUnsafe(value);
    else if (key === 'ansible.builtin.set_fact') out[key] = value; // tejun's own expressions
    else if (key === 'ansible.builtin.assert' && isRecord(value)) {
      const { that, ...rest } = value;
      out[key] = { ...(writtenStrings(rest) as Record<string, unknown>), that };
    } else out[key] = key.includes('.') || key === 'loop' ? writtenStrings(value) : value;
  }
  return out;
}

/**
 * A module argument string as written: guide text only → `!unsafe` (escape/ansible.ts's
 * asUnsafe: never templated); a template (a site value or a playbook variable in it) →
 * {@link keepString} of it.
 */
function writtenString(template: string): string | UnsafeText {
  const unsafe = asUnsafe(template);
  return typeof unsafe === 'string' ? keepString(unsafe) : unsafe;
}

/**
 * `value` with {@link writtenString} applied to every string in it, arrays and plain records
 * copied (keys in the same order; the keys are tejun's own module argument names, never
 * `__proto__`).
 */
function writtenStrings(value: unknown): unknown {
  if (typeof value === 'string') return writtenString(value);
  if (Array.isArray(value)) return value.map(writtenStrings);
  if (!isRecord(value) || value instanceof UnsafeText) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = writtenStrings(value[key]);
  return out;
}

/** True for a plain object (a module's arguments). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The variable holding the names of the run-once stamps present at the start of the run (set by {@link stampsPlay}). */
export const DONE_VAR = 'tejun_done';

/** True when a task of `plays` is a run-once task (its `when` tests the stamps found by the stamps play). */
function hasRunOnce(plays: Play[]): boolean {
  return plays.some((p) => p.tasks.some((t) => ([] as unknown[]).concat(t.when ?? []).some((w) => typeof w === 'string' && w.includes(DONE_VAR))));
}

/**
 * The INI settings (action ids) a later setting of the guide overrides: the same file, section
 * and key set again further on to another value (guide 003 sets nova.conf keys in one chapter
 * and again in a later one). Such a setting is applied once (a run-once stamp, see runOnce), so
 * a second run does not write the first value and then the last again: the end state is the
 * guide's, and the run reports changed=0. Roles are not compared: where the later setting runs
 * on another host, the earlier one is still applied on the first run of its own host.
 */
export function supersededSettings(graph: StepGraph): Set<string> {
  const last = new Map<string, string>();
  const settings: Array<{ id: string; key: string; value: string }> = [];
  for (const p of graph.procedures) {
    for (const s of p.steps) {
      for (const a of s.actions) {
        if (a.kind !== 'ini') continue;
        const key = [a.file, a.section, a.key].join('\u0000');
        settings.push({ id: a.id, key, value: a.value });
        last.set(key, a.value);
      }
    }
  }
  return new Set(settings.filter((x) => last.get(x.key) !== x.value).map((x) => x.id));
}

/**
 * The first play when the playbook has run-once tasks, on `hosts: all`, every task tagged
 * `always`: makes the stamp directory (0700), finds the stamps in it (`*.done`) and sets
 * {@link DONE_VAR} to their file names, which the run-once tasks of later plays test in their
 * `when` (host variables last for the whole run). In check mode on a fresh root the directory is
 * reported as a change and no stamp is found.
 */
function stampsPlay(ctx: Context): Play {
  return {
    name: escapeJinja(nameText(`Run-once stamps of ${ctx.guide} (delete a stamp to run its task again)`)),
    hosts: 'all',
    tasks: [
      {
        name: 'Directory of the run-once stamps',
        'ansible.builtin.file': { path: stampDir(ctx.base), state: 'directory', mode: '0700' },
        tags: ['always'],
      },
      {
        name: 'Find the run-once stamps of earlier runs',
        'ansible.builtin.find': { paths: stampDir(ctx.base), patterns: '*.done' },
        register: 'tejun_stamps',
        tags: ['always'],
      },
      {
        name: 'Names of the run-once stamps of earlier runs',
        'ansible.builtin.set_fact': { [DONE_VAR]: "{{ tejun_stamps.files | map(attribute='path') | map('basename') | list }}" },
        tags: ['always'],
      },
    ],
  };
}

/** A task asserting that every unbound placeholder the playbook uses was given at run time. */
function unboundAssert(unbound: Placeholder[]): Task {
  return {
    name: 'Values left unbound at generation are given at run time (-e @values.yml)',
    'ansible.builtin.assert': {
      that: unbound.map((p) => `${p.variable} is not none and (${p.variable} | string | length) > 0`),
      fail_msg: `Unbound values: ${unbound.map((p) => p.variable).join(', ')}`,
    },
    tags: ['always'],
  };
}

/**
 * True when a task of `tasks` reads gathered facts (`ansible_env` or `ansible_facts`; today
 * only a `~/` path under tejun_root, see ansible-paths.ts's rootedPath). Plays that read none
 * say `gather_facts: false`: fact gathering costs a module run per play and host, and the
 * guides' playbooks have dozens of plays (one per change of role).
 */
export function usesFacts(tasks: Task[]): boolean {
  return tasks.some(readsFacts);
}

/** Reads gathered facts: `ansible_env` or `ansible_facts` as a whole word. */
const FACTS = /\bansible_(env|facts)\b/;

/**
 * True when `FACTS` matches the JSON text of `value` (usesFacts tested `JSON.stringify(tasks)`
 * before): a match lies within one key or string literal, its quotes included, so each is
 * tested alone as JSON writes it, and only when it holds `ansible_`. Keys whose value JSON
 * leaves out (undefined, functions, symbols) are skipped, as JSON skips them.
 */
function readsFacts(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('ansible_') && FACTS.test(JSON.stringify(value));
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(readsFacts);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    if (readsFacts(key) || readsFacts(item)) return true;
  }
  return false;
}

/** One play as the plain data the playbook writes. */
function playData(p: Play): Record<string, unknown> {
  return { name: p.name, hosts: p.hosts, become: true, gather_facts: usesFacts(p.tasks), tasks: p.tasks };
}

/**
 * YAML text of the playbook (plays as a sequence), YAML 1.1 quoting as Ansible reads it. Each
 * play is emitted by the `yaml` package as a document of its own (a one-item sequence, no
 * directives) and the texts are joined after one `---`: the same text as one document of all
 * plays (the items of a block sequence are emitted independently, and plays share no objects,
 * hence no anchors), without yaml's directive pass over the whole tree (it visits every node
 * to list `%TAG` handles, of which the playbook has none), and without a tree of every node
 * of the playbook alive at once. An empty playbook is one document (`--- []`).
 */
function playbookYaml(plays: Play[]): string {
  if (plays.length === 0) {
    const doc = new Document([], { version: '1.1' });
    doc.directives!.docStart = true;
    return doc.toString(YAML_TEXT).replace(/\n$/, '');
  }
  const writer = new PlayWriter();
  const parts = plays.map((p) => writer.item(playData(p)));
  return `---\n${parts.join('\n')}`;
}

/**
 * YAML text of group_vars/all.yml: every placeholder variable (bound → `!unsafe` double-quoted
 * string; unbound → null) with its description and guide line as a comment, then every
 * condition variable (false) with the guide's words.
 */
export function groupVarsYaml(
  graph: StepGraph,
  options: GenerateOptions,
  conditions: Map<string, ConditionVar>,
  messages: Message[],
): { text: string; secret: boolean } {
  // Strings PyYAML would not read back as written (U+2028, DEL…) are double-quoted with escapes.
  const doc = new Document({}, { version: '1.1', customTags: (tags) => tags.map((t) => (typeof t === 'object' && t.tag === 'tag:yaml.org,2002:str' && !t.format ? safeStringTag(t as ScalarTag) : t)) });
  doc.directives!.docStart = true;
  const map = doc.contents;
  if (!isMap(map)) throw new Error('group_vars document is not a map');
  // One `key: value` pair with a comment line before it per note (each note already one line).
  const addCommented = (variable: string, value: unknown, notes: string[]) => {
    const key = new Scalar(variable);
    key.commentBefore = notes.map((n) => ` ${n}`).join('\n');
    map.add(doc.createPair(key, value));
  };
  const seen = new Set<string>();
  let secret = false;
  const guide = guideName(graph);
  for (const p of graph.placeholders) {
    if (seen.has(p.variable)) {
      messages.push({
        ruleId: 'duplicate-variable',
        severity: 'warning',
        reason: `Unexpected second placeholder \`${p.name}\` with variable ${p.variable}, expected one placeholder per variable; the first one's value is used`,
        line: p.source.line,
        column: p.source.column ?? 1,
      });
      continue;
    }
    seen.add(p.variable);
    const bound = Object.prototype.hasOwnProperty.call(options.vars, p.name);
    let value: Scalar;
    if (bound) {
      value = new Scalar(options.vars[p.name]);
      value.tag = '!unsafe';
      value.type = Scalar.QUOTE_DOUBLE;
      if (p.secret) secret = true;
    } else {
      value = new Scalar(null);
    }
    const notes = [
      `${p.name}: ${p.description ? oneLine(p.description) : '(no description in the guide)'} (${guide}:${p.source.line})`,
      ...(p.secret ? ['secret'] : []),
      ...(bound ? [] : ['unbound: give it at run time, e.g. -e @values.yml with a !unsafe value']),
    ];
    addCommented(p.variable, value, notes.map(oneLine));
  }
  addCommented(ROOT_VAR, '', [
    'Test and staging aid (as TEJUN_ROOT of the bash runbook): prefix of every file path the playbook',
    'writes (ini_file, lineinfile, blockinfile, file, fstab) and of its run-once stamps, e.g.',
    '-e tejun_root=/tmp/x. Empty: the real paths. Commands of the guide are not affected.',
  ]);
  addCommented(MYSQL_DEFAULTS_VAR, '', [
    'A MySQL option file with the client credentials (as TEJUN_MYSQL_DEFAULTS of the bash runbook):',
    'when set, SQL sessions run their client with --defaults-extra-file=FILE (no password on a',
    'command line). Empty: the client authenticates by itself (unix_socket, ~/.my.cnf).',
  ]);
  for (const c of conditions.values()) addCommented(c.variable, false, [`${oneLine(c.words)} (${guide}:${c.line})`]);
  return { text: doc.toString(YAML_TEXT).replace(/\n$/, ''), secret };
}

/** Host names a literal may give: letters, digits, dots and dashes only. */
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;

/**
 * Inventory groups, one per role used by a play (made a group name by {@link groupName}; not `all`): hosts are the graph's `host`
 * literals whose name contains the role name (case-insensitive), else `ROLE.example.com`.
 */
export function inventoryGroups(hosts: string[], literals: Literal[]): { name: string; hosts: string[] }[] {
  const groups = [...new Set(hosts.map(groupName))].filter((h) => h !== 'all');
  const candidates = [...new Set(literals.filter((l) => l.kind === 'host').map((l) => l.value))].filter((v) =>
    HOST_NAME.test(v),
  );
  return groups.map((name) => {
    const fit = candidates.filter((h) => h.toLowerCase().includes(name.toLowerCase()));
    return { name, hosts: fit.length > 0 ? fit : [`${name.replace(/_/g, '-')}.example.com`] };
  });
}

/** Lines the guide adds to /etc/fstab, in guide order (placeholders in place). */
function fstabLines(graph: StepGraph): string[] {
  const lines: string[] = [];
  for (const procedure of graph.procedures) {
    for (const step of procedure.steps) {
      for (const action of step.actions) {
        if (action.kind === 'file' && action.file === '/etc/fstab') lines.push(...action.content.split('\n'));
        if (action.kind === 'command') {
          const spec = appendSpec(action.run);
          if (spec && spec.args.path === '/etc/fstab') lines.push(String(spec.args.line));
        }
      }
    }
  }
  return lines;
}

/**
 * Generates the Ansible files for `graph`. Returns no files and the `unbound-placeholder`
 * errors when a placeholder has no value and `allowUnbound` is not set. group_vars/all.yml is
 * 0o600 when it holds a bound secret; the other files 0o644. Deterministic: same input, same
 * bytes. Throws only on a malformed graph (unknown action kind).
 */
export function stepsToAnsible(graph: StepGraph, options: GenerateOptions): GenerateResult {
  const errors = bindingErrors(graph, options);
  if (errors.length > 0) return { files: [], messages: errors };
  const ctx: Context = {
    graph,
    guide: guideName(graph),
    conditions: nameConditions(graph),
    sessions: new Map(),
    placeholders: placeholderIndex(graph),
    secretLiterals: graph.literals.filter((l) => l.kind === 'secret').map((l) => l.value),
    names: new Set(),
    nameTexts: new Map(),
    checks: 0,
    useBySession: new Map(),
    base: outputBase(graph),
    sourced: sourcedFiles(graph),
    stamps: new Set(),
    superseded: supersededSettings(graph),
    fstab: fstabLines(graph),
    messages: [],
  };
  const built = buildPlays(ctx);
  if (hasRunOnce(built)) built.unshift(stampsPlay(ctx));
  const unbound = graph.placeholders.filter((p) => !Object.prototype.hasOwnProperty.call(options.vars, p.name));
  if (unbound.length > 0 && built.length > 0) built[0]!.tasks.unshift(unboundAssert(unbound));
  // Names and guide-only strings are written !unsafe from here on (writtenTask).
  const plays = built.map((p) => ({ ...p, name: typeof p.name === 'string' ? asUnsafe(p.name) : p.name, tasks: p.tasks.map(writtenTask) }));
  const base = outputBase(graph);
  const header = { guide: oneLine(graph.source.path), sha256: oneLine(graph.source.sha256) };
  const vars = groupVarsYaml(graph, options, ctx.conditions, ctx.messages);
  const files: OutputFile[] = [
    {
      path: `${base}/playbook.yml`,
      content: renderTemplate('ansible/playbook.yml.hbs', { ...header, yaml: playbookYaml(plays) }),
      mode: 0o644,
    },
    {
      path: `${base}/group_vars/all.yml`,
      content: renderTemplate('ansible/group_vars.yml.hbs', { ...header, yaml: vars.text }),
      mode: vars.secret ? 0o600 : 0o644,
    },
    {
      path: `${base}/inventory.ini`,
      content: renderTemplate('ansible/inventory.ini.hbs', {
        ...header,
        groups: inventoryGroups(
          plays.map((p) => p.hosts),
          graph.literals,
        ),
      }),
      mode: 0o644,
    },
  ];
  return { files, messages: ctx.messages };
}
