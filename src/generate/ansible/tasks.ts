/**
 * The tasks of one step: each action handed to the handler of its kind (handlers/: command, sql,
 * ini, file, manual), as hast-util-to-mdast hands each node type to its handler; consecutive SQL
 * statements of one session, and INI settings of one file, are handed over together; a restart
 * after config edits becomes a notified handler (handlers/restart.ts); a check of what a later
 * task of the step makes reports without failing (pre-checks.ts).
 */
import type { Action, IniAction, Procedure, SqlAction, Step } from '../../ir/types.js';
import type { Context, Rendered } from './context.js';
import { commandTasks, isUserSwitch } from './handlers/command.js';
import { fileTask } from './handlers/file.js';
import { iniTask, sameIniTask } from './handlers/ini.js';
import { manualTask } from './handlers/manual.js';
import { withHandlers } from './handlers/restart.js';
import { withPreChecks } from './pre-checks.js';
import { sqlTasks } from './handlers/sql.js';
import { runOnce } from './run-once.js';
import { placementKey } from './superseded.js';
import type { Task } from './types.js';

/**
 * Tasks for one step placed in the play of host group `group`, in action order; SQL runs of one
 * session become one task; INI settings a later one overrides on the host (superseded.ts) run once.
 * A step the guide gives no words of its own (a listing right under a heading) names its tasks
 * with the procedure's title.
 */
export function stepTasks(ctx: Context, procedure: Procedure, guideStep: Step, prelude: Rendered[], group: string): Task[] {
  const step = guideStep.text.trim() ? guideStep : { ...guideStep, text: procedure.title };
  const superseded = (a: IniAction): boolean => ctx.superseded.has(placementKey(group, a.id));
  const tasks: Task[] = [];
  const actions = step.actions;
  for (let i = 0; i < actions.length; i += 1) {
    const action = actions[i]!;
    switch (action.kind) {
      case 'command':
        if (action.interactive && !isUserSwitch(action.run)) ctx.sessions.set(action.id, action);
        tasks.push(...commandTasks(ctx, procedure, step, action, prelude));
        break;
      case 'sql': {
        const run: SqlAction[] = [action];
        while (i + 1 < actions.length) {
          const next = actions[i + 1]!;
          if (next.kind !== 'sql' || next.session !== action.session || next.when !== action.when) break;
          if (Boolean(next.optional) !== Boolean(action.optional)) break;
          run.push(next);
          i += 1;
        }
        tasks.push(...sqlTasks(ctx, procedure, step, run));
        break;
      }
      case 'ini': {
        const run: IniAction[] = [action];
        while (i + 1 < actions.length) {
          const next = actions[i + 1]!;
          if (next.kind !== 'ini' || !sameIniTask(action, next) || superseded(next) !== superseded(action)) break;
          run.push(next);
          i += 1;
        }
        const task = iniTask(ctx, procedure, step, run);
        tasks.push(...(superseded(action) ? runOnce(ctx, task, 'community.general.ini_file', action, { creates: false }) : [task]));
        break;
      }
      case 'file':
        tasks.push(fileTask(ctx, procedure, step, action));
        break;
      case 'manual':
        tasks.push(manualTask(ctx, procedure, step, action));
        break;
      default:
        throw new Error(`unknown action kind ${String((action satisfies never as Action).kind)}`);
    }
  }
  return withHandlers(ctx, procedure, step, withPreChecks(tasks));
}
