/**
 * The changed tasks of ansible-playbook's default (text) output, for the e2e failure messages
 * (which hosts reported each task: ansible-output.ts).
 */

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
