/**
 * conditionOf: the guide's condition on a step, in the guide's own words.
 *
 * Read forms (guides/): a clause ending in a condition noun (場合/際/とき/時) and its suffix
 * (のみ), "Linux Bridge を使用する場合には、…" (000:277) → "Linux Bridge を使用する場合",
 * "上記コマンドで0を返した場合のみ以下を実施" (002:597) → "上記コマンドで0を返した場合のみ"; a
 * bracketed condition in a title "(Red Hat Enterprise Linux 6 ベースのシステムの場合)" (000:292);
 * a scope "API のインスタンスをホストする各システムで" (000:347); English "If you …," (003:345),
 * "Optionally, …".
 */
import { matchingPieces, tokenize, tokenizePieces, type Token, type TokenPrefix } from './tokenizer/index.js';
import { anyOf, loadLexicon, perLexicon, prefiltered, type Lexicon } from './lexicon.js';
import { hasJapanese } from './text.js';

/** Quantifiers that make "…をホストする X で" a scope: "各システム", "全システム", "すべてのノード". */
const QUANTIFIERS = ['各', '全', 'すべて', '全て'];

/**
 * Where a clause that ends before token `end` starts: after the last 。, or after the last 、
 * that is not preceded by a verb, an auxiliary or a conjunctive particle (those 、 join parts
 * of the same condition: "0を返し、リトライしても…場合").
 */
export function clauseStart(tokens: Token[], end: number): number {
  let start = 0;
  for (let i = 0; i < end; i++) {
    const t = tokens[i] as Token;
    if (t.surface === '。') start = i + 1;
    if (t.surface !== '、' && t.surface !== ',') continue;
    const before = tokens[i - 1];
    const joins =
      before !== undefined &&
      (before.pos === '動詞' || before.pos === '助動詞' || (before.pos === '助詞' && before.posDetail === '接続助詞'));
    if (!joins) start = i + 1;
  }
  return start;
}

/** A condition in brackets that ends in a marker: "(… ベースのシステムの場合)". */
function bracketed(text: string, lexicon: Lexicon): string | null {
  const markers = [...lexicon.file.conditions.markers, ...lexicon.file.conditions.suffixes];
  for (const m of text.matchAll(/[(（]([^()（）]+)[)）]/gu)) {
    const inner = (m[1] ?? '').trim();
    if (markers.some((k) => inner.endsWith(k))) return inner;
  }
  return null;
}

/** The first English condition pattern that matches, group 1 (or the whole match) trimmed. */
function english(text: string, lexicon: Lexicon): string | null {
  for (const re of lexicon.conditionEnglish) {
    const m = re.exec(text);
    if (m) return (m[1] ?? m[0]).trim().replace(/[,.:;]$/u, '');
  }
  return null;
}

/** Index just after a bracketed group that starts at token i, or i when none does. */
function afterParenthetical(tokens: Token[], i: number): number {
  if (!/^[(（]$/u.test(tokens[i]?.surface ?? '')) return i;
  for (let j = i + 1; j < tokens.length; j++) if (/^[)）]$/u.test((tokens[j] as Token).surface)) return j + 1;
  return i;
}

/** The end (token index, exclusive) of a condition clause ending in a marker, or -1. */
function markerEnd(tokens: Token[], lexicon: Lexicon): number {
  const { markers, suffixes } = lexicon.file.conditions;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.pos !== '名詞' || !markers.includes(t.basic)) continue;
    const before = tokens[i - 1] as Token;
    if (!['動詞', '助動詞'].includes(before.pos) && before.surface !== 'の') continue;
    const next = tokens[i + 1];
    // "問題が発生する場合があります" states a possibility, not a condition (000:221).
    if (next && ['が', 'も'].includes(next.surface) && tokens[i + 2]?.basic === 'ある') continue;
    let end = i + 1;
    while (end < tokens.length && suffixes.includes((tokens[end] as Token).surface)) end++;
    return afterParenthetical(tokens, end);
  }
  return -1;
}

/** The end (token index, exclusive) of a "…をホストする各システムで" scope, or -1. */
function scopeEnd(tokens: Token[], lexicon: Lexicon): number {
  const host = tokens.findIndex((t) => t.basic === 'ホスト');
  if (host < 0) return -1;
  for (let j = host + 1; j < Math.min(tokens.length, host + 10); j++) {
    const t = tokens[j] as Token;
    if (t.surface === '。' || t.surface === '、') return -1;
    if (t.surface !== 'で' || t.pos !== '助詞') continue;
    const phrase = tokens.slice(host + 1, j);
    const quantified = phrase.some((p) => QUANTIFIERS.includes(p.surface));
    const headed = lexicon.file.conditions.scopeNouns.includes(phrase[phrase.length - 1]?.surface ?? '');
    return quantified && headed ? j + 1 : -1;
  }
  return -1;
}

/** The words {@link markerEnd} and {@link scopeEnd} look for, per lexicon. */
/**
 * A pattern for the pieces of a sentence that can hold a token {@link markerEnd} or
 * {@link scopeEnd} looks for (a noun whose basic form is a marker, or ホスト): in IPADIC every entry
 * whose basic form is one of them has that word as its surface (test/nlp-window.test.ts checks
 * the dictionary), and an unknown word's basic form is its surface.
 */
const conditionTriggers = perLexicon((lexicon) => anyOf([...lexicon.file.conditions.markers, 'ホスト']));

/** True when a bracket opens at token `end` and no token after it in `tokens` closes it. */
function openBracket(tokens: Token[], end: number): boolean {
  return end >= 0 && afterParenthetical(tokens, end) === end && /^[(（]$/u.test(tokens[end]?.surface ?? '');
}

/**
 * {@link conditionOf}'s answer when it needs no work beyond the lexicon's cheap check,
 * synchronously: null when the text fails the lexicon's condition prefilter, else undefined (then
 * ask conditionOf). For callers that ask about many texts without an `await` per text.
 * @param text a sentence, list item or title from a guide.
 */
export const conditionWithoutTokens = (text: string): null | undefined => (prefiltered('conditionPrefilter', text) === null ? null : undefined);

/**
 * The condition a sentence puts on its action, in the guide's words, or null.
 * The lexicon's prefilter runs first; kuromoji is loaded only for Japanese sentences that pass.
 * @param text a sentence, list item or title from a guide.
 * @returns the condition without the trailing particle (には, は, 、) and list numbering.
 */
export async function conditionOf(text: string): Promise<string | null> {
  const sentence = prefiltered('conditionPrefilter', text);
  if (sentence === null) return null;
  const lexicon = loadLexicon();
  const inBrackets = bracketed(sentence, lexicon);
  if (inBrackets) return inBrackets;
  if (!hasJapanese(sentence)) return english(sentence, lexicon);
  // Only the pieces up to a piece with a marker or ホスト, and one more (a marker's next-but-one
  // token "場合 が 、 ある" is read), widened to the next such piece while the verdict is open:
  // markerEnd and scopeEnd each take the first token that qualifies and the condition is the
  // nearer of the two, so once a marker qualifies, or the first ホスト gives a scope, no later piece
  // can change it; the clause start lies before the marker. Unless a bracket opens after the
  // marker and closes beyond the pieces read ("…の場合 (… 、 …)"): then the whole sentence.
  const { count, matches } = matchingPieces(sentence, conditionTriggers(lexicon));
  let prefix: TokenPrefix = { tokens: [], complete: count === 0 };
  for (let k = 0; k < matches.length; k++) {
    // Every piece read that holds a trigger has the piece after it read too.
    let last = matches[k]! + 1;
    while (k + 1 < matches.length && matches[k + 1] === last) last = matches[++k]! + 1;
    prefix = await tokenizePieces(sentence, last + 1);
    if (prefix.complete) break;
    if (markerEnd(prefix.tokens, lexicon) > 0 || scopeEnd(prefix.tokens, lexicon) > 0) break;
  }
  let tokens = prefix.tokens;
  if (!prefix.complete && tokens.length > 0) {
    const marker = markerEnd(tokens, lexicon);
    if (marker > 0 && openBracket(tokens, marker)) tokens = await tokenize(sentence);
  }
  const ends = [markerEnd(tokens, lexicon), scopeEnd(tokens, lexicon)].filter((e) => e > 0);
  if (ends.length === 0) return english(sentence, lexicon);
  const end = Math.min(...ends);
  const first = tokens[clauseStart(tokens, end)] as Token;
  const last = tokens[end - 1] as Token;
  const condition = sentence
    .slice(first.start, last.end)
    .replace(/^(?:\d+[.)]|[-•*])\s*/u, '')
    .trim();
  return condition.length > 0 ? condition : null;
}
