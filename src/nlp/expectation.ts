/**
 * expectationOf: what the guide says a check should return, as "…こと".
 *
 * Read forms: "<1以上の数を返すこと>" (002:580), "…が`1以上`を返すかリトライ" (002:606) →
 * "1以上を返すこと", result sentences "応答で、…トークンを受け取ります。" (003:1301) →
 * "…トークンを受け取ること", "コマンドはトークンと…の ID を返します。" (003:1334), "…が表示され
 * ます", a request to check an absence "…エラーがないかどうか確認してください" → "…エラーがないこと",
 * and English "should return …".
 */
import { tokenize, type Token } from './tokenizer/index.js';
import { loadLexicon, type Lexicon } from './lexicon.js';
import { clauseStart } from './conditions.js';
import { hasJapanese, normalizeSentence, splitSentences, stripFinalStop } from './text.js';
import { returnsClause } from './returns-clause.js';

/** "…を返すこと" ending at a こと token, from the clause start; null when the verb is not listed. */
function kotoClause(sentence: string, tokens: Token[], lexicon: Lexicon): string | null {
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.surface !== 'こと') continue;
    const next = tokens[i + 1]?.surface ?? '';
    if (['が', 'は', 'も', 'を', 'で', 'に'].includes(next)) continue;
    const verbs = tokens.slice(Math.max(0, i - 3), i).map((v) => v.basic);
    if (!verbs.some((v) => lexicon.file.expectations.verbs.includes(v))) continue;
    const start = tokens[clauseStart(tokens, i)] as Token;
    return sentence.slice(start.start, t.end).replace(/^[<＜(（\s]+/u, '').trim();
  }
  return null;
}

/**
 * A result sentence "(応答で、)X を返します|受け取ります|が表示されます" turned into "X を返すこと":
 * the predicate before ます is put in its dictionary form.
 */
function resultSentence(sentence: string, tokens: Token[], lexicon: Lexicon): string | null {
  const masu = tokens.findIndex((t) => t.surface === 'ます' && t.pos === '助動詞');
  if (masu < 1) return null;
  const head = tokens[masu - 1] as Token;
  const stem = tokens[masu - 2];
  const verbs = lexicon.file.expectations.verbs;
  const passiveDisplay = head.basic === 'れる' && stem?.basic === 'する' && verbs.includes(tokens[masu - 3]?.basic ?? '');
  if (!verbs.includes(head.basic) && !passiveDisplay) return null;
  const body = sentence.slice(0, head.start).replace(lexicon.expectationDropLeading, '');
  return `${body}${head.basic}こと`.trim();
}

/**
 * What a check should return, in the guide's words ending in こと, or null.
 * A sentence that asks the operator to check something ("…ことを確認します") is a manual step,
 * not an expectation, and gives null. The tokenizer is loaded only after the lexicon's
 * prefilter matched a Japanese sentence.
 */
export async function expectationOf(text: string): Promise<string | null> {
  const lexicon = loadLexicon();
  const normalized = normalizeSentence(text);
  if (!lexicon.expectationPrefilter.test(normalized)) return null;
  const bracket = /[<＜]([^<>＜＞]*こと)[>＞]/u.exec(normalized);
  if (bracket) return (bracket[1] ?? '').trim();
  const retry = returnsClause(normalized);
  if (retry !== null) return `${retry.trim()}を返すこと`;
  if (!hasJapanese(normalized)) {
    for (const re of lexicon.expectationEnglish) {
      const m = re.exec(normalized);
      if (m) return stripFinalStop((m[1] ?? m[0]).trim());
    }
    return null;
  }
  for (const sentence of splitSentences(normalized)) {
    const absent = lexicon.expectationAbsence.exec(sentence);
    if (absent) return `${(absent[1] ?? '').trim()}こと`;
    if (lexicon.expectationInstruction.test(sentence)) continue;
    const s = stripFinalStop(sentence);
    const tokens = await tokenize(s);
    const found = kotoClause(s, tokens, lexicon) ?? resultSentence(s, tokens, lexicon);
    if (found) return found;
  }
  return null;
}
