/**
 * Checks that pick a branch: a check (a verify command) followed by steps whose condition reads its
 * result ("上記コマンドで0を返した場合のみ以下を実施", 002:597; "それでも0だった場合", 002:607 after a
 * retry) is the guide's fork, not an assertion: the guide says what to do when it fails (a
 * fallback such as `virt_type = qemu`). Such a check is marked `branches`; the vocabulary of the
 * references is lexicon data (`checkBranches.references`).
 */
import type { CommandAction, Procedure } from '../ir/types.js';
import type { Lexicon } from '../nlp/lexicon.js';

/**
 * Marks `branches: true` on every check whose result a later condition reads.
 * @param procedures the resolved procedures, in guide order (changed in place).
 * @param lexicon the vocabulary (`checkResultReferences`).
 * @returns nothing; for each step or action whose `when` matches a reference, the nearest check
 *   before it in guide order (not an action of that same step) is marked.
 */
export function markCheckBranches(procedures: readonly Procedure[], lexicon: Lexicon): void {
  const refs = lexicon.checkResultReferences;
  if (refs.length === 0) return;
  let last: CommandAction | null = null;
  for (const p of procedures) {
    for (const s of p.steps) {
      const before = last;
      const conditions = [s.when, ...s.actions.map((a) => a.when)].filter((w): w is string => Boolean(w));
      if (before && conditions.some((w) => refs.some((re) => re.test(w)))) before.branches = true;
      for (const a of s.actions) if (a.kind === 'command' && a.verify) last = a;
    }
  }
}
