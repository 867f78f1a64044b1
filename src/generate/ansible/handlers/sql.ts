/**
 * The SQL handler of the playbook: the statements of one step and session → one run-once task
 * feeding them to the session's client on stdin.
 */
import type { Procedure, SqlAction, Step } from '../../../ir/types.js';
import { idempotentSql } from '../../shell/idempotent.js';
import { withoutConnectionOptions } from '../../shell/sql-client.js';
import { finish, render, taskName, type Context } from '../context.js';
import { needsShell } from '../modules.js';
import { withMysqlDefaults } from '../paths.js';
import { runOnce } from '../run-once.js';
import type { Task } from '../types.js';

/** Bare password-prompt options of a client command (`-p`, `--password`) are dropped. */
export function dropPasswordPrompt(run: string): string {
  return run
    .split(/\s+/)
    .filter((w) => w !== '-p' && w !== '--password')
    .join(' ');
}

/**
 * One task feeding a step's statements of one session to the session's client on stdin (with
 * its run-once stamp task, see runOnce), or none when they only leave the client (`quit`,
 * `exit`, `\q`: stdin ends anyway).
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
  return runOnce(ctx, finished, module, first);
}

