/**
 * isManualInstruction: whether a step is something a person does by hand (open an editor, save
 * a file, log in, reboot, check), decided from the sentence's main predicate.
 *
 * Read forms: "テキストエディターで /etc/sysconfig/iptables ファイルを開きます。" (000:294),
 * "…ファイルへの変更を保存します。" (000:298), "Compute コントローラーノードに root でログインします。"
 * (000:174), "ESXiホスト、compute01 の`再起動`" (002:605), "…ことを確認します。" (005:72),
 * English "You must remove or comment the line beginning with 127.0.1.1." (003:407).
 */
import { tokenize, type Token } from './tokenizer/index.js';
import { anyOf, loadLexicon, perLexicon, type Lexicon } from './lexicon.js';
import { hasJapanese, normalizeSentence, splitSentences } from './text.js';
import { TRAILING_BRACKET_NOTE } from './trailing-note.js';

/** The stem of a manual verb as it appears in running text (開く → 開, 覚える → 覚え). */
function stem(verb: string): string {
  return /[\p{Script=Hiragana}]$/u.test(verb) && verb.length > 1 ? verb.slice(0, -1) : verb;
}

/** Tokens that may follow the predicate: ます, する/し, て, ください, punctuation. */
function isTail(t: Token): boolean {
  return (
    t.pos === '記号' ||
    (t.pos === '助動詞' && t.basic === 'ます') ||
    (t.pos === '動詞' && (t.basic === 'する' || t.posDetail === '非自立')) ||
    (t.pos === '助詞' && t.posDetail === '接続助詞' && t.surface === 'て')
  );
}

/**
 * The main predicate of a Japanese sentence (basic form, a サ変 noun joined with its suffix and
 * prefix: 有効 + 化, 再 + 起動), or null when the sentence ends in a particle, a past, a negation or a passive.
 */
export function mainPredicate(tokens: Token[]): string | null {
  let i = tokens.length - 1;
  while (i >= 0 && isTail(tokens[i] as Token)) i--;
  const t = tokens[i];
  if (t === undefined || t.pos === '助詞' || t.pos === '助動詞') return null;
  if (t.pos === '動詞' && t.posDetail === '接尾') return null;
  let word = t.basic;
  let first = i;
  if (t.pos === '名詞' && t.posDetail === '接尾' && tokens[i - 1]?.pos === '名詞') {
    first = i - 1;
    word = (tokens[first] as Token).surface + t.surface;
  }
  // A prefix belongs to the noun: 再 + 起動 (002:605 "compute01 の`再起動`").
  if (t.pos === '名詞' && tokens[first - 1]?.pos === '接頭詞') word = (tokens[first - 1] as Token).surface + word;
  return word;
}

/** One Japanese sentence: its predicate is a manual verb (or a request verb, in a request) and nothing says it is not a step. */
async function japaneseManual(sentence: string, lexicon: Lexicon): Promise<boolean> {
  if (lexicon.manualNot.test(sentence)) return false;
  const predicate = mainPredicate(await tokenize(sentence));
  if (predicate === null) return false;
  return lexicon.file.manual.verbs.includes(predicate) || (lexicon.file.manual.requestVerbs.includes(predicate) && lexicon.manualRequest.test(sentence));
}

/** The stems of each lexicon's manual verbs as one pattern, compiled once (it was built per call). */
/** A pattern for any stem of the lexicon's manual verbs (開|保存|…): the cheap check before tokenizing. */
const verbStems = perLexicon((lexicon) => anyOf([...lexicon.file.manual.verbs, ...lexicon.file.manual.requestVerbs].map(stem)));

/**
 * True when the text is a step a person does by hand, with no command of its own.
 * A paragraph is manual when its last instruction sentence is. The lexicon's verbs are checked
 * as plain substrings first; the tokenizer is loaded only when one occurs.
 */
export async function isManualInstruction(text: string): Promise<boolean> {
  const lexicon = loadLexicon();
  const normalized = normalizeSentence(text)
    .replace(/`/gu, '')
    .replace(TRAILING_BRACKET_NOTE, '')
    .trim();
  if (!hasJapanese(normalized)) {
    const instruction = normalized.replace(lexicon.manualEnglishCondition, '');
    if (lexicon.manualEnglishNot.test(instruction)) return false;
    return lexicon.manualEnglish.some((re) => re.test(instruction));
  }
  if (!verbStems(lexicon).test(normalized)) return false;
  const sentences = splitSentences(normalized);
  for (const sentence of sentences.reverse()) {
    if (!hasJapanese(sentence)) continue;
    return japaneseManual(sentence.replace(/[。.]$/u, ''), lexicon);
  }
  return false;
}

/**
 * True when the last Japanese sentence of `text` (a paragraph of a guide) asks the reader to do
 * something (grammars/lexicon.yaml `manual.request`: "…インストールしてください"), or when `text`
 * is English (a sentence left untranslated: an imperative at its start is the request, which
 * {@link isManualInstruction}'s English patterns read); then isManualInstruction decides whether
 * it is a step done by hand. Never throws.
 */
export function asksReader(text: string): boolean {
  const lexicon = loadLexicon();
  // English has no request ending: an imperative at the start is the request (isManualInstruction's English patterns).
  if (!hasJapanese(text)) return true;
  const sentences = splitSentences(normalizeSentence(text).replace(TRAILING_BRACKET_NOTE, '').trim()).filter(hasJapanese);
  const last = sentences[sentences.length - 1];
  return last !== undefined && lexicon.manualRequest.test(last.trim());
}

const obtainStems = perLexicon((lexicon) => anyOf(lexicon.file.manual.obtainVerbs.map(stem)));

/**
 * The sentences of `text` (a step's words, which a listing follows) up to a request to get
 * something the commands use (grammars/lexicon.yaml `manual.obtainVerbs` in a `manual.request`
 * sentence, "…という名前のファイルを入手してください"), when such a request comes before the last
 * sentence (which introduces the listing); else null. The tokenizer is loaded only when a
 * sentence holds an obtain verb and a request ending. Never throws.
 */
export async function obtainRequest(text: string): Promise<string | null> {
  const lexicon = loadLexicon();
  const normalized = normalizeSentence(text).trim();
  if (!obtainStems(lexicon).test(normalized)) return null;
  const sentences = splitSentences(normalized);
  for (let i = sentences.length - 2; i >= 0; i--) {
    const sentence = sentences[i]!.trim();
    if (!hasJapanese(sentence) || !lexicon.manualRequest.test(sentence)) continue;
    const predicate = mainPredicate(await tokenize(sentence.replace(/[。.]$/u, '')));
    if (predicate !== null && lexicon.file.manual.obtainVerbs.includes(predicate)) {
      return sentences.slice(0, i + 1).map((s) => s.trim()).join(' ');
    }
  }
  return null;
}
