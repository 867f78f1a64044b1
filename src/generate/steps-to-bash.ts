/**
 * The bash generator: a step graph → one runnable, idempotent-where-possible bash runbook
 * (`${base}.sh`), rendered from templates/bash/runbook.sh.hbs.
 *
 * Passes, each a small pure function:
 *   1. bindingErrors            unbound placeholders (unless allowUnbound) and values that
 *                               cannot land where the guide uses them → errors (no output)
 *   2. bashVariableNames         placeholder → bash variable (never a special variable)
 *   3. collectSessions           sql actions grouped by the command that opened their session
 *   4. procedureFunction         one bash function per procedure (steps → guarded action lines)
 *   5. renderRunbook             the Handlebars template, helpers and option parsing included
 *
 * Everything from the guide (titles, step text, conditions, expectations, commands, its file
 * name) reaches the script only as a comment with control characters folded, or as a shellQuote'd
 * word (escape/bash.ts): a command is a quoted string given to `tejun_run`, which evals it, so no
 * guide text can break the script's structure. Site values are variables: bound ones assigned
 * once at the top with shellQuote, referenced from commands as `"${VAR}"` in the quoting context
 * they occur in (bash-subst.ts); where a value lands in a file another program reads (a file the
 * guide sources, a Python file, a URL's userinfo) it is escaped for that reader at run time.
 */
import type {
  Action,
  CommandAction,
  Message,
  Placeholder,
  Procedure,
  SqlAction,
  Step,
  StepGraph,
} from '../ir/types.js';
import { placeholderIndex } from './bind.js';
import { bindingErrors } from './bind-values.js';
import { parseExpectation } from './bash-expect.js';
import { bashVariableNames } from './bash-names.js';
import { idempotentCommand, idempotentSql } from './bash-idempotent.js';
import { escapeWordParens, rerootRedirects } from './bash-redirect.js';
import { sqlPieces, substituteShell } from './bash-subst.js';
import { renderBashTemplate } from './bash-template.js';
import type { GenerateOptions, GenerateResult } from './index.js';
import { outputBase } from './output-base.js';
import { bashComment, placeExpansion, shellQuote, urlUserinfoExpansion } from './escape/bash.js';
import { fieldWord } from './bash-words.js';
import { fileLanguage, sourcedFiles, type FileLanguage } from './file-language.js';

/** Everything the per-procedure passes need, computed once per graph. */
interface BashContext {
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
  messages: Message[];
}

/**
 * Generates the bash runbook of `graph`: one file `${base}.sh`, mode 0o600 when a bound secret
 * is written into it, else 0o755. Unbound placeholders (unless `options.allowUnbound`) give
 * `unbound-placeholder` errors and no file. Other messages (warnings): `unbalanced-command`
 * (a command ends inside a quote: it will fail when run), `orphan-sql` (a statement whose session
 * command is not in the graph). Pure and deterministic; throws only if the template is missing.
 */
export function stepsToBash(graph: StepGraph, options: GenerateOptions): GenerateResult {
  const errors = bindingErrors(graph, options);
  if (errors.length > 0) return { files: [], messages: errors };
  const ctx = bashContext(graph);
  const procedures = graph.procedures.map((p, i) => procedureFunction(ctx, p, i));
  const content = renderBashTemplate({
    guidePath: graph.source.path,
    guideSha256: graph.source.sha256,
    dialect: graph.source.dialect,
    title: graph.title,
    varLines: variableLines(ctx, options),
    unboundHelp: unboundHelp(ctx, options),
    listLines: graph.procedures.map((p) =>
      shellQuote(`${p.title}  [role: ${p.role ?? '-'}]  (${ctx.guide}:${p.source.line})`),
    ),
    procedures,
    mainLines: graph.procedures.map((_, i) => functionName(i)),
  });
  const holdsSecret = graph.placeholders.some(
    (p) => p.secret && Object.prototype.hasOwnProperty.call(options.vars, p.name),
  );
  return {
    files: [{ path: `${outputBase(graph)}.sh`, content, mode: holdsSecret ? 0o600 : 0o755 }],
    messages: ctx.messages,
  };
}

/** Builds the per-graph context: variable names, sessions and their opening commands. */
function bashContext(graph: StepGraph): BashContext {
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
    messages,
  };
}

/** `procedure_N`, the bash function of the N-th procedure (0-based index → 1-based name). */
function functionName(index: number): string {
  return `procedure_${index + 1}`;
}

/** Text for a bash comment (escape/bash.ts's bashComment). */
const commentText = bashComment;

/** A shell-quoted word for guide prose (NUL, which no bash string can hold, dropped). */
const q = shellQuote;

/** `guide:line` of a node. */
function where(ctx: BashContext, node: { source: { line: number } }): string {
  return `${ctx.guide}:${node.source.line}`;
}

/**
 * The assignments (bound values, shellQuote'd) and run-time checks (unbound values, with
 * allowUnbound) of every placeholder, each under a comment giving its name, description, guide
 * line and whether it is secret.
 */
function variableLines(ctx: BashContext, options: GenerateOptions): string[] {
  const lines: string[] = [];
  for (const p of ctx.graph.placeholders) {
    const name = ctx.vars.get(p.name) as string;
    const about = [
      p.name === name ? name : `${name} (${p.name})`,
      p.description ?? '',
      `(${where(ctx, p)})`,
      p.secret ? 'secret' : '',
    ].filter(Boolean);
    lines.push(`# ${commentText(about.join(' '))}`);
    if (Object.prototype.hasOwnProperty.call(options.vars, p.name)) {
      lines.push(`${name}=${shellQuote(options.vars[p.name])}`);
    } else {
      lines.push(`tejun_require ${name} ${q(p.description ?? p.name)} ${q(where(ctx, p))}`);
    }
  }
  return lines.length > 0 ? lines : ['# (this guide has no placeholders)'];
}

/** --help lines (shell-quoted) naming each unbound value's environment variable. */
function unboundHelp(ctx: BashContext, options: GenerateOptions): string[] {
  return ctx.graph.placeholders
    .filter((p) => !Object.prototype.hasOwnProperty.call(options.vars, p.name))
    .map((p) =>
      q(`  ${ctx.vars.get(p.name)}  ${p.name}: ${p.description ?? ''} (${where(ctx, p)})`),
    );
}

/** Indents every line by `n` levels of two spaces. */
function indent(lines: string[], n = 1): string[] {
  const pad = '  '.repeat(n);
  return lines.map((l) => (l ? pad + l : l));
}

/**
 * One procedure as a bash function: the Japanese title and guide:line in a comment above, a
 * heading logged when it runs, a procedure-level condition guard, then its steps.
 */
function procedureFunction(ctx: BashContext, proc: Procedure, index: number): string {
  const head = [
    `# ${commentText(proc.title)} (${where(ctx, proc)})${proc.role ? ` [role: ${commentText(proc.role)}]` : ''}`,
    `${functionName(index)}() {`,
  ];
  const body: string[] = [
    `tejun_log '' ${q(`### ${proc.title} (${where(ctx, proc)})${proc.role ? ` [role: ${proc.role}]` : ''}`)}`,
  ];
  if (proc.when) {
    body.push(`if ! tejun_when ${q(where(ctx, proc))} ${q(proc.when)}; then return 0; fi`);
  }
  for (const step of proc.steps) body.push(...stepLines(ctx, proc, step));
  return [...head, ...indent(body), '}'].join('\n');
}

/**
 * One step: `# guide:line text`, then its actions under the step's guards (role, condition,
 * optional). A forbidden step is comments only.
 */
function stepLines(ctx: BashContext, proc: Procedure, step: Step): string[] {
  const at = where(ctx, step);
  const lines = [`# ${at} ${commentText(step.text)}`];
  if (step.forbidden) {
    lines.push('# 実行しない: the guide says not to do this step; it is not run.');
    for (const a of step.actions) lines.push(`#   ${commentText(actionSummary(a))}`);
    return lines;
  }
  const actions = step.actions.flatMap((a) => actionLines(ctx, step, a));
  if (!actions.some((l) => !l.startsWith('#'))) return [...lines, ...actions];
  const guards: string[] = [];
  const role = step.role ?? proc.role;
  if (role) guards.push(`tejun_role_ok ${q(role)}`);
  if (step.when) guards.push(`tejun_when ${q(at)} ${q(step.when)}`);
  if (step.optional) guards.push(`tejun_optional ${q(at)} ${q(step.text)}`);
  const inner = [`tejun_step ${q(at)} ${q(step.text)} ${q(role ?? '')}`, ...actions];
  if (guards.length === 0) return [...lines, ...inner];
  return [...lines, `if ${guards.join(' && ')}; then`, ...indent(inner), 'fi'];
}

/** A one-line description of an action for comments. */
function actionSummary(a: Action): string {
  switch (a.kind) {
    case 'command':
    case 'sql':
      return `${a.kind}: ${a.run}`;
    case 'ini':
      return `ini: ${a.file} [${a.section}] ${a.key} = ${a.value}`;
    case 'file':
      return `file: ${a.file}: ${a.content}`;
    case 'manual':
      return `manual: ${a.text}`;
  }
}

/** The guards an action adds to its step's (its own `when` when it differs, `optional`). */
function actionGuards(ctx: BashContext, step: Step, a: Action): string[] {
  const guards: string[] = [];
  if (a.when && a.when !== step.when) guards.push(`tejun_when ${q(where(ctx, a))} ${q(a.when)}`);
  if (a.optional && !step.optional)
    guards.push(`tejun_optional ${q(where(ctx, a))} ${q(actionSummary(a))}`);
  return guards;
}

/** Lines for one action, under its own guards. */
function actionLines(ctx: BashContext, step: Step, a: Action): string[] {
  const body = actionBody(ctx, a);
  const guards = actionGuards(ctx, step, a);
  if (guards.length === 0 || !body.some((l) => !l.startsWith('#'))) return body;
  return [`if ${guards.join(' && ')}; then`, ...indent(body), 'fi'];
}

/** Names the bash variable of each placeholder in the graph. */
function variableOf(ctx: BashContext): (p: Placeholder) => string {
  return (p) => ctx.vars.get(p.name) as string;
}

/** A bash word for an INI or file field of `a` (bash-words.ts's fieldWord with this graph's placeholders and variables). */
function valueWord(ctx: BashContext, a: Action, text: string, language: FileLanguage | 'path' = 'text'): string {
  return fieldWord(text, ctx.placeholders(a), variableOf(ctx), language);
}

/** The unguarded lines of one action. */
function actionBody(ctx: BashContext, a: Action): string[] {
  const at = q(where(ctx, a));
  switch (a.kind) {
    case 'manual':
      return [`tejun_manual ${at} ${q(a.text)}`];
    case 'ini':
      return [
        `tejun_ini_set ${at} ${valueWord(ctx, a, a.file, 'path')} ${valueWord(ctx, a, a.section)} ${valueWord(ctx, a, a.key)} ${valueWord(ctx, a, a.value)}`,
      ];
    case 'file':
      return [`tejun_file_add ${at} ${valueWord(ctx, a, a.file, 'path')} ${valueWord(ctx, a, a.content, fileLanguage(a, ctx.sourced))}`];
    case 'sql': {
      const opener = ctx.openers.get(a.session);
      return opener
        ? [`# sql ${where(ctx, a)}: sent in the session opened at ${where(ctx, opener)}`]
        : [`# sql ${where(ctx, a)} (no session, not run): ${commentText(a.run)}`];
    }
    case 'command':
      return commandLines(ctx, a);
  }
}

/** True for `su USER [-s SHELL]` without `-c`: opens a shell, cannot run unattended. */
function opensShell(run: string): boolean {
  return /^su(\s|$)/.test(run) && !/(^|\s)(-c|--command)(\s|=|$)/.test(run);
}

/** Lines of a command action: a session, a check, a command as another user, or a command. */
function commandLines(ctx: BashContext, a: CommandAction): string[] {
  const at = q(where(ctx, a));
  const phs = ctx.placeholders(a);
  if (ctx.openers.has(a.id) || (a.interactive && isSqlClient(a.run))) return sessionLines(ctx, a);
  if (a.interactive || opensShell(a.run)) {
    return [
      `# ${where(ctx, a)} interactive, not run: ${commentText(a.run)}`,
      '# (the commands the guide types in it run below as that user)',
    ];
  }
  if (a.user !== 'root' && a.user !== 'user') {
    // Run with sh as that account: values passed as positional parameters, a value in a URL's
    // userinfo as its own parameter, percent-encoded by the runbook (sh has no tejun_escape).
    const index = new Map<string, string>();
    const args: string[] = [];
    const sub = substituteShell(
      a.run,
      phs,
      (p, url) => {
        const key = `${url ? 'url' : 'value'}\0${p.name}`;
        if (!index.has(key)) {
          index.set(key, String(index.size + 1));
          const name = variableOf(ctx)(p);
          args.push(placeExpansion(url ? urlUserinfoExpansion(name) : `\${${name}}`, 'unquoted'));
        }
        return index.get(key)!;
      },
      (position) => `\${${position}}`,
    );
    warnUnbalanced(ctx, a, sub.balanced);
    return [`tejun_run_as ${q(a.user)} ${at} ${q(sub.text)}${args.map((x) => ' ' + x).join('')}`];
  }
  const substituted = substituteShell(a.run, phs, variableOf(ctx));
  warnUnbalanced(ctx, a, substituted.balanced);
  const sub = { ...substituted, text: rerootRedirects(escapeWordParens(idempotentCommand(substituted.text))) };
  if (a.verify) {
    const e = parseExpectation(a.expect);
    return [
      `tejun_check ${at} ${q(sub.text)} ${e ? `${e.op} ${e.value}` : "'' ''"} ${q(a.expect ?? '')}`,
    ];
  }
  return [`tejun_run ${at} ${q(sub.text)}`];
}

/** Records an `unbalanced-command` warning when a command ends inside a quote. */
function warnUnbalanced(ctx: BashContext, a: CommandAction, balanced: boolean): void {
  if (balanced) return;
  ctx.messages.push({
    ruleId: 'unbalanced-command',
    severity: 'warning',
    reason: `Unexpected end of command inside a quote or substitution in \`${a.run}\`, expected balanced quotes; the runbook will stop there with a syntax error`,
    line: a.source.line,
    column: a.source.column ?? 1,
  });
}

/** Matches the mysql/mariadb client word of a command. */
const SQL_CLIENT = /(^|\s)((?:\S*\/)?(?:mysql|mariadb))(?=\s|$)/;

/** True when the command runs a mysql/mariadb client. */
function isSqlClient(run: string): boolean {
  return SQL_CLIENT.test(run);
}

/**
 * A session: the guards of its statements evaluated first (so no question competes with the
 * client's password prompt), then the statements printed into the client's stdin.
 * The client runs as the guide wrote it (`-p`: mysql asks on the tty) or, when
 * TEJUN_MYSQL_DEFAULTS is set, with `--defaults-extra-file` right after the client word and
 * without `-p`/`--password`, so the password is never on a command line.
 */
function sessionLines(ctx: BashContext, opener: CommandAction): string[] {
  const statements = ctx.sessions.get(opener.id) ?? [];
  const pre: string[] = [];
  const group: string[] = [];
  statements.forEach(({ step, action }, i) => {
    if (step.forbidden) {
      group.push(`# ${where(ctx, action)} not run (the guide says not to): ${commentText(action.run)}`);
      return;
    }
    const guards = [
      ...(step.when ? [`tejun_when ${q(where(ctx, step))} ${q(step.when)}`] : []),
      ...(step.optional ? [`tejun_optional ${q(where(ctx, step))} ${q(step.text)}`] : []),
      ...actionGuards(ctx, step, action),
    ];
    const line = `tejun_sql_line ${sqlLineArgs(ctx, action)}`;
    group.push(`# ${where(ctx, action)} ${commentText(step.text)}`);
    if (guards.length === 0) {
      group.push(line);
    } else {
      const flag = `tejun_s${i + 1}`;
      pre.push(`local ${flag}=0`, `if ${guards.join(' && ')}; then ${flag}=1; fi`);
      group.push(`if ((${flag})); then ${line}; fi`);
    }
  });
  const phs = ctx.placeholders(opener);
  const withPrompt = substituteShell(opener.run, phs, variableOf(ctx));
  warnUnbalanced(ctx, opener, withPrompt.balanced);
  const withDefaults = withoutConnectionOptions(withPrompt.text).replace(
    SQL_CLIENT,
    `$1$2 --defaults-extra-file="\${TEJUN_MYSQL_DEFAULTS}"`,
  );
  const client = `tejun_sql ${q(where(ctx, opener))} ${q(withDefaults)} ${q(withPrompt.text)}`;
  if (group.length === 0) return [`${client} </dev/null`];
  return [...pre, '{', ...indent(group), `} | ${client}`];
}

/**
 * The client command without its connection and credential options (`-p`, `--password`,
 * `-u USER`, `--user=USER`, `-h HOST`, `--host=HOST`, `-P PORT`, `--port=PORT`, and the glued
 * forms `-uroot`, `-hcontroller`): with TEJUN_MYSQL_DEFAULTS the option file says how to connect
 * and as whom, and a `-u` left on the line would pair the guide's user with the file's password.
 */
export function withoutConnectionOptions(run: string): string {
  return run
    .replace(/(^|\s)(-p|--password)(?=\s|$)/g, '')
    .replace(/(^|\s)(-u|-h|-P)\s+(?!-)\S+/g, '')
    .replace(/(^|\s)(-u|-h|-P|-p)[^\s-]\S*/g, '')
    .replace(/(^|\s)--(user|host|port)=\S*/g, '');
}

/** `-l`/`-s`/`-i` arguments of tejun_sql_line for one statement. */
function sqlLineArgs(ctx: BashContext, a: SqlAction): string {
  const flag = { string: '-s', identifier: '-i', bare: '-i' } as const;
  const pieces = sqlPieces(idempotentSql(a.run), ctx.placeholders(a));
  if (pieces.length === 0) return "-l ''";
  return pieces
    .map((p) => {
      if ('literal' in p) return `-l ${q(p.literal)}`;
      const name = variableOf(ctx)(p.placeholder);
      return `${flag[p.context]} ${placeExpansion(p.url ? urlUserinfoExpansion(name) : `\${${name}}`, 'unquoted')}`;
    })
    .join(' ');
}
