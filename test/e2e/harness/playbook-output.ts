/**
 * Readers of ansible-playbook's default (text) output, for the e2e assertions and their failure
 * messages: `TASK [role : name] ***` headers followed by one `ok:`/`changed:`/`skipping:`/`failed:`
 * line per host (and per loop item).
 */

/**
 * Hosts that reported a result for each task of an ansible-playbook output, by the task's header
 * line (`TASK [role : name] ***…`); a task no host reported has an empty set.
 */
export function hostsByTask(out: string): Map<string, Set<string>> {
  const hosts = new Map<string, Set<string>>();
  let task = '';
  for (const line of out.split('\n')) {
    if (line.startsWith('TASK [')) hosts.set((task = line), new Set());
    const m = /^(?:ok|changed|skipping|failed|fatal): \[([^\]]+)\]/.exec(line);
    if (m && task) hosts.get(task)!.add(m[1]!);
  }
  return hosts;
}

/**
 * The changed tasks and handlers of an ansible-playbook output (each `TASK […]` or `RUNNING
 * HANDLER […]` line followed by a `changed:` line), for a failure message: the last 8,000 characters.
 */
export function changedTasks(out: string): string {
  let task = '';
  const changed: string[] = [];
  for (const line of out.split('\n')) {
    if (line.startsWith('TASK [') || line.startsWith('RUNNING HANDLER [')) task = line;
    else if (line.startsWith('changed:')) changed.push(`${task}\n  ${line}`);
  }
  return changed.join('\n').slice(-8000);
}
