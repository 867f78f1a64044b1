/**
 * roleOf: the host role a sentence or title assigns, decided from tokens.
 *
 * A role alias from the lexicon is only a candidate; it assigns the role when the noun phrase it
 * heads is the place of the work: governed by に/で/へ/から ("データベースサーバーにログインして実行",
 * 000:5), the object of ホストする ("Compute Service をホストする各システム", 000:123), the subject
 * of a title ("コントローラーのセットアップ", 003), alone or in brackets ("設定 (コントローラーノード)",
 * 002:212), or the first of alternatives ("Identity Service ホストまたは…任意のマシンで実行", 000:35).
 * A subject (が/は) or a modifier (の + noun) is not a place: "コンピュートノードがデータベースに…"
 * assigns nothing. Two roles in one coordinated phrase ("コンピュートコントローラーサービスおよび
 * コンピュートノードをホストするシステム", 001:177) give the lexicon's allRole.
 */
import type { Role } from '../ir/types.js';
import { tokenizeThrough, type Token } from './tokenizer/index.js';
import { escapeRegExp, loadLexicon, perLexicon, prefiltered, type Lexicon, type RoleAlias } from './lexicon.js';
import { hasJapanese, isWhiteSpace, normalizeSentence } from './text.js';

/** An alias found in a sentence, with its offsets in the sentence. */
export interface RoleMention {
  alias: RoleAlias;
  start: number;
  end: number;
}

/**
 * Every role alias in the text, left to right, longest alias first at each position; matching
 * ignores case and white space.
 */
export function findRoleMentions(text: string, lexicon: Lexicon): RoleMention[] {
  const { compact, chars } = compactForm(text);
  const byFirst = aliasesByFirst(lexicon);
  const mentions: RoleMention[] = [];
  for (let i = 0; i < compact.length; ) {
    const candidates = byFirst.get(compact.charCodeAt(i));
    let alias: RoleAlias | undefined;
    if (candidates) {
      for (let k = 0; k < candidates.length; k++) {
        if (compact.startsWith(candidates[k]!.key, i)) {
          alias = candidates[k];
          break;
        }
      }
    }
    if (!alias) {
      i++;
      continue;
    }
    const last = chars ? chars[i + alias.key.length - 1]! : i + alias.key.length - 1;
    mentions.push({ alias, start: chars ? chars[i]! : i, end: last + 1 });
    i += alias.key.length;
  }
  return mentions;
}

/** Σ (whose lower case depends on the next character) and UTF-16 surrogates. */
const CONTEXT_CASED = /[\u03a3\ud800-\udfff]/;

/**
 * `text` without white space, each character lower-cased on its own (a whole-string
 * `toLowerCase` differs for a final sigma), and the offset in `text` of each character of it
 * (`chars`, or null when it is the identity: no white space). Without Σ or surrogates, and when the
 * whole-string lower case keeps the length (no character becomes two), the whole-string lower case
 * is the per-character one: one string instead of one per character.
 */
function compactForm(text: string): { compact: string; chars: number[] | null } {
  const lower = text.toLowerCase();
  if (lower.length === text.length && !CONTEXT_CASED.test(text)) {
    let spaces = 0;
    for (let i = 0; i < text.length; i++) if (isWhiteSpace(text.charCodeAt(i))) spaces++;
    if (spaces === 0) return { compact: lower, chars: null };
    const chars: number[] = [];
    let compact = '';
    let from = 0;
    for (let i = 0; i <= text.length; i++) {
      if (i < text.length && !isWhiteSpace(text.charCodeAt(i))) {
        chars.push(i);
        continue;
      }
      if (i > from) compact += lower.slice(from, i);
      from = i + 1;
    }
    return { compact, chars };
  }
  const chars: number[] = [];
  let compact = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isWhiteSpace(code)) continue;
    // Per character, as before: a whole-string toLowerCase differs (final sigma).
    compact += code < 0x80 ? (code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : text[i]!) : text[i]!.toLowerCase();
    chars.push(i);
  }
  return { compact, chars };
}

/** The Japanese aliases of each lexicon by the first UTF-16 code unit of their key, longest first (as in `roleAliases`). */
const aliasesByFirst = perLexicon((lexicon) => {
  const index = new Map<number, RoleAlias[]>();
  for (const alias of lexicon.roleAliases) {
    if (alias.key.length === 0) continue;
    const first = alias.key.charCodeAt(0);
    const list = index.get(first) ?? [];
    list.push(alias);
    index.set(first, list);
  }
  return index;
});

/** Index of the first token at or after offset `at`. */
function tokenAt(tokens: Token[], at: number): number {
  const i = tokens.findIndex((t) => t.end > at);
  return i < 0 ? tokens.length : i;
}

/** Skips the rest of a noun phrase (nouns, masked code, brackets, prefixes) from index i. */
function skipNounTail(tokens: Token[], i: number): number {
  let j = i;
  while (j < tokens.length) {
    const t = tokens[j] as Token;
    if (t.pos === '名詞' && t.posDetail !== '非自立' && t.posDetail !== '副詞可能') j++;
    else if (t.pos === '接頭詞' || /^[()（）]$/u.test(t.surface)) j++;
    else break;
  }
  return j;
}

/** True when the tokens from i on say "ホストする" (or another host verb) before the clause ends. */
function hostVerbFollows(tokens: Token[], i: number, lexicon: Lexicon): boolean {
  for (let j = i; j < Math.min(tokens.length, i + 3); j++) {
    const t = tokens[j] as Token;
    if (lexicon.file.hostVerbs.includes(t.basic)) return true;
  }
  return false;
}

/** True when a negation (ない/ず/ません) follows before the clause ends: "…ノードでは実行しない". */
function negated(tokens: Token[], i: number): boolean {
  for (let j = i; j < tokens.length; j++) {
    const t = tokens[j] as Token;
    if (t.surface === '。' || t.surface === '、') return false;
    if (t.pos === '助動詞' && ['ない', 'ぬ', 'ん'].includes(t.basic)) return true;
  }
  return false;
}

/** Verdict on the phrase a mention (or a coordinated chain of mentions) ends at token index i. */
function governs(tokens: Token[], i: number, kind: RoleAlias['kind'], lexicon: Lexicon): boolean {
  const t = tokens[i];
  if (t === undefined || /^[)）\]】]$/u.test(t.surface) || t.surface === '。') return kind === 'noun';
  if (t.pos === '助詞' && lexicon.file.locationParticles.includes(t.surface)) {
    return kind === 'noun' && !negated(tokens, i + 1);
  }
  if (t.surface === 'ごと') return kind === 'noun';
  if (t.surface === 'を') return hostVerbFollows(tokens, i + 1, lexicon);
  if (t.surface === 'の') {
    const next = tokens[i + 1];
    if (kind === 'noun' && next && lexicon.file.workNouns.includes(next.basic)) return true;
    const after = skipNounTail(tokens, i + 1);
    return tokens[after]?.surface === 'を' && hostVerbFollows(tokens, after + 1, lexicon);
  }
  if (t.surface === 'として') return kind === 'noun';
  // "Compute API サービスと同じホストにインストールされます" (004:8).
  if (t.surface === 'と' && tokens[i + 1]?.surface === '同じ') return true;
  if (lexicon.file.alternatives.includes(t.surface)) return kind === 'noun';
  return false;
}

/** An English role alias with its two patterns: the whole sentence, and after a preposition. */
interface EnglishRolePattern {
  alias: RoleAlias;
  wholeRe: RegExp;
  afterPrepRe: RegExp;
}

/** The English role patterns of each lexicon, compiled once (they were built per call). */
const englishRolePatterns = perLexicon((lexicon): EnglishRolePattern[] => {
  const preps = lexicon.file.englishPrepositions.map(escapeRegExp).join('|');
  const dets = lexicon.file.englishDeterminers.map(escapeRegExp).join('|');
  return lexicon.englishRoleAliases.map((alias) => {
    const body = alias.key.split(/\s+/u).map(escapeRegExp).join('\\s+');
    return {
      alias,
      wholeRe: new RegExp(`^(?:(?:${dets})\\s+)?${body}$`, 'u'),
      afterPrepRe: new RegExp(`\\b(?:${preps})\\s+(?:(?:${dets})\\s+)?${body}\\b`, 'u'),
    };
  });
});

/** The role of an English sentence: "from the controller node", "on each node". */
export function englishRole(text: string, lexicon: Lexicon): Role | null {
  const lower = normalizeSentence(text).toLowerCase();
  let best: { at: number; role: Role } | null = null;
  for (const { alias, wholeRe, afterPrepRe } of englishRolePatterns(lexicon)) {
    const whole = wholeRe.test(lower.replace(/[:.]$/u, ''));
    const m = afterPrepRe.exec(lower);
    const at = whole ? 0 : m ? m.index : -1;
    if (at >= 0 && (best === null || at < best.at)) best = { at, role: alias.role };
  }
  return best?.role ?? null;
}

/**
 * {@link roleOf}'s answer when it needs no work beyond the lexicon's cheap check, synchronously:
 * null when the text names no role alias, else undefined (then ask roleOf). For callers that ask
 * about many texts, most of which name no role, without an `await` per text.
 * @param text a sentence, paragraph or title from a guide.
 */
export const roleWithoutTokens = (text: string): null | undefined => (prefiltered('rolePrefilter', text) === null ? null : undefined);

/**
 * The host role a sentence or title assigns, or null.
 * A cheap check for any role alias runs first; kuromoji is loaded only for a Japanese sentence
 * that names one.
 * @param text a sentence, paragraph or title from a guide.
 * @returns `controller`, `compute`, `network`, `db`, `storage`, `all`, … (see grammars/lexicon.yaml).
 */
export async function roleOf(text: string): Promise<Role | null> {
  const sentence = prefiltered('rolePrefilter', text);
  if (sentence === null) return null;
  const lexicon = loadLexicon();
  if (!hasJapanese(sentence)) return englishRole(sentence, lexicon);
  const mentions = findRoleMentions(sentence, lexicon);
  if (mentions.length === 0) return englishRole(sentence, lexicon);
  // A hosted service is a place only with a host verb ("…をホストする") or "と同じホスト".
  const placeWords = [...lexicon.file.hostVerbs, '同じ'];
  if (mentions.every((m) => m.alias.kind === 'host') && !placeWords.some((w) => sentence.includes(w))) return null;
  // Only the pieces (see splitPieces) up to the one after the last mention's end, and two more:
  // every verdict reads tokens from a mention to the end of its clause (a noun tail, a particle,
  // negation up to the next 、 or 。), or, after を, the next three tokens ("…を、ホストする").
  const last = mentions[mentions.length - 1] as RoleMention;
  const { tokens } = await tokenizeThrough(sentence, last.end, 2);
  for (let m = 0; m < mentions.length; m++) {
    const chain: RoleMention[] = [mentions[m] as RoleMention];
    let end = skipNounTail(tokens, tokenAt(tokens, (mentions[m] as RoleMention).end));
    // Coordinated mentions: "A および B をホストする…", "A と B で…".
    while (m + 1 < mentions.length) {
      const t = tokens[end];
      const next = mentions[m + 1] as RoleMention;
      const joined =
        t !== undefined &&
        (lexicon.file.coordinators.includes(t.surface) || t.posDetail === '並立助詞') &&
        tokenAt(tokens, next.start) === end + 1;
      if (!joined) break;
      chain.push(next);
      m++;
      end = skipNounTail(tokens, tokenAt(tokens, next.end));
    }
    const kind = chain.some((c) => c.alias.kind === 'noun') ? 'noun' : 'host';
    if (!governs(tokens, end, kind, lexicon)) continue;
    const roles = [...new Set(chain.map((c) => c.alias.role))];
    return roles.length > 1 ? lexicon.file.allRole : (roles[0] as Role);
  }
  return null;
}
