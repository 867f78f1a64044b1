/**
 * Guide conditions (`〜の場合`) and optional marks as boolean variables: each named once by
 * ../condition-names.ts (`when_red_hat_enterprise_linux_6`, `optional_…`: from the guide's
 * words and procedure, never its line numbers, the same names the bash runbook's `--answers`
 * takes), and the `when:` list of a task built from them.
 */
import type { Action, CommandAction, Procedure, Step, StepGraph } from '../../ir/types.js';
import { branchWhen } from './branch-results.js';
import { nameGuideConditions } from '../condition-names.js';

/** A guide condition or optional mark turned into a boolean variable. */
export interface ConditionVar {
  /** Lower-snake variable name, e.g. `when_linux_bridge` or `optional_cert_4f1a`. */
  variable: string;
  /** The guide's words (the `when` text) or, for optional marks, a description. */
  words: string;
  /** Guide line of its first use (for the comment; the name does not depend on it). */
  line: number;
}

/**
 * Names every distinct condition of the graph (procedure, step and action `when`) and every
 * optional step or action (../condition-names.ts's nameGuideConditions; forbidden steps are
 * skipped). Returns a map from key (`when:<words>` or `optional:<id>`) to variable.
 */
export function nameConditions(graph: StepGraph): Map<string, ConditionVar> {
  const out = new Map<string, ConditionVar>();
  for (const [key, c] of nameGuideConditions(graph)) out.set(key, { variable: c.name, words: c.words, line: c.line });
  return out;
}

/**
 * The `when:` list for an action: every condition and optional mark above it, as `VAR | bool`;
 * a procedure, step or action condition that reads a check's result (`readers`, branch-results.ts) as that
 * result's test instead, the variable kept for hosts where the check did not run.
 */
export function whenFor(
  conditions: Map<string, ConditionVar>,
  procedure: Procedure,
  step: Step,
  action: Action | null,
  readers: ReadonlyMap<string, CommandAction> = new Map(),
): string[] {
  const keys: [string | null, CommandAction | undefined][] = [
    [procedure.when ? `when:${procedure.when}` : null, readers.get(procedure.id)],
    [step.when ? `when:${step.when}` : null, readers.get(step.id)],
    [step.optional ? `optional:${step.id}` : null, undefined],
    [action?.when ? `when:${action.when}` : null, action ? readers.get(action.id) : undefined],
    [action?.optional ? `optional:${action.id}` : null, undefined],
  ];
  const tests = keys.flatMap(([k, check]) => {
    if (!k || !conditions.has(k)) return [];
    const test = `${conditions.get(k)!.variable} | bool`;
    return [check ? branchWhen(check, test) : test];
  });
  return [...new Set(tests)];
}
