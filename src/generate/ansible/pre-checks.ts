/**
 * A check of the state before its step changes it, as an Ansible engineer writes it. Guides show
 * the state first (`ls -l /etc/neutron/plugin.ini`, its output "No such file or directory"), then
 * make it (`ln -s … /etc/neutron/plugin.ini`), then show it again. On a fresh host the first check
 * finds nothing, by the guide's own account, and a failing check stops the play; on a re-run it
 * finds what the step made. So a check that only reads paths (`ls`, `cat`, `stat`, `readlink`,
 * `test -e|-f|-d|-L`) one of which a later task of the same step writes (its module's `path` or
 * `dest`: file, copy, ini_file, lineinfile, blockinfile) reports and never fails
 * (`failed_when: false`); the check after the change still fails the play when the path is
 * missing.
 */
import { COMMENT, moduleOf, writtenPath, type Task } from './types.js';

/** Programs that only read the paths they are given. */
const READERS = new Set(['ls', 'cat', 'stat', 'readlink', 'test']);

/** The absolute paths a check command only reads (last command of its `&&` chain), or none. */
function readPaths(cmd: string): string[] {
  const last = cmd.split(' && ').pop() ?? '';
  // Pipes, lists, redirections, substitutions: more than a read of the paths.
  if (/[|;<>`$(){}]/.test(last)) return [];
  const words = last.trim().split(/\s+/);
  if (!READERS.has(words[0] ?? '')) return [];
  if (words[0] === 'test' && !['-e', '-f', '-d', '-L', '-h'].includes(words[1] ?? '')) return [];
  return words.slice(1).filter((w) => w.startsWith('/') && !w.includes('{{'));
}

/** True for a check task of the command handler: a command or shell task that changes nothing. */
function isCheck(task: Task): boolean {
  return task.changed_when === false && task.failed_when === undefined && ((task.tags as string[] | undefined) ?? []).includes('checks');
}

/**
 * `tasks` (one step's, in order) with each check of a path a later task of the step writes made
 * `failed_when: false` and commented (see the module comment). Changes the tasks in place and
 * returns the same array. Never throws.
 */
export function withPreChecks(tasks: Task[]): Task[] {
  tasks.forEach((task, i) => {
    if (!isCheck(task)) return;
    const args = task[moduleOf(task) ?? ''] as { cmd?: unknown } | undefined;
    const paths = typeof args?.cmd === 'string' ? readPaths(args.cmd) : [];
    const made = paths.find((p) => tasks.slice(i + 1).some((later) => !isCheck(later) && writtenPath(later) === p));
    if (!made) return;
    task.failed_when = false;
    task[COMMENT] = `a check of the state before this step makes ${made}: not there yet on a fresh host, so it reports and never fails`;
  });
  return tasks;
}
