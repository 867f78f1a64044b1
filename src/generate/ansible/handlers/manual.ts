/** The manual handler of the playbook: a step the operator does by hand → ansible.builtin.pause. */
import type { ManualAction, Procedure, Step } from '../../../ir/types.js';
import { escapeJinja } from '../../escape/ansible.js';
import { oneLine } from '../../templates.js';
import { finish, render, taskName, type Context } from '../context.js';
import type { Task } from '../types.js';

/** A pause task showing the guide's text and guide:line, waiting for the operator. */
export function manualTask(ctx: Context, procedure: Procedure, step: Step, action: ManualAction): Task {
  const text = render(ctx, action, action.text, 'raw');
  const task: Task = {
    name: taskName(ctx, step.text, action.source.line),
    'ansible.builtin.pause': { prompt: `${oneLine(text.text)} (${escapeJinja(ctx.guide)}:${action.source.line})` },
  };
  return finish(ctx, task, procedure, step, action, { secret: text.secret, tag: 'manual' });
}
