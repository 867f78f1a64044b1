/**
 * The SQL client command of a guide session (`mysql -u root -p`, `mysql -uroot -hcontroller`) as
 * both generators run it when an option file gives the credentials (the bash runbook's
 * TEJUN_MYSQL_DEFAULTS, the playbook's tejun_mysql_defaults).
 */

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

