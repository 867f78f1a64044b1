/** The manual handler of the bash runbook: a step the operator does by hand → `tejun_manual`. */
import type { ManualAction } from '../../../ir/types.js';
import { q, where, type BashContext } from '../context.js';

/**
 * `tejun_manual ID guide:line TEXT`: the runbook shows the text and waits for the operator, or
 * takes `ID=done` from `--answers` (ID: the action's stable id).
 */
export function manualLines(ctx: BashContext, a: ManualAction): string[] {
  return [`tejun_manual ${q(a.id)} ${q(where(ctx, a))} ${q(a.text)}`];
}
