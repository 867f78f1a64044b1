/**
 * Re-runnable forms of guide commands and SQL statements whose plain form fails the second time.
 *
 * A runbook is run again after a failure or on a host half set up; the guide's own text assumes a
 * first run. Only rewrites that keep the first run's effect exactly are made:
 *
 * | guide writes                      | runbook runs                          |
 * |-----------------------------------|---------------------------------------|
 * | `mkdir DIR`                       | `mkdir -p DIR`                        |
 * | `rm FILE` (no option)             | `rm -f FILE`                          |
 * | `CREATE DATABASE\|SCHEMA\|USER x` | `CREATE … IF NOT EXISTS x`            |
 *
 * (`GRANT … IDENTIFIED BY` and the INI and file helpers are re-runnable as they are.)
 */

/**
 * `run` (a shell command after substitution) with a leading `mkdir` given `-p` and a leading
 * `rm` without options given `-f`. Anything else is returned unchanged. Pure.
 */
export function idempotentCommand(run: string): string {
  if (/^mkdir\s/.test(run) && !/^mkdir\s+(?:-\S*p|--parents)/.test(run)) return run.replace(/^mkdir\s+/, 'mkdir -p ');
  if (/^rm\s+[^-\s]/.test(run)) return run.replace(/^rm\s+/, 'rm -f ');
  return run;
}

/**
 * The statement with `CREATE DATABASE|SCHEMA|USER x` written `CREATE … IF NOT EXISTS x` (MySQL
 * and MariaDB syntax), so a second run is not an SQL error. Anything else is unchanged. Pure.
 */
export function idempotentSql(run: string): string {
  return run.replace(/^(\s*CREATE\s+(?:DATABASE|SCHEMA|USER)\s+)(?!IF\s+NOT\s+EXISTS\b)/i, '$1IF NOT EXISTS ');
}
