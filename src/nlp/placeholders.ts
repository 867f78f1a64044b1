/**
 * Placeholder definitions: which names a sentence says to replace, and the guide's description
 * of the value (the "…に置き換えます" fragment without the particle and verb).
 *
 * Forms read (sentences from guides/):
 *  - `NAME[ および NAME] は、DESC に置き換えます` (000:16, 000:190, 001:66 "…に置き換えてください")
 *  - `NAME を DESC に|で置き換え[、NAME を DESC に置き換えます]` (003:1064, 003:1170)
 *  - `DESC で NAME を置き換えます` (003:2986, 006:78): DESC is the clause before で
 *  - `NAME: DESC` list items after "以下を置き換えます。" (000:157)
 *  - `ここで NAME は DESC です` (003:1517)
 *  - English `Replace NAME with DESC[ and NAME with DESC].` (003:1590, 003:2210, 003:2302)
 *  - table rows `NAME<TAB or | or 2+ spaces>DESC` (003:859 password table, 003:1698)
 */
import { tokenize, type Token } from './tokenizer/index.js';
import { escapeRegExp, loadLexicon, perLexicon, type Lexicon } from './lexicon.js';
import { normalizeSentence, splitSentences, stripFinalStop, trimFragment } from './text.js';
import { stripTrailingNote } from './trailing-note.js';
import { tableRow } from './table-row.js';

/** One placeholder a sentence defines. */
export interface PlaceholderDefinition {
  /** The name as the guide writes it in commands (`NOVA_PASS`, `nova`, `/path/to/ca.crt`). */
  name: string;
  /** The guide's own description of the value, without the particle and verb. */
  description: string;
}

/** A name a sentence may say to replace: upper or lower case word, camelCase, path or e-mail. */
const NAME = String.raw`(?:[A-Z][A-Z0-9_]*|[a-z][a-z0-9_-]*|[a-z]+(?:[A-Z][a-z0-9]*)+|~?/[\w.@+-]+(?:/[\w.@+-]+)*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|<[\w-]+>)`;
const NAME_RE = new RegExp(`^${NAME}$`, 'u');
/** A name in running text, maybe in backticks. */
const QNAME = '`?' + NAME + '`?';
/** Names joined by および/と/、/and. */
const NAMES_JA = String.raw`${QNAME}(?:\s*(?:および|及び|と|、|,)\s*${QNAME})*`;
const NAMES_EN = String.raw`${QNAME}(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+)${QNAME})*`;
/** Names a table row may start with: upper-case with 2+ characters, or lowerCamelCase. */
const TABLE_NAME = /^(?:[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]|[A-Z][A-Z0-9]+|[a-z]+(?:[A-Z][a-z0-9]*)+)$/u;

/**
 * Where the head noun of an English description ends (`password of the admin user`): a
 * preposition or relative word between white space, the run before it matched from its first
 * character only (linear).
 */
export const ENGLISH_HEAD_END = /(?<!\s)\s+(?:of|for|in|to|that|you|which|used|from)\s+/u;

/**
 * Splits a list of names ("nova および NOVA_PASS") into names, backticks removed. A run of white
 * space before a separator is matched from its first character only (`(?<!\s)`): linear.
 */
export function splitNames(text: string): string[] {
  return text
    .split(/(?<!\s)\s+(?:および|及び|と|、|,)\s*|(?:および|及び|と|、|,)\s*|(?<!\s)\s+and\s+/u)
    .map((n) => n.replace(/`/gu, '').trim())
    .filter((n) => n.length > 0);
}

/** True when every name is a valid placeholder name and none is in the lexicon's notNames. */
function validNames(names: string[], lexicon: Lexicon): boolean {
  return names.length > 0 && names.every((n) => NAME_RE.test(n) && !lexicon.file.placeholders.notNames.includes(n));
}

/** Pairs every name with one description, when the description is not empty. */
function pairs(names: string[], description: string): PlaceholderDefinition[] {
  const d = trimFragment(description);
  return d ? names.map((name) => ({ name, description: d })) : [];
}

/**
 * Table rows `NAME<TAB>DESC`, `NAME | DESC |` or `NAME<2+ spaces>DESC`, one per line of the raw text.
 * Only upper-case names with 2+ characters or lowerCamelCase names count, so a table of
 * lower-case configuration keys (001:153) defines nothing; a row with more than two cells (a
 * command's output table) defines nothing either.
 */
export function tableRowDefinitions(raw: string): PlaceholderDefinition[] {
  const out: PlaceholderDefinition[] = [];
  for (const line of raw.split(/\r?\n/u)) {
    const m = tableRow(line);
    if (!m) continue;
    const name = normalizeSentence(m[0]);
    const description = normalizeSentence(m[1]);
    // A row of a wider table (command output "ID<TAB>Name<TAB>Status", 003:1985) is no definition.
    const moreCells = /\t/u.test(m[1]) || /\S\s*\|\s*\S/u.test(m[1]);
    if (!TABLE_NAME.test(name) || moreCells || /^[-|:\s]*$/u.test(description)) continue;
    out.push(...pairs([name], description));
  }
  return out;
}

/** `NAME: DESC` list items (000:157 "USER: Compute Service が使用するデータベースユーザー名(通常は nova"). */
function listItemDefinition(sentence: string, lexicon: Lexicon): PlaceholderDefinition[] {
  const m = /^`?([A-Z][A-Z0-9_]*)`?\s*[:：]\s*(.+)$/u.exec(sentence);
  if (!m || (m[1] ?? '').length < 2 || !validNames([m[1] ?? ''], lexicon)) return [];
  return pairs([m[1] ?? ''], stripFinalStop(m[2] ?? ''));
}

/** `ここで NAME は DESC です` and English `where NAME is DESC`. */
function hereDefinition(sentence: string, lexicon: Lexicon): PlaceholderDefinition[] {
  for (const re of lexicon.placeholderHere) {
    const m = re.exec(stripFinalStop(sentence));
    const names = splitNames(m?.[1] ?? '');
    if (m && validNames(names, lexicon)) return pairs(names, m[2] ?? '');
  }
  return [];
}

/** The names after "Replace" up to "with" (English form). */
const ENGLISH_HEAD = new RegExp(`^\\s*(${NAMES_EN})\\s+with\\s+`, 'u');
/** Where one English description ends: before "and NAME with", or at the end of the sentence. */
const ENGLISH_NEXT = new RegExp(`\\s+and\\s+(?=${QNAME}\\s+with\\s)|\\s*[.;:]\\s*$|\\.\\s+`, 'u');

/** English `Replace NAME with DESC[ and NAME with DESC]` anywhere in the sentence. */
function englishDefinitions(sentence: string, lexicon: Lexicon): PlaceholderDefinition[] {
  const out: PlaceholderDefinition[] = [];
  const verb = lexicon.placeholderEnglishVerb.exec(sentence);
  if (!verb) return out;
  let rest = sentence.slice((verb.index ?? 0) + verb[0].length);
  const head = ENGLISH_HEAD;
  const next = ENGLISH_NEXT;
  for (;;) {
    const m = head.exec(rest);
    if (!m) break;
    const names = splitNames(m[1] ?? '');
    if (!validNames(names, lexicon)) break;
    rest = rest.slice(m[0].length);
    const stop = next.exec(rest);
    const end = stop ? stop.index : rest.length;
    out.push(...pairs(names, rest.slice(0, end)));
    rest = rest.slice(end).replace(/^\s+and\s+/u, ' ');
  }
  return out;
}

/**
 * Where a description that precedes "で NAME を置き換え" starts: after the last 、 that closes
 * an adverbial clause (the token before it is a case, topic or conjunctive particle, a
 * conjunction or an adverb), so "各コマンドに対して、" is dropped but "nova のように、" is kept.
 */
export function descriptionStart(tokens: Token[], end: number): number {
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.start >= end) break;
    if (t.surface === '。') start = t.end;
    if (t.surface !== '、' && t.surface !== ',') continue;
    const before = tokens[i - 1];
    const closes =
      before !== undefined &&
      ((before.pos === '助詞' && ['格助詞', '係助詞', '接続助詞'].includes(before.posDetail)) ||
        before.pos === '接続詞' ||
        before.pos === '副詞');
    if (closes) start = t.end;
  }
  return start;
}

/** The patterns of forms A, B and C for one lexicon's verbs (see {@link japaneseDefinitions}). */
interface JapanesePatterns {
  /** Form A: NAME[ および NAME] は、DESC に置き換えます. */
  a: RegExp;
  /** Where a sentence splits into form B clauses: after a verb (+て/し) and a comma. */
  clauseSplit: RegExp;
  /** Form B: NAME を DESC に|で置き換え. */
  b: RegExp;
  /** Form C: DESC で NAME を置き換えます. */
  c: RegExp;
}

/** The form A/B/C patterns of each lexicon, compiled once (they were built per sentence). */
const japanesePatterns = perLexicon((lexicon): JapanesePatterns => {
  const verbs = lexicon.file.placeholders.verbs.map(escapeRegExp).join('|');
  return {
    a: new RegExp(`^(?:[\\x20-\\x7e]*\\s)?(${NAMES_JA})\\s*は[、,]?\\s*(.+?)\\s*(?:に|へ|と)\\s*(?:${verbs})`, 'u'),
    clauseSplit: new RegExp(`(?<=(?:${verbs})(?:て|し)?)[、,]\\s*`, 'u'),
    b: new RegExp(`^(${NAMES_JA})\\s*を\\s*(.+)\\s*(?:に|で)\\s*(?:${verbs})`, 'u'),
    c: new RegExp(`^(.+?)\\s*で\\s*(${NAMES_JA})\\s*を\\s*(?:${verbs})`, 'u'),
  };
});

/** Japanese definitions of one sentence (forms A, B and C of the module comment). */
async function japaneseDefinitions(sentence: string, lexicon: Lexicon): Promise<PlaceholderDefinition[]> {
  const patterns = japanesePatterns(lexicon);
  const s = stripFinalStop(sentence);
  // Form A: NAME[ および NAME] は、DESC に置き換えます
  const a = patterns.a.exec(s);
  if (a) {
    const names = splitNames(a[1] ?? '');
    if (validNames(names, lexicon)) return pairs(names, a[2] ?? '');
  }
  // Form B: NAME を DESC に|で置き換え[、NAME を …]
  const out: PlaceholderDefinition[] = [];
  const clauses = s.split(patterns.clauseSplit);
  for (const clause of clauses) {
    const b = patterns.b.exec(clause.trim());
    const names = splitNames(b?.[1] ?? '');
    if (b && validNames(names, lexicon)) out.push(...pairs(names, b[2] ?? ''));
  }
  if (out.length > 0) return out;
  // Form C: DESC で NAME を置き換えます (the description is the clause before で)
  const c = patterns.c.exec(s);
  if (c) {
    const names = splitNames(c[2] ?? '');
    if (!validNames(names, lexicon)) return [];
    const descEnd = (c[1] ?? '').length;
    const tokens = await tokenize(s);
    const start = descriptionStart(tokens, descEnd);
    return pairs(names, s.slice(start, descEnd).replace(lexicon.placeholderDropLeading, ''));
  }
  return [];
}

/**
 * False when {@link placeholderDefinitions} finds nothing in `text` for certain (the lexicon's cheap
 * check fails), synchronously: callers skip the `await` for most texts.
 * @param text raw text from a guide, as placeholderDefinitions takes it.
 */
export function mayDefinePlaceholders(text: string): boolean {
  return loadLexicon().placeholderPrefilter.test(text);
}

/**
 * The placeholders a sentence (or a short paragraph, or table rows) defines.
 *
 * A cheap lexicon pattern is tried first; kuromoji is loaded only for the "DESC で NAME を
 * 置き換えます" form, where the start of the description is decided from tokens.
 * @param text raw text from a guide: Markdown escapes and line breaks are normalised here.
 * @returns one entry per name, in text order, first description kept; [] when none.
 * @throws only when the lexicon is invalid or the dictionary cannot be loaded.
 */
export async function placeholderDefinitions(text: string): Promise<PlaceholderDefinition[]> {
  const lexicon = loadLexicon();
  if (!mayDefinePlaceholders(text)) return [];
  const found: PlaceholderDefinition[] = [];
  if (/\t|\||\S {2,}\S/u.test(text)) found.push(...tableRowDefinitions(text));
  if (found.length === 0) {
    for (const sentence of splitSentences(normalizeSentence(text))) {
      const here = hereDefinition(sentence, lexicon);
      const list = here.length ? here : listItemDefinition(sentence, lexicon);
      if (list.length) {
        found.push(...list);
        continue;
      }
      const english = englishDefinitions(sentence, lexicon);
      found.push(...(english.length ? english : await japaneseDefinitions(sentence, lexicon)));
    }
  }
  const seen = new Set<string>();
  return found.filter((d) => !seen.has(d.name) && seen.add(d.name));
}

/**
 * True when a placeholder holds a secret (a password, secret, token or key).
 *
 * Decided by the name first (an upper-case segment such as `PASS`, `DBPASS`, `SECRET`, `TOKEN`,
 * `KEY`, or a lower-case `password`), then by the head noun of the description (the end of a
 * Japanese one, the start of an English one: "…のパスワード", "the password you chose…"); a
 * description naming a user name and a password together ("ユーザー名とパスワード", 000:190)
 * does not make a lower-case name secret. Paths and e-mail addresses are never secret.
 * @param name the placeholder name. @param description the guide's description, or null.
 */
export function isSecretName(name: string, description: string | null): boolean {
  const { secrets } = loadLexicon().file;
  if (/[/@]/u.test(name)) return false;
  if (/^[A-Z0-9_]+$/u.test(name)) {
    const segments = name.split('_').filter(Boolean);
    if (segments.some((s) => secrets.nameSegments.includes(s))) return true;
    if (segments.some((s) => secrets.nameSuffixes.some((x) => s.endsWith(x)))) return true;
    if (segments.some((s) => secrets.nonSecretSegments.includes(s))) return false;
  } else if (secrets.lowerNames.includes(name.toLowerCase())) {
    return true;
  }
  if (!description) return false;
  const d = stripTrailingNote(description).trim();
  if (loadLexicon().secretPairedHead.test(d)) return false;
  const heads = secrets.descriptionHeads;
  if (heads.some((h) => d.endsWith(h))) return true;
  const englishHead = d.split(ENGLISH_HEAD_END)[0] ?? '';
  return /^[\x20-\x7e]+$/u.test(englishHead) && heads.some((h) => new RegExp(`\\b${h}\\b`, 'iu').test(englishHead));
}
