/**
 * The ansible-lint rules a command task still trips when no module says what the guide's
 * command says (`rm -f` of a glob; `sed -i` without `g`; `curl … | bash`), as ansible-lint's own
 * tables list them (command-instead-of-module, deprecated-command-syntax): the task gets the
 * `skip_ansible_lint` tag and its comment names the rule and the reason, so the exception is
 * written where it is made and not hidden in a lint configuration. (A `# noqa` comment is not
 * used: ansible-lint 6 cannot match it to a task in a file holding `!unsafe` scalars, which
 * every playbook does.)
 */
import { COMMENT, type Task } from './types.js';

/** The tag ansible-lint skips a task by. */
export const SKIP_LINT_TAG = 'skip_ansible_lint';

/** Marks `task` skipped by ansible-lint for `note` (from {@link lintNoqa} or the caller's reason), appended to its comment. */
export function skipLint(task: Task, note: string): Task {
  task.tags = [...((task.tags as string[] | undefined) ?? []), SKIP_LINT_TAG];
  task[COMMENT] = task[COMMENT] ? `${task[COMMENT]}${note.startsWith(';') ? note : `; ${note}`}` : note.replace(/^; /, '');
  return task;
}

/** Programs ansible-lint's deprecated-command-syntax names (a file module argument says the same). */
const FILE_ARGUMENT = new Set(['chown', 'chmod', 'chgrp', 'ln', 'mkdir', 'rmdir', 'rm']);

/** Programs ansible-lint's command-instead-of-module names. */
const HAS_MODULE = new Set(['apt-get', 'chkconfig', 'curl', 'git', 'hg', 'letsencrypt', 'mktemp', 'mount', 'patch', 'rpm', 'rsync', 'sed', 'service', 'supervisorctl', 'svn', 'systemctl', 'tar', 'unzip', 'wget', 'yum']);

/** Second words that ansible-lint lets pass for a program of {@link HAS_MODULE}. */
const ALLOWED_SECOND: Record<string, string[]> = {
  git: ['branch', 'log', 'lfs'],
  systemctl: ['--version', 'kill', 'set-default', 'show-environment', 'status'],
  yum: ['clean'],
  rpm: ['--nodeps'],
};

/**
 * `'; no module argument says the same (WORD …): lint skips RULE'` for a command task whose
 * written `cmd` (its first word read as ansible-lint reads it: the text up to the first blank,
 * without directories) is one of those programs; `''` otherwise. Never throws.
 */
export function lintNoqa(cmd: string): string {
  const [first = '', second = ''] = cmd.trim().split(/\s+/);
  const program = first.split('/').pop() ?? '';
  if (FILE_ARGUMENT.has(program)) return `; no file module argument says the same (${program}): lint skips deprecated-command-syntax`;
  if (HAS_MODULE.has(program) && !(ALLOWED_SECOND[program] ?? []).includes(second)) {
    return `; no module argument says the same (${program}): lint skips command-instead-of-module`;
  }
  return '';
}
