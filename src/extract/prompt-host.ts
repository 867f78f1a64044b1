/**
 * The host a shell prompt names, and the role it stands for.
 *
 * Guides that run commands on several machines often write the host into the prompt
 * (`controller# apt-get install …`, `compute$ …`, `[root@compute01 ~]# …`, `controller(admin)# …`,
 * `[全サーバ]# …`). The prompt shapes live in the grammar (grammars/base.yaml `prompts`, whose
 * `host` named group captures the host); this pass reads the host out of a matched prompt and
 * names the role: the host name's leading word (`controller01` → `controller`,
 * src/extract/roles.ts), else a role noun of the lexicon written as the host (`全サーバ` → `all`),
 * else the host name itself (GOLD_FORMAT.md: the guide's own host names are roles too).
 */
import type { PromptRule } from '../grammar/load-grammar.js';
import type { Role } from '../ir/types.js';
import { aliasKey, loadLexicon, perLexicon } from '../nlp/lexicon.js';
import { hostRole } from './roles.js';

/**
 * The host `prompt` names on `line` (the code line with its indentation removed), or null when
 * the prompt names none (`# …`, `$ …`) or does not match the line.
 */
export function promptHost(prompt: PromptRule, line: string): string | null {
  const host = prompt.re.exec(line)?.groups?.['host'];
  return host ? host : null;
}

/** The lexicon's role nouns by their alias key (white space removed, lower case), built once per lexicon. */
const nounRoles = perLexicon((lexicon) => new Map(lexicon.roleAliases.filter((a) => a.kind === 'noun').map((a) => [a.key, a.role])));

/**
 * The role a prompt's host stands for: {@link hostRole} of the name, else the lexicon role whose
 * noun the host is (white space and case ignored: `全ノード`, `全サーバ`), else the host name itself.
 */
export function promptRole(host: string): Role {
  return hostRole(host) ?? nounRoles(loadLexicon()).get(aliasKey(host)) ?? host;
}

/**
 * True when the prompt's host is a machine's name (`controller`, `compute01`, `client`), false
 * when it is a role noun of the lexicon standing for several hosts (`全サーバ`): only a machine's
 * name is a site-specific literal.
 */
export function isMachineName(host: string): boolean {
  return !nounRoles(loadLexicon()).has(aliasKey(host));
}
