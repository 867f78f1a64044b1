/**
 * Reading the default callback's text of an `ansible-playbook` run (ANSIBLE_NOCOLOR=1): which
 * hosts reported a result for each task. A task's results follow its `TASK [role : name]` line;
 * handlers notified earlier run under `RUNNING HANDLER [role : name]` lines of their own (at a
 * `meta: flush_handlers` or at the end of the play, for every notified host), so their results
 * belong to no task: read as the task before them, a handler run at the end of a play would
 * count both hosts against the play's last task even when that task is `run_once`.
 */

/** A header line after which result lines belong to a task (`TASK [`) or to none (handlers, plays, recap). */
const HEADER = /^(TASK \[|RUNNING HANDLER \[|PLAY \[|PLAY RECAP\b)/;

/** A result line of one host: `ok: [c1]`, `changed: [c2] => (item=…)`, `skipping: [c1]`, `fatal: [c1]: FAILED! …`. */
const RESULT = /^(?:ok|changed|skipping|failed|fatal): \[([^\]]+)\]/;

/**
 * Hosts that reported a result for each task of an ansible-playbook output, by the task's
 * header line (`TASK [role : name] ****`); a task without results maps to an empty set.
 * Results under handler, play and recap headers are left out. Never throws.
 */
export function hostsByTask(out: string): Map<string, Set<string>> {
  const hosts = new Map<string, Set<string>>();
  let task: string | null = null;
  for (const line of out.split('\n')) {
    const header = HEADER.exec(line);
    if (header) {
      task = header[1] === 'TASK [' ? line : null;
      if (task !== null) hosts.set(task, new Set());
      continue;
    }
    const m = RESULT.exec(line);
    if (m && task !== null) hosts.get(task)!.add(m[1]!);
  }
  return hosts;
}
