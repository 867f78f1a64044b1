/**
 * What an action adds to its step in the runbook: a one-line summary for comments, and the
 * guards (its own condition, its optional mark) it runs under.
 */
import type { Action, Step } from '../../ir/types.js';
import { conditionGuard, type BashContext } from './context.js';

/** A one-line description of an action for comments. */
export function actionSummary(a: Action): string {
  switch (a.kind) {
    case 'command':
    case 'sql':
      return `${a.kind}: ${a.run}`;
    case 'ini':
      return `ini: ${a.file} [${a.section}] ${a.key} = ${a.value}`;
    case 'file':
      return `file: ${a.file}: ${a.content}`;
    case 'manual':
      return `manual: ${a.text}`;
  }
}

/** The guards an action adds to its step's (its own `when` when it differs, `optional`). */
export function actionGuards(ctx: BashContext, step: Step, a: Action): string[] {
  const guards: string[] = [];
  if (a.when && a.when !== step.when) guards.push(conditionGuard(ctx, `when:${a.when}`, a, a.when));
  if (a.optional && !step.optional) guards.push(conditionGuard(ctx, `optional:${a.id}`, a, actionSummary(a)));
  return guards;
}

