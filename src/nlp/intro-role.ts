/**
 * introRoleOf: the host role a paragraph before a procedure assigns to its steps, taken only from
 * sentences that say where the operator works: "…データベースサーバーに root ユーザーとしてログイン
 * して実行する必要があります" (000:5), "コントローラーノードに … をインストールします" (003:885),
 * "Perform these commands on the controller node." (003:3538). A sentence that describes what a
 * package or service does ("…1 台のノードが API サービスのインスタンスをホストしている必要があります",
 * 000:81) or what to replace a placeholder with ("IP は、… をホストするシステムの IP アドレス…に
 * 置き換えます", 001:96) says nothing about where to run the steps, whatever host it names.
 */
import type { Role } from '../ir/types.js';
import { loadLexicon } from './lexicon.js';
import { roleOf, roleWithoutTokens } from './roles.js';
import { normalizeSentence, splitSentences } from './text.js';

/**
 * The role of the first sentence of `text` that names a place to work (lexicon `introWork`) and
 * is not a placeholder description (lexicon `introNotWork`), or null.
 * @param text a paragraph from a guide (Japanese or English).
 */
export async function introRoleOf(text: string): Promise<Role | null> {
  const lexicon = loadLexicon();
  for (const sentence of splitSentences(normalizeSentence(text))) {
    if (!lexicon.introWork.test(sentence) || lexicon.introNotWork.test(sentence)) continue;
    const role = await roleOf(sentence);
    if (role) return role;
  }
  return null;
}

/**
 * {@link introRoleOf}'s answer when it needs no tokens, synchronously: null when no sentence of
 * `text` both names a place to work and names a role alias, else undefined (then ask introRoleOf).
 * @param text a paragraph from a guide (Japanese or English).
 */
export function introRoleWithoutTokens(text: string): null | undefined {
  const lexicon = loadLexicon();
  for (const sentence of splitSentences(normalizeSentence(text))) {
    if (!lexicon.introWork.test(sentence) || lexicon.introNotWork.test(sentence)) continue;
    if (roleWithoutTokens(sentence) === undefined) return undefined;
  }
  return null;
}
