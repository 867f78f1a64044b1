/**
 * Which conditions of a guide read the result of a check before them ("上記コマンドで0を返した場合
 * のみ以下を実施", "それでも0だった場合": lexicon `checkBranches.references`; the check is marked
 * `branches` by src/extract/check-branches.ts). Such a condition names the check's failing
 * result, the guide's fallback: the runbooks decide it from the check's result (bash: the
 * check's status in this run; Ansible: its registered result) instead of asking the operator.
 */
import type { CommandAction, StepGraph } from '../ir/types.js';
import { loadLexicon } from '../nlp/lexicon.js';

/**
 * The checks the conditions of `graph` read: procedure, step or action id of the reader → the
 * nearest branching check before it in guide order (not an action of the same step), as
 * markCheckBranches finds them. Only readers of a check marked `branches` are listed.
 */
export function branchReaders(graph: StepGraph): Map<string, CommandAction> {
  const refs = loadLexicon().checkResultReferences;
  const out = new Map<string, CommandAction>();
  let last: CommandAction | null = null;
  const reads = (when: string | null | undefined): boolean => Boolean(when) && refs.some((re) => re.test(when!));
  for (const p of graph.procedures) {
    if (last?.branches && reads(p.when)) out.set(p.id, last);
    for (const s of p.steps) {
      const before = last;
      if (before?.branches) {
        if (reads(s.when)) out.set(s.id, before);
        for (const a of s.actions) if (reads(a.when)) out.set(a.id, before);
      }
      for (const a of s.actions) if (a.kind === 'command' && a.verify) last = a;
    }
  }
  return out;
}
