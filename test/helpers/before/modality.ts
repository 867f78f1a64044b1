/*
 * Reference for test/nlp-decisions-same.test.ts: src/nlp/modality.ts as it was before the second
 * extraction round (main at c143944), verbatim but for its imports (pointed at src/ for the
 * modules that did not change). Not used by tejun.
 */
/**
 * modalityOf: whether the guide marks a step optional (オプション, 000:374 "オプションのサービスの起動",
 * 002:227 "(オプション) …") or forbidden (000:216 "…実行してはなりません", 000:362 "…実行しないこと
 * を推奨", 005:64 "…編集しないでください").
 */
import { tokenize } from '../../../src/nlp/tokenizer/index.js';
import { escapeRegExp, loadLexicon, type Lexicon } from '../../../src/nlp/lexicon.js';
import { normalizeSentence } from './text.js';

/** The modality of a sentence. */
export interface Modality {
  /** True when the guide marks the step optional. */
  optional: boolean;
  /** True when the guide says not to do it. */
  forbidden: boolean;
  /** True when the guide recommends not doing it (somewhere) but still shows it: kept, guarded. */
  discouraged: boolean;
}

/**
 * True when an optional word is used as "optional" and not as a command option: the word is
 * followed by one of the lexicon's followers (の, で, ：) and not preceded by an identifier
 * ("`user-role-add` オプションを使用して", 003:1184, is an option of a command).
 */
async function optionalWord(sentence: string, lexicon: Lexicon): Promise<boolean> {
  const { words, followers, wordsBeforeDe } = lexicon.file.optional;
  const all = [...words, ...wordsBeforeDe];
  if (!new RegExp(all.map(escapeRegExp).join('|'), 'u').test(sentence)) return false;
  const tokens = await tokenize(sentence);
  return tokens.some((t, i) => {
    const next = tokens[i + 1]?.surface ?? '';
    const before = tokens[i - 1];
    const afterCode = before !== undefined && (before.masked || /^[\x21-\x7e]+$/u.test(before.surface));
    if (words.includes(t.surface)) return followers.includes(next) && !afterCode;
    return wordsBeforeDe.includes(t.surface) && next === 'で';
  });
}

/**
 * The optional/forbidden marks of a sentence, list item or title.
 * Bracketed markers, English markers and forbidden patterns are plain lexicon patterns; the
 * tokenizer is loaded only to tell "オプションの…" (optional) from "…オプションを使用" (an option).
 */
export async function modalityOf(text: string): Promise<Modality> {
  const lexicon = loadLexicon();
  const sentence = normalizeSentence(text);
  const forbidden = [...lexicon.forbidden, ...lexicon.forbiddenEnglish].some((re) => re.test(sentence));
  const optional =
    lexicon.file.optional.bracketed.some((b) => sentence.includes(b)) ||
    lexicon.optionalEnglish.some((re) => re.test(sentence)) ||
    (await optionalWord(sentence, lexicon));
  const discouraged = !forbidden && lexicon.discouraged.some((re) => re.test(sentence));
  return { optional, forbidden, discouraged };
}
