/**
 * Run-time redirections of the generated playbook, the Ansible side of the bash runbook's
 * TEJUN_ROOT and TEJUN_MYSQL_DEFAULTS (a test and staging aid, documented in group_vars/all.yml):
 *
 * - `tejun_root` (default `''`): prefix of every path a file task writes (ini_file, lineinfile,
 *   blockinfile, file, mount's fstab), of a link's absolute target (file's `src` with
 *   `state: link`) and of the run-once stamps; `-e tejun_root=/tmp/x` keeps a
 *   run out of /etc. Commands of the guide are not affected (as in the bash runbook).
 * - `tejun_mysql_defaults` (default `''`): a MySQL option file with the client's credentials; when
 *   set, SQL sessions run their client with `--defaults-extra-file=FILE` right after the client
 *   word, so no password is on a command line.
 *
 * - Output redirections of shell tasks to absolute paths are moved under `tejun_root` too
 *   (rootedRedirects).
 *
 * Also the task and play names: ansible-lint's `name[casing]` wants an upper-case first letter and
 * `yaml[line-length]` a line of at most 160 characters, so guide text in names is capitalised
 * and shortened (the guide line in the name points to the full text).
 */

import { rerootRedirects } from '../shell/redirect.js';

/** The playbook variable of the throwaway root. */
export const ROOT_VAR = 'tejun_root';

/** The playbook variable of the MySQL client option file. */
export const MYSQL_DEFAULTS_VAR = 'tejun_mysql_defaults';

/**
 * `path` (already Jinja: placeholders substituted, literal delimiters escaped) under
 * `tejun_root`. Shapes:
 * - `/etc/x` → `{{ tejun_root }}/etc/x`;
 * - `~/x` → `{{ tejun_root ~ ansible_env.HOME if tejun_root else '~' }}/x` (the home directory
 *   of the become user under the root; needs facts, which plays gather);
 * - anything else (relative, or starting with a placeholder) → `{{ tejun_root ~ '/' if
 *   tejun_root else '' }}x`, i.e. unchanged when the root is empty.
 * Never throws.
 */
export function rootedPath(path: string): string {
  if (path.startsWith('/')) return `{{ ${ROOT_VAR} }}${path}`;
  if (path.startsWith('~/')) return `{{ ${ROOT_VAR} ~ ansible_env.HOME if ${ROOT_VAR} else '~' }}${path.slice(1)}`;
  return `{{ ${ROOT_VAR} ~ '/' if ${ROOT_VAR} else '' }}${path}`;
}

/**
 * Shell command `cmd` (Jinja text of a shell task) with every unquoted output redirection to a
 * literal absolute or `~/` path (`echo '@hourly …' >> /var/spool/cron/crontabs/root`, guide
 * 003:1136) moved under `tejun_root`, as the bash runbook's rerootRedirects does for
 * TEJUN_ROOT: the target becomes `{{ (tejun_root | quote) if tejun_root else '' }}/var/spool/…`
 * (unchanged when the root is empty), and a first line, present only when tejun_root is set,
 * makes the target's directory under the root (`mkdir -p -- …`). `/dev/…` targets, fd
 * duplications and quoted or variable targets are left alone. Returns `cmd` unchanged when it
 * has no such redirection. Never throws.
 */
export function rootedRedirects(cmd: string): string {
  const dirs: string[] = [];
  const text = rerootRedirects(cmd, (path) => {
    const slash = path.lastIndexOf('/');
    if (path.startsWith('~/')) {
      dirs.push(`{{ (${ROOT_VAR} ~ ansible_env.HOME ~ '${path.slice(1, slash)}') | quote }}`);
      return `{{ (${ROOT_VAR} ~ ansible_env.HOME) | quote if ${ROOT_VAR} else '~' }}${path.slice(1)}`;
    }
    if (slash > 0) dirs.push(`{{ (${ROOT_VAR} ~ '${path.slice(0, slash)}') | quote }}`);
    return `{{ (${ROOT_VAR} | quote) if ${ROOT_VAR} else '' }}${path}`;
  });
  if (text === cmd) return cmd;
  return dirs.length > 0 ? `{% if ${ROOT_VAR} %}mkdir -p -- ${[...new Set(dirs)].join(' ')}\n{% endif %}${text}` : text;
}

/** Matches the mysql/mariadb client word of a command (as the bash generator's SQL_CLIENT). */
const SQL_CLIENT = /(^|\s)((?:\S*\/)?(?:mysql|mariadb))(?=\s|$)/;

/**
 * The client command `cmd` (Jinja text, password prompt already dropped) for a run where
 * `tejun_mysql_defaults` may be set. `bare` is the same command rendered without its connection
 * and credential options (`-u USER`, `-h HOST`, `-P PORT`, glued `-pX`, `--user=` …, see
 * shell/sql-client.ts's withoutConnectionOptions, as the bash runbook's TEJUN_MYSQL_DEFAULTS does):
 * the option file then says how to connect and as whom, and a `-u nova -h controller01` left on
 * the line would pair the guide's user and host with the file's password. Shapes:
 * - `bare` equal to `cmd`: `mysql{{ (' --defaults-extra-file=' ~ (tejun_mysql_defaults | quote)) if tejun_mysql_defaults else '' }} …`;
 * - otherwise `{% if tejun_mysql_defaults %}mysql --defaults-extra-file={{ tejun_mysql_defaults | quote }} BARE…{% else %}CMD{% endif %}`.
 * The file name is shell quoted, so both the command module's shlex split and bash read one
 * word. A command with no mysql/mariadb word is returned unchanged. Never throws.
 */
export function withMysqlDefaults(cmd: string, bare: string = cmd): string {
  if (!SQL_CLIENT.test(cmd) || !SQL_CLIENT.test(bare)) return cmd;
  if (bare === cmd) {
    return cmd.replace(
      SQL_CLIENT,
      `$1$2{{ (' --defaults-extra-file=' ~ (${MYSQL_DEFAULTS_VAR} | quote)) if ${MYSQL_DEFAULTS_VAR} else '' }}`,
    );
  }
  const withFile = bare.replace(SQL_CLIENT, `$1$2 --defaults-extra-file={{ ${MYSQL_DEFAULTS_VAR} | quote }}`);
  return `{% if ${MYSQL_DEFAULTS_VAR} %}${withFile}{% else %}${cmd}{% endif %}`;
}

/** Longest guide text kept in a task or play name, in code points (the rest becomes `…`). */
export const NAME_TEXT_MAX = 90;

/**
 * Guide text fit for a task or play name: first letter upper-cased when it is a lower-case
 * letter (`keystone …` → `Keystone …`), cut to {@link NAME_TEXT_MAX} code points with `…`.
 * Input is one line (see oneLine). Never throws.
 */
export function nameText(text: string): string {
  // At most NAME_TEXT_MAX code units is at most that many code points: no cut, no split into code points.
  const chars = text.length > NAME_TEXT_MAX ? [...text] : [];
  const cut = chars.length > NAME_TEXT_MAX ? `${chars.slice(0, NAME_TEXT_MAX - 1).join('').trimEnd()}…` : text;
  const first = cut.charAt(0);
  return first !== first.toUpperCase() ? first.toUpperCase() + cut.slice(1) : cut;
}
