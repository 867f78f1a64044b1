/**
 * The runbooks run what the guide means where a command word is misspelt: every command action
 * with a `correction` (extract/command-typos.ts) gets `run` with the written word replaced by the
 * meant one. The step graph keeps the guide's text; this pass runs before every generator.
 */
import type { Action, StepGraph } from '../ir/types.js';
import { escapeRegExp } from '../nlp/lexicon.js';

/** `action` with its correction applied to `run` (the written word is whole and occurs once), or `action` itself. */
function corrected(action: Action): Action {
  if (action.kind !== 'command' || !action.correction) return action;
  const { written, meant } = action.correction;
  const run = action.run.replace(new RegExp(`(?<![\\w.+/-])${escapeRegExp(written)}(?![\\w.+-])`), meant);
  return { ...action, run };
}

/**
 * `graph` with every correction applied (a new graph; `graph` is not changed), or `graph` itself
 * when it has none. Never throws.
 */
export function withCorrectedCommands(graph: StepGraph): StepGraph {
  const any = graph.procedures.some((p) => p.steps.some((s) => s.actions.some((a) => a.kind === 'command' && a.correction)));
  if (!any) return graph;
  return {
    ...graph,
    procedures: graph.procedures.map((p) => ({ ...p, steps: p.steps.map((s) => ({ ...s, actions: s.actions.map(corrected) })) })),
  };
}
