/**
 * The reboot of the playbook, run once per host: the ansible.builtin.reboot task of a guide's
 * `reboot` / `shutdown -r now` (modules.ts) gets a run-once stamp (run-once.ts: named by the
 * action's stable id, `{{ tejun_root }}/var/lib/tejun/<guide>/a-….done`) written just *before* it,
 * as the bash runbook records its reboot step before rebooting: a run that the reboot cut short,
 * or any later run, goes on after the reboot instead of rebooting again. The reboot itself still
 * runs in the run that wrote the stamp, since its `when` tests the stamps found when the run
 * started (run-once.ts's stampsPlay). The stamp task has the reboot's conditions and tag
 * (`--skip-tags reboot` skips both, so a run that did not reboot records nothing) and is left
 * out in check mode, where the reboot module only reports the change.
 */
import type { CommandAction } from '../../../ir/types.js';
import type { Context } from '../context.js';
import { runOnce } from '../run-once.js';
import { COMMENT, type Task } from '../types.js';

/** The module of a reboot task. */
export const REBOOT_MODULE = 'ansible.builtin.reboot';

/**
 * The tasks of reboot task `task` (a finished ansible.builtin.reboot task of `action`): the stamp
 * task, then the reboot, both skipped when the stamp existed at the start of the run.
 * Returns [stamp task, reboot task].
 */
export function rebootOnce(ctx: Context, task: Task, action: Pick<CommandAction, 'id'>): Task[] {
  const [reboot, stamp] = runOnce(ctx, task, REBOOT_MODULE, action, { creates: false }) as [Task, Task];
  stamp.name = `Stamp: ${String(reboot.name)} (recorded before rebooting)`;
  stamp[COMMENT] = 'run once: the reboot is recorded before it runs, so a later run continues after it';
  return [stamp, reboot];
}
