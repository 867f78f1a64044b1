/**
 * Guide conditions (`〜の場合`) and optional marks as boolean variables of group_vars: each named
 * once (`WHEN_L<line>`, `OPTIONAL_L<line>`), and the `when:` list of a task built from them.
 */
import type { Action, Procedure, Step, StepGraph } from '../../ir/types.js';

/** A guide condition or optional mark turned into a boolean variable of group_vars. */
export interface ConditionVar {
  /** Upper-snake variable name, e.g. `WHEN_L277` or `OPTIONAL_L374`. */
  variable: string;
  /** The guide's words (the `when` text) or, for optional marks, a description. */
  words: string;
  /** Guide line of its first use. */
  line: number;
}

/**
 * Names every distinct condition of the graph (procedure, step and action `when`, in guide
 * order) `WHEN_L<line>` and every optional step or action `OPTIONAL_L<line>`, avoiding the
 * placeholder variables and each other (suffix `_2`, `_3`, …). Forbidden steps are skipped.
 * Returns a map from key (`when:<words>` or `optional:<id>`) to variable.
 */
export function nameConditions(graph: StepGraph): Map<string, ConditionVar> {
  const taken = new Set(graph.placeholders.map((p) => p.variable));
  const out = new Map<string, ConditionVar>();
  const add = (key: string, prefix: string, words: string, line: number): void => {
    if (out.has(key)) return;
    let variable = `${prefix}_L${line}`;
    for (let n = 2; taken.has(variable); n += 1) variable = `${prefix}_L${line}_${n}`;
    taken.add(variable);
    out.set(key, { variable, words, line });
  };
  for (const procedure of graph.procedures) {
    if (procedure.when) add(`when:${procedure.when}`, 'WHEN', procedure.when, procedure.source.line);
    for (const step of procedure.steps) {
      if (step.forbidden) continue;
      if (step.when) add(`when:${step.when}`, 'WHEN', step.when, step.source.line);
      if (step.optional) add(`optional:${step.id}`, 'OPTIONAL', `オプション: ${step.text}`, step.source.line);
      for (const action of step.actions) {
        if (action.when) add(`when:${action.when}`, 'WHEN', action.when, action.source.line);
        if (action.optional) {
          add(`optional:${action.id}`, 'OPTIONAL', `オプション: ${step.text}`, action.source.line);
        }
      }
    }
  }
  return out;
}

/** The `when:` list for an action: every condition and optional mark above it, as `VAR | bool`. */
export function whenFor(
  conditions: Map<string, ConditionVar>,
  procedure: Procedure,
  step: Step,
  action: Action | null,
): string[] {
  const keys = [
    procedure.when ? `when:${procedure.when}` : null,
    step.when ? `when:${step.when}` : null,
    step.optional ? `optional:${step.id}` : null,
    action?.when ? `when:${action.when}` : null,
    action?.optional ? `optional:${action.id}` : null,
  ];
  const vars = keys.flatMap((k) => (k && conditions.has(k) ? [conditions.get(k)!.variable] : []));
  return [...new Set(vars)].map((v) => `${v} | bool`);
}
