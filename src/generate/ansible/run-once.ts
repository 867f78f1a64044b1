/**
 * Run-once tasks: a command, SQL session or superseded INI setting runs once per host, recorded
 * by a stamp file under tejun_root that a first play lists at the start of each run.
 */
import { escapeJinja } from '../escape/ansible.js';
import type { Context } from './context.js';
import { nameText, ROOT_VAR } from './paths.js';
import type { Play, Task } from './types.js';

/** Directory of the run-once stamps of guide `base`, under tejun_root. */
export function stampDir(base: string): string {
  return `{{ ${ROOT_VAR} }}/var/lib/tejun/${base}`;
}

/**
 * Makes a command or SQL task run once per host: its module gets `creates: STAMP` (a file
 * under {@link stampDir}, named after the stable id of `action`, `a-3f2c9e1b.done`: from the
 * action's meaning and procedure, never a guide line, so regenerating from an edited guide keeps
 * the stamps of every unchanged step), its `when` first checks that STAMP was
 * not among the stamps found by the stamps play (see stampsPlay; evaluated on the controller, so
 * a second run skips the task without running a module), and a second task touches STAMP after
 * it succeeded (same conditions and tag, run as root; not in check mode). A second run skips
 * both (changed=0); check mode reports the task as a change without running it and leaves the
 * stamp task out. Delete the stamp to run it again.
 * Returns [task, stamp task].
 */
export function runOnce(ctx: Context, task: Task, module: string, action: { id: string }, options: { creates: boolean } = { creates: true }): Task[] {
  let stamp = `${action.id}.done`;
  for (let n = 2; ctx.stamps.has(stamp); n += 1) stamp = `${action.id}-${n}.done`;
  ctx.stamps.add(stamp);
  const path = `${stampDir(ctx.base)}/${stamp}`;
  // Modules without a `creates` parameter (ini_file) rely on the `when` below alone.
  if (options.creates) (task[module] as Record<string, unknown>).creates = path;
  // changed_when: true would report a change even when `creates` skips the task.
  delete task.changed_when;
  // Skipped on the controller when the stamp was there at the start of the run (no module run).
  const when = task.when === undefined ? [] : Array.isArray(task.when) ? (task.when as string[]) : [task.when as string];
  const notDone = `'${stamp}' not in (${DONE_VAR} | default([]))`;
  task.when = when.length === 0 ? notDone : [notDone, ...when];
  const done: Task = {
    name: `Stamp: ${task.name as string} ran`,
    'ansible.builtin.file': { path, state: 'touch', mode: '0600', modification_time: 'preserve', access_time: 'preserve' },
  };
  for (const key of ['when', 'no_log', 'tags']) {
    const value = task[key];
    if (value !== undefined) done[key] = Array.isArray(value) ? [...(value as unknown[])] : value;
  }
  // Check mode predicts the guide's changes, not tejun's bookkeeping (and saves a module run each).
  done.when = [...(done.when === undefined ? [] : ([] as string[]).concat(done.when as string | string[])), 'not ansible_check_mode'];
  return [task, done];
}

/** The variable holding the names of the run-once stamps present at the start of the run (set by {@link stampsPlay}). */
export const DONE_VAR = 'tejun_done';

/** True when a task of `plays` is a run-once task (its `when` tests the stamps found by the stamps play). */
export function hasRunOnce(plays: Play[]): boolean {
  return plays.some((p) => p.tasks.some((t) => ([] as unknown[]).concat(t.when ?? []).some((w) => typeof w === 'string' && w.includes(DONE_VAR))));
}

/**
 * The first play when the playbook has run-once tasks, on `hosts: all`, every task tagged
 * `always`: makes the stamp directory (0700), finds the stamps in it (`*.done`) and sets
 * {@link DONE_VAR} to their file names, which the run-once tasks of later plays test in their
 * `when` (host variables last for the whole run). In check mode on a fresh root the directory is
 * reported as a change and no stamp is found.
 */
export function stampsPlay(ctx: Context): Play {
  return {
    name: escapeJinja(nameText(`Run-once stamps of ${ctx.guide} (delete a stamp to run its task again)`)),
    hosts: 'all',
    tasks: [
      {
        name: 'Directory of the run-once stamps',
        'ansible.builtin.file': { path: stampDir(ctx.base), state: 'directory', mode: '0700' },
        tags: ['always'],
      },
      {
        name: 'Find the run-once stamps of earlier runs',
        'ansible.builtin.find': { paths: stampDir(ctx.base), patterns: '*.done' },
        register: 'tejun_stamps',
        tags: ['always'],
      },
      {
        name: 'Names of the run-once stamps of earlier runs',
        'ansible.builtin.set_fact': { [DONE_VAR]: "{{ tejun_stamps.files | map(attribute='path') | map('basename') | list }}" },
        tags: ['always'],
      },
    ],
  };
}

