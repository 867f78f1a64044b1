/*
 * Reference for test/nlp-decisions-same.test.ts: src/nlp/roles.ts as it was before the second
 * extraction round (main at c143944), verbatim but for its imports (pointed at src/ for the
 * modules that did not change). Not used by tejun.
 */
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
import type { Role } from '../../../src/ir/types.js';
import { tokenizeThrough, type Token } from '../../../src/nlp/tokenizer/index.js';
import { escapeRegExp, loadLexicon, type Lexicon, type RoleAlias } from '../../../src/nlp/lexicon.js';
import { hasJapanese, normalizeSentence } from './text.js';

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
  const chars: number[] = [];
  let compact = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (/\s/u.test(ch)) continue;
    compact += ch.toLowerCase();
    chars.push(i);
  }
  const mentions: RoleMention[] = [];
  for (let i = 0; i < compact.length; ) {
    const alias = lexicon.roleAliases.find((a) => a.key.length > 0 && compact.startsWith(a.key, i));
    if (!alias) {
      i++;
      continue;
    }
    const last = chars[i + alias.key.length - 1] as number;
    mentions.push({ alias, start: chars[i] as number, end: last + 1 });
    i += alias.key.length;
  }
  return mentions;
}

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
const englishPatternCache = new WeakMap<Lexicon, EnglishRolePattern[]>();

function englishRolePatterns(lexicon: Lexicon): EnglishRolePattern[] {
  let patterns = englishPatternCache.get(lexicon);
  if (!patterns) {
    const preps = lexicon.file.englishPrepositions.map(escapeRegExp).join('|');
    const dets = lexicon.file.englishDeterminers.map(escapeRegExp).join('|');
    patterns = lexicon.englishRoleAliases.map((alias) => {
      const body = alias.key.split(/\s+/u).map(escapeRegExp).join('\\s+');
      return {
        alias,
        wholeRe: new RegExp(`^(?:(?:${dets})\\s+)?${body}$`, 'u'),
        afterPrepRe: new RegExp(`\\b(?:${preps})\\s+(?:(?:${dets})\\s+)?${body}\\b`, 'u'),
      };
    });
    englishPatternCache.set(lexicon, patterns);
  }
  return patterns;
}

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
 * The host role a sentence or title assigns, or null.
 * A cheap check for any role alias runs first; kuromoji is loaded only for a Japanese sentence
 * that names one.
 * @param text a sentence, paragraph or title from a guide.
 * @returns `controller`, `compute`, `network`, `db`, `storage`, `all`, … (see grammars/lexicon.yaml).
 */
export async function roleOf(text: string): Promise<Role | null> {
  const lexicon = loadLexicon();
  const sentence = normalizeSentence(text);
  if (!lexicon.rolePrefilter.test(sentence)) return null;
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
