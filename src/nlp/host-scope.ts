/**
 * hostScopeRoleOf: a condition that only says which hosts a step runs on. "API のインスタンスを
 * ホストする各システムで" (000:347), "仮想マシンインスタンスをホストする予定の全システムで" (000:369):
 * conditionOf reads such a scope clause (…をホストする各/全 <system> で) as the step's condition;
 * when the hosted thing names a role (lexicon `roles[].hosts`, `roles[].nouns`), the clause is
 * where the step runs, a role, not a case the operator must confirm. A real condition ends in a
 * condition marker (場合, のみ, …) and is never a scope.
 */
import type { Role } from '../ir/types.js';
import { loadLexicon } from './lexicon.js';
import { roleOf } from './roles.js';
import { normalizeSentence } from './text.js';

/**
 * The role a scope condition names, or null when `condition` is no scope or names no role.
 * @param condition a condition as conditionOf returned it (the guide's words).
 * @returns the role when the condition ends in a location particle of the lexicon
 *   (`locationParticles`: で, に, …), never in a condition marker or suffix, and roleOf finds a role
 *   in it; else null.
 */
export async function hostScopeRoleOf(condition: string): Promise<Role | null> {
  const lexicon = loadLexicon();
  const text = normalizeSentence(condition).trim();
  const { markers, suffixes } = lexicon.file.conditions;
  if ([...markers, ...suffixes].some((m) => text.endsWith(m))) return null;
  if (!lexicon.file.locationParticles.some((p) => text.endsWith(p))) return null;
  return roleOf(text);
}
