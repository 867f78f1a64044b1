/**
 * modalityOf: whether the guide marks a step optional (オプション, 000:374 "オプションのサービスの起動",
 * 002:227 "(オプション) …") or forbidden (000:216 "…実行してはなりません", 000:362 "…実行しないこと
 * を推奨", 005:64 "…編集しないでください").
 */
import { tokenizeThrough } from './tokenizer/index.js';
import { anyOf, loadLexicon, perLexicon, type Lexicon } from './lexicon.js';
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

/** The optional words of each lexicon (words and wordsBeforeDe) as one pattern, compiled once. */
const optionalWords = perLexicon((lexicon) => anyOf([...lexicon.file.optional.words, ...lexicon.file.optional.wordsBeforeDe]));

/**
 * True when an optional word is used as "optional" and not as a command option: the word is
 * followed by one of the lexicon's followers (の, で, ：) and not preceded by an identifier
 * ("`user-role-add` オプションを使用して", 003:1184, is an option of a command).
 */
async function optionalWord(sentence: string, lexicon: Lexicon): Promise<boolean> {
  const { words, followers, wordsBeforeDe } = lexicon.file.optional;
  const pattern = optionalWords(lexicon);
  if (!pattern.test(sentence)) return false;
  // Only the pieces (see splitPieces) up to the last one holding a word, and one more: a verdict
  // reads the word's token, the one before it (in that piece or ending the previous one) and the
  // one after it (in the same piece, whose last token holds its 、 or 。). A word inside code is
  // masked, and a masked token's surface (the whole span) is never a bare word.
  const { tokens } = await tokenizeThrough(sentence, pattern, 1);
  return tokens.some((t, i) => {
    const next = tokens[i + 1]?.surface ?? '';
    const before = tokens[i - 1];
    const afterCode = before !== undefined && (before.masked || /^[\x21-\x7e]+$/u.test(before.surface));
    if (words.includes(t.surface)) return followers.includes(next) && !afterCode;
    return wordsBeforeDe.includes(t.surface) && next === 'で';
  });
}

/**
 * The marks a sentence carries in plain lexicon patterns: a bracketed or English optional marker
 * (`marked`), a forbidden pattern, and a discouraging one (only when not forbidden).
 * @param sentence a normalized sentence (normalizeSentence).
 */
function plainMarks(sentence: string, lexicon: Lexicon): { marked: boolean; forbidden: boolean; discouraged: boolean } {
  const marked = lexicon.file.optional.bracketed.some((b) => sentence.includes(b)) || lexicon.optionalEnglish.some((re) => re.test(sentence));
  const forbidden = lexicon.forbidden.some((re) => re.test(sentence)) || lexicon.forbiddenEnglish.some((re) => re.test(sentence));
  const discouraged = !forbidden && lexicon.discouraged.some((re) => re.test(sentence));
  return { marked, forbidden, discouraged };
}

/**
 * {@link modalityOf}'s answer when it needs no tokens, synchronously, or undefined (then ask
 * modalityOf): tokens are needed only when no bracketed or English marker makes the text optional
 * and an optional word occurs in it (see optionalWord, which answers false without one).
 * @param text a sentence, list item or title from a guide.
 */
export function modalityWithoutTokens(text: string): Modality | undefined {
  const lexicon = loadLexicon();
  const sentence = normalizeSentence(text);
  const { marked, forbidden, discouraged } = plainMarks(sentence, lexicon);
  if (!marked && optionalWords(lexicon).test(sentence)) return undefined;
  return { optional: marked, forbidden, discouraged };
}

/**
 * The optional/forbidden marks of a sentence, list item or title.
 * Bracketed markers, English markers and forbidden patterns are plain lexicon patterns; the
 * tokenizer is loaded only to tell "オプションの…" (optional) from "…オプションを使用" (an option).
 */
export async function modalityOf(text: string): Promise<Modality> {
  const lexicon = loadLexicon();
  const sentence = normalizeSentence(text);
  const { marked, forbidden, discouraged } = plainMarks(sentence, lexicon);
  return { optional: marked || (await optionalWord(sentence, lexicon)), forbidden, discouraged };
}
