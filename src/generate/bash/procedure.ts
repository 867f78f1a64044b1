/**
 * The runbook's body: one bash function per procedure, its steps as guarded blocks, each action
 * written by the handler of its kind (handlers/: command, sql, ini, file, manual), as
 * hast-util-to-mdast writes one node type per handler.
 */
import type { Action, Procedure, Step } from '../../ir/types.js';
import { commentText, conditionGuard, functionName, indent, q, where, type BashContext } from './context.js';
import { actionGuards, actionSummary } from './guards.js';
import { commandLines } from './handlers/command.js';
import { fileLines } from './handlers/file.js';
import { iniLines } from './handlers/ini.js';
import { manualLines } from './handlers/manual.js';
import { sqlLines } from './handlers/sql.js';
import { setsEnvironment } from '../shell/environment.js';
import { isReboot } from './reboot.js';

/**
 * One procedure as a bash function: the Japanese title and guide:line in a comment above, a
 * heading logged when it runs, a procedure-level condition guard, then its steps.
 */
export function procedureFunction(ctx: BashContext, proc: Procedure, index: number): string {
  const head = [
    `# ${commentText(proc.title)} (${where(ctx, proc)})${proc.role ? ` [role: ${commentText(proc.role)}]` : ''}`,
    `${functionName(index)}() {`,
  ];
  const body: string[] = [
    `tejun_log '' ${q(`### ${proc.title} (${where(ctx, proc)})${proc.role ? ` [role: ${proc.role}]` : ''}`)}`,
  ];
  if (proc.when) {
    body.push(`if ! ${conditionGuard(ctx, `when:${proc.when}`, proc, proc.when)}; then return 0; fi`);
  }
  for (const step of proc.steps) body.push(...stepLines(ctx, proc, step));
  return [...head, ...indent(body), '}'].join('\n');
}

/**
 * One step: `# guide:line text`, then its actions under the step's guards (not recorded as done
 * under its stable id, role, condition, optional), announced by `tejun_step` and recorded by
 * `tejun_done` after its last action — or just before a reboot command, so that the run after
 * the reboot continues with the next step. A step skipped because it was recorded (or comes
 * before `--from`) runs its environment commands (`source`, `export`, `cd`) again, for the steps
 * after it, and lists its manual steps not yet confirmed again (`tejun_manual` records each). A forbidden step is comments only, and so is a step
 * whose actions leave only comments (SQL sent in a session opened by another step).
 */
function stepLines(ctx: BashContext, proc: Procedure, step: Step): string[] {
  const at = where(ctx, step);
  const lines = [`# ${at} ${commentText(step.text)}`];
  if (step.forbidden) {
    lines.push('# 実行しない: the guide says not to do this step; it is not run.');
    for (const a of step.actions) lines.push(`#   ${commentText(actionSummary(a))}`);
    return lines;
  }
  const id = q(step.id);
  let recorded = false;
  const actions = step.actions.flatMap((a) => {
    const body = actionLines(ctx, step, a);
    if (recorded || a.kind !== 'command' || !isReboot(a.run)) return body;
    recorded = true;
    return [`tejun_done ${id}`, ...body];
  });
  if (!actions.some((l) => !l.startsWith('#'))) return [...lines, ...actions];
  const role = step.role ?? proc.role;
  const guards = [`tejun_todo ${id}`];
  if (role) guards.push(`tejun_role_ok ${q(role)}`);
  if (step.when) guards.push(conditionGuard(ctx, `when:${step.when}`, step, step.when));
  if (step.optional) guards.push(conditionGuard(ctx, `optional:${step.id}`, step, step.text));
  const inner = [`tejun_step ${id} ${q(at)} ${q(step.text)} ${q(role ?? '')}`, ...actions];
  if (!recorded) inner.push(`tejun_done ${id}`);
  const replay = step.actions.flatMap((a) => ((a.kind === 'command' && setsEnvironment(a.run)) || a.kind === 'manual' ? actionLines(ctx, step, a) : []));
  const again = replay.some((l) => !l.startsWith('#'))
    ? [`elif ((TEJUN_REPLAY))${role ? ` && tejun_role_ok ${q(role)}` : ''}; then`, ...indent(replay)]
    : [];
  return [...lines, `if ${guards.join(' && ')}; then`, ...indent(inner), ...again, 'fi'];
}

/** Lines for one action, under its own guards. */
function actionLines(ctx: BashContext, step: Step, a: Action): string[] {
  const body = actionBody(ctx, a);
  const guards = actionGuards(ctx, step, a);
  if (guards.length === 0 || !body.some((l) => !l.startsWith('#'))) return body;
  return [`if ${guards.join(' && ')}; then`, ...indent(body), 'fi'];
}

/** The unguarded lines of one action, by its kind's handler. */
function actionBody(ctx: BashContext, a: Action): string[] {
  switch (a.kind) {
    case 'manual':
      return manualLines(ctx, a);
    case 'ini':
      return iniLines(ctx, a);
    case 'file':
      return fileLines(ctx, a);
    case 'sql':
      return sqlLines(ctx, a);
    case 'command':
      return commandLines(ctx, a);
  }
}
