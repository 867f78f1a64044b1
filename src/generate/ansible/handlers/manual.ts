/**
 * The manual handler of the playbook: a step the operator does by hand → an
 * ansible.builtin.fail showing the guide's text, skipped once `-e tejun_manual_done=[ids]` lists
 * the action's stable id (a `pause` would pass silently where there is no terminal: AWX, CI).
 */
import type { ManualAction, Procedure, Step } from '../../../ir/types.js';
import { escapeJinja } from '../../escape/ansible.js';
import { oneLine } from '../../templates.js';
import { finish, render, taskName, type Context } from '../context.js';
import type { Task } from '../types.js';

/** A fail task showing the guide's text, guide:line and the id to list in tejun_manual_done once done. */
export function manualTask(ctx: Context, procedure: Procedure, step: Step, action: ManualAction): Task {
  const text = render(ctx, action, action.text, 'raw');
  const task: Task = {
    name: taskName(ctx, step.text, action.id),
    'ansible.builtin.fail': {
      msg: `手作業 (${escapeJinja(ctx.guide)}:${action.source.line}): ${oneLine(text.text)} -- do it by hand, then run again with -e '{"tejun_manual_done": ["${action.id}"]}'`,
    },
  };
  return finish(ctx, task, procedure, step, action, { secret: text.secret, tag: 'manual', when: [`'${action.id}' not in (tejun_manual_done | default([]))`] });
}
