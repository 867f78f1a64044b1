/**
 * The SQL handler of the playbook: the statements of one step and session → community.mysql
 * tasks where a module says the same (handlers/mysql.ts), the rest fed to the session's client.
 */
import { isClusterWideSql } from '../cluster-wide.js';
import type { CommandAction, Procedure, SqlAction, Step } from '../../../ir/types.js';
import { idempotentSql } from '../../shell/idempotent.js';
import { withoutConnectionOptions } from '../../shell/sql-client.js';
import { finish, render, taskName, type Context } from '../context.js';
import { needsShell } from '../modules.js';
import { withMysqlDefaults } from '../paths.js';
import { runOnce } from '../run-once.js';
import { COMMENT, type Task } from '../types.js';
import { flushPrivileges, mysqlLogin, mysqlSpec, readOnlySql, type MysqlSpec } from './mysql.js';

/** Bare password-prompt options of a client command (`-p`, `--password`) are dropped. */
export function dropPasswordPrompt(run: string): string {
  return run
    .split(/\s+/)
    .filter((w) => w !== '-p' && w !== '--password')
    .join(' ');
}

/**
 * The tasks of a step's statements of one session, in statement order: each statement a
 * community.mysql module says the same of (handlers/mysql.ts: CREATE DATABASE, CREATE USER,
 * GRANT) → a mysql_db / mysql_user task logging in as the session's client would; each run of
 * other statements → one task feeding them to the session's client on stdin, reporting no change
 * when they only read (SHOW, SELECT, USE…), else run once (stamp, see runOnce): nothing says
 * whether an arbitrary statement already ran. `FLUSH PRIVILEGES` is dropped when the modules did
 * the account changes and no other statement edits the grant tables (`mysql.`). None when the
 * statements only leave the client (`quit`, `exit`, `\q`: stdin ends anyway).
 */
export function sqlTasks(ctx: Context, procedure: Procedure, step: Step, all: SqlAction[]): Task[] {
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
  const clientRun = client?.run ?? 'mysql';
  const specs = sql.map((a) => (/^\s*(?:\S*\/)?(mysql|mariadb)(\s|$)/.test(clientRun) ? mysqlSpec(a.run) : null));
  const modules = specs.some((s) => s !== null);
  const kept = sql.filter((a, i) => specs[i] === null && !(modules && flushPrivileges(a.run) && !sql.some((b) => /\bmysql\./i.test(b.run))));
  const tasks: Task[] = [];
  let run: SqlAction[] = [];
  // A session's statements may come from several steps: cluster-wide ones (database, account
  // and grant creation, grammars/cluster-wide.yaml) run once per play here, whatever step fed them.
  const once = (part: Task[], statements: SqlAction[]): Task[] => {
    if (statements.some((a) => isClusterWideSql(a.run))) for (const task of part) task.run_once = true;
    return part;
  };
  const flush = (): void => {
    if (run.length > 0) tasks.push(...once(clientTasks(ctx, procedure, step, run, client), run));
    run = [];
  };
  sql.forEach((a, i) => {
    const spec = specs[i];
    if (spec) {
      flush();
      tasks.push(...once([moduleTask(ctx, procedure, step, a, spec, client)], [a]));
    } else if (kept.includes(a)) run.push(a);
  });
  flush();
  return tasks;
}

/** One community.mysql task for statement `a` (see handlers/mysql.ts), logging in as `client` would. */
function moduleTask(ctx: Context, procedure: Procedure, step: Step, a: SqlAction, spec: MysqlSpec, client: CommandAction | undefined): Task {
  let secret = false;
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(spec.args)) {
    if (typeof value !== 'string') args[key] = value;
    else {
      const r = render(ctx, a, value, 'raw');
      secret ||= r.secret || key === 'password';
      args[key] = r.text;
    }
  }
  const login = mysqlLogin(ctx, client ?? a, dropPasswordPrompt(client?.run ?? 'mysql'));
  Object.assign(args, login.args);
  const task: Task = { name: taskName(ctx, step.text, a.id), [spec.module]: args };
  if (Object.keys(login.vars).length > 0) task.vars = login.vars;
  return finish(ctx, task, procedure, step, a, { user: client?.user, secret: secret || login.secret, tag: 'sql' });
}

/** One task feeding `sql` to the session's client on stdin (see sqlTasks). */
function clientTasks(ctx: Context, procedure: Procedure, step: Step, sql: SqlAction[], client: CommandAction | undefined): Task[] {
  const first = sql[0]!;
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
  const readOnly = sql.every((a) => readOnlySql(a.run));
  const task: Task = { name: taskName(ctx, step.text, first.id), [module]: args, changed_when: !readOnly };
  const finished = finish(ctx, task, procedure, step, first, {
    user: client?.user,
    secret: cmd.secret || statements.some((s) => s.secret),
    tag: 'sql',
  });
  if (readOnly) {
    finished[COMMENT] = 'reads only: changes nothing';
    return [finished];
  }
  const tasks = runOnce(ctx, finished, module, first);
  tasks[0]![COMMENT] = 'run once (stamp): no query tells whether these statements already ran';
  return tasks;
}
