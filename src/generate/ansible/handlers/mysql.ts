/**
 * SQL statements with a community.mysql module of the same meaning: `CREATE DATABASE` →
 * mysql_db, `CREATE USER … IDENTIFIED BY` and `GRANT … TO … [IDENTIFIED BY …]` → mysql_user.
 * The modules look the database and the account up before they change anything, so a second
 * run changes nothing, and check mode reports what would change. They need PyMySQL on the
 * database host (python3-pymysql).
 *
 * Statements are read on the guide's text (placeholders in place, MySQL syntax): names bare,
 * backquoted or quoted without escapes inside; anything else returns null (the statement stays
 * in the mysql client task).
 */
import type { Action } from '../../../ir/types.js';
import { asUnsafe } from '../../escape/ansible.js';
import { render, type Context } from '../context.js';
import { MYSQL_DEFAULTS_VAR } from '../paths.js';

/** A module task's module and arguments (guide text still, placeholders in place). */
export interface MysqlSpec {
  module: 'community.mysql.mysql_db' | 'community.mysql.mysql_user';
  args: Record<string, string | boolean>;
}

/** A name: bare word, `backquoted` or 'quoted' / "quoted" without the quote or `\` inside. */
const NAME = String.raw`(?:\`([^\`\\]+)\`|'([^'\\]*)'|"([^"\\]*)"|([A-Za-z0-9_$.-]+))`;

/** The name among a {@link NAME} match's groups. */
function nameOf(groups: (string | undefined)[]): string {
  return groups.find((g) => g !== undefined) ?? '';
}

/** Privileges of a GRANT in the module's `priv` syntax: `ALL PRIVILEGES` → `ALL`, commas kept. */
function privileges(text: string): string | null {
  const privs = text.trim().replace(/\s+/g, ' ').toUpperCase();
  if (privs === 'ALL' || privs === 'ALL PRIVILEGES') return 'ALL';
  return /^[A-Z ]+(, ?[A-Z ]+)*$/.test(privs) ? privs.replace(/, /g, ',') : null;
}

/**
 * The module spec for one statement, or null when none says the same:
 * - `CREATE DATABASE|SCHEMA [IF NOT EXISTS] NAME [[DEFAULT] CHARACTER SET|CHARSET C] [COLLATE X]`
 *   → mysql_db `name`, `state: present`, `encoding`, `collation`;
 * - `CREATE USER [IF NOT EXISTS] 'U'@'H' IDENTIFIED BY 'P'` → mysql_user `name`, `host`,
 *   `password`, `state: present`;
 * - `GRANT PRIVS ON DB.TABLE TO 'U'@'H' [IDENTIFIED BY 'P']` (no WITH …) → mysql_user `name`,
 *   `host`, [`password`], `priv: DB.TABLE:PRIVS`, `append_privs: true` (other grants of the
 *   account are kept, as GRANT keeps them), `state: present`.
 */
export function mysqlSpec(statement: string): MysqlSpec | null {
  const sql = statement.trim().replace(/;\s*$/, '').replace(/\s+/g, ' ');
  let m = new RegExp(String.raw`^CREATE (?:DATABASE|SCHEMA) (?:IF NOT EXISTS )?${NAME}(?: (?:DEFAULT )?(?:CHARACTER SET|CHARSET)(?: ?= ?| )(\w+))?(?: (?:DEFAULT )?COLLATE(?: ?= ?| )(\w+))?$`, 'i').exec(sql);
  if (m) {
    const args: Record<string, string | boolean> = { name: nameOf(m.slice(1, 5)), state: 'present' };
    if (m[5]) args.encoding = m[5];
    if (m[6]) args.collation = m[6];
    return { module: 'community.mysql.mysql_db', args };
  }
  m = new RegExp(String.raw`^CREATE USER (?:IF NOT EXISTS )?${NAME}@${NAME} IDENTIFIED BY '([^'\\]*)'$`, 'i').exec(sql);
  if (m) return { module: 'community.mysql.mysql_user', args: { name: nameOf(m.slice(1, 5)), host: nameOf(m.slice(5, 9)), password: m[9]!, state: 'present' } };
  m = new RegExp(String.raw`^GRANT ([A-Za-z ,]+?) ON (\*|${NAME})\.(\*|${NAME}) TO ${NAME}@${NAME}(?: IDENTIFIED BY '([^'\\]*)')?$`, 'i').exec(sql);
  if (m) {
    const privs = privileges(m[1]!);
    if (!privs) return null;
    const db = m[2] === '*' ? '*' : nameOf(m.slice(3, 7));
    const table = m[7] === '*' ? '*' : nameOf(m.slice(8, 12));
    const args: Record<string, string | boolean> = { name: nameOf(m.slice(12, 16)), host: nameOf(m.slice(16, 20)) };
    if (m[20] !== undefined) args.password = m[20];
    return { module: 'community.mysql.mysql_user', args: { ...args, priv: `${db}.${table}:${privs}`, append_privs: true, state: 'present' } };
  }
  return null;
}

/** True for a statement that reads or changes nothing lasting: SHOW, SELECT, DESCRIBE, USE, EXPLAIN. */
export function readOnlySql(statement: string): boolean {
  return /^\s*(SHOW|SELECT|DESC|DESCRIBE|USE|EXPLAIN)\b/i.test(statement);
}

/** True for `FLUSH PRIVILEGES`, which the modules make needless (they go through the server's account statements). */
export function flushPrivileges(statement: string): boolean {
  return /^\s*FLUSH\s+PRIVILEGES\s*;?\s*$/i.test(statement);
}

/**
 * How the modules log in, for the client command `client` of the session (guide text): with
 * `tejun_mysql_defaults` set, its option file (socket, user, password); else `~/.my.cnf` and the
 * server's Unix socket (`tejun_mysql_socket`, default the distribution's: /var/lib/mysql/mysql.sock
 * on Red Hat, /run/mysqld/mysqld.sock elsewhere), where MariaDB's root logs in by unix_socket;
 * the guide's `-u USER` and glued `-pPASSWORD` as `login_user` / `login_password` through task
 * vars (guide text `!unsafe`, site values as templates). Returns the module arguments and vars.
 */
export function mysqlLogin(ctx: Context, action: Action, run: string): { args: Record<string, string>; vars: Record<string, unknown>; secret: boolean } {
  const none = `omit if ${MYSQL_DEFAULTS_VAR}`;
  const args: Record<string, string> = {
    config_file: `{{ ${MYSQL_DEFAULTS_VAR} or '~/.my.cnf' }}`,
    login_unix_socket: `{{ ${none} else tejun_mysql_socket | default(tejun_distro_socket) }}`,
  };
  const vars: Record<string, unknown> = {
    tejun_distro_socket: "{{ '/var/lib/mysql/mysql.sock' if ansible_facts.os_family | default('') == 'RedHat' else '/run/mysqld/mysqld.sock' }}",
  };
  let secret = false;
  const user = /(?:^|\s)(?:-u\s*|--user=)([^\s-]\S*)/.exec(run)?.[1];
  const password = /(?:^|\s)(?:-p|--password=)([^\s]+)/.exec(run)?.[1];
  if (user) {
    vars.tejun_mysql_login_user = asUnsafe(render(ctx, action, user, 'raw').text);
    args.login_user = `{{ ${none} else tejun_mysql_login_user }}`;
  }
  if (password) {
    const r = render(ctx, action, password, 'raw');
    secret = r.secret;
    vars.tejun_mysql_login_password = asUnsafe(r.text);
    args.login_password = `{{ ${none} else tejun_mysql_login_password }}`;
  }
  return { args, vars, secret };
}
