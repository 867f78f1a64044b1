/**
 * Fallback steps decided by the check they follow: a condition that reads the result of a check
 * before it ("上記コマンドで0を返した場合のみ以下を実施", "それでも0だった場合", lexicon
 * `checkBranches.references`; the check is marked `branches` by src/extract/check-branches.ts)
 * names the check's failing result, the guide's fallback. The playbook registers the check's
 * result under a name from the check's stable id and gives the fallback `when:` that result
 * instead of a condition variable the operator has to answer.
 */
import type { CommandAction } from '../../ir/types.js';
import { readExpectation } from '../expectation.js';

export { branchReaders } from '../check-branch-readers.js';

/** The variable the result of branching check `check` is registered as: from its stable id. */
export function branchRegister(check: CommandAction): string {
  return `tejun_result_${check.id.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
}

/**
 * The `when:` expression of a fallback reading `check`: true when the check's result fails its
 * expectation (stdout compared as the guide says, `N以上` → not ≥ N; a search that must find
 * nothing → its exit status is not 1; expectation.ts), else when its exit status is not 0; false when the check was skipped (its own branch not taken); the operator's condition
 * variable `fallbackVar` (`when_… | bool`) when the check did not run on this host at all.
 * Parenthesised whole: Ansible wraps a `when:` in `{% if … %}`, which takes no bare inline if.
 */
export function branchWhen(check: CommandAction, fallbackVar: string): string {
  const r = branchRegister(check);
  const e = readExpectation(check.run, check.expect);
  const failed = !e ? `${r}.rc != 0` : e.kind === 'nothing' ? `${r}.rc != 1` : `not ((${r}.stdout | trim | int) ${e.op} ${e.value})`;
  return `((${r} is not skipped and ${failed}) if ${r} is defined else (${fallbackVar}))`;
}
