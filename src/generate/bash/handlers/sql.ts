/**
 * The SQL handler of the bash runbook: the statements of one client session, guarded one by one
 * and printed into the client's stdin (`{ tejun_sql_line …; } | tejun_sql …`), written where the
 * command that opens the session stands; the SQL action itself leaves a comment.
 */
import type { CommandAction, SqlAction } from '../../../ir/types.js';
import { placeExpansion, urlUserinfoExpansion } from '../../escape/bash.js';
import { idempotentSql } from '../../shell/idempotent.js';
import { withoutConnectionOptions } from '../../shell/sql-client.js';
import { commentText, conditionGuard, indent, q, variableOf, warnUnbalanced, where, type BashContext } from '../context.js';
import { actionGuards } from '../guards.js';
import { sqlPieces, substituteShell } from '../subst.js';

/**
 * The lines an SQL action leaves where the guide wrote it: a comment pointing at the session
 * that sends it (see {@link sessionLines}), or, when no command opens its session, the
 * statement as a comment (the `orphan-sql` warning of context.ts).
 */
export function sqlLines(ctx: BashContext, a: SqlAction): string[] {
  const opener = ctx.openers.get(a.session);
  return opener
    ? [`# sql ${where(ctx, a)}: sent in the session opened at ${where(ctx, opener)}`]
    : [`# sql ${where(ctx, a)} (no session, not run): ${commentText(a.run)}`];
}

/** Matches the mysql/mariadb client word of a command. */
const SQL_CLIENT = /(^|\s)((?:\S*\/)?(?:mysql|mariadb))(?=\s|$)/;

/** True when the command runs a mysql/mariadb client. */
export function isSqlClient(run: string): boolean {
  return SQL_CLIENT.test(run);
}

/**
 * A session: the guards of its statements evaluated first (so no question competes with the
 * client's password prompt), then the statements printed into the client's stdin.
 * The client runs as the guide wrote it (`-p`: mysql asks on the tty) or, when
 * TEJUN_MYSQL_DEFAULTS is set, with `--defaults-extra-file` right after the client word and
 * without `-p`/`--password`, so the password is never on a command line.
 */
export function sessionLines(ctx: BashContext, opener: CommandAction): string[] {
  const statements = ctx.sessions.get(opener.id) ?? [];
  const pre: string[] = [];
  const group: string[] = [];
  statements.forEach(({ step, action }, i) => {
    if (step.forbidden) {
      group.push(`# ${where(ctx, action)} not run (the guide says not to): ${commentText(action.run)}`);
      return;
    }
    const guards = [
      ...(step.when ? [conditionGuard(ctx, `when:${step.when}`, step, step.when)] : []),
      ...(step.optional ? [conditionGuard(ctx, `optional:${step.id}`, step, step.text)] : []),
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
