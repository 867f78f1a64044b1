/**
 * Patterns rewritten to run in linear time (issue 14) give the same matches as the patterns they
 * replace, on a table of written cases and on short strings built from the characters each
 * pattern names. Nothing is timed here: the timing is `npm run fuzz -- --timing-only`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alternativeWhen } from '../src/extract/alternative-block.js';
import { HEREDOC } from '../src/extract/read-bare-block.js';
import { EMAIL } from '../src/extract/literals.js';
import { WORD_SECTION } from '../src/extract/section-mentions.js';
import { TRAILING_BRACKET_NOTE, stripTrailingNote } from '../src/nlp/trailing-note.js';
import { ENGLISH_HEAD_END, splitNames } from '../src/nlp/placeholders.js';
import { returnsClause } from '../src/nlp/returns-clause.js';
import { tableRow } from '../src/nlp/table-row.js';
import { listDialects, loadGrammar } from '../src/grammar/load-grammar.js';
import type { Lexicon } from '../src/nlp/lexicon.js';

/** Pieces guide text is made of around these patterns. */
const PIECES = [' ', '  ', '\t', '|', ' | ', '\r', '\t\t', '\n', '　', 'a', 'Z', 'ab', '_', '-', '.', ';', '<<', '<<-', 'EOF', "'", '"', '@', '`', '、', '。',
  'が', 'は', 'を返すか', 'セクション', ' section', 'section', '(', '（', ')', '）', '漢', 'かな', 'および', 'と', ',', ' and ', ' of ',
  'for', '\\', '¥', '←', '@example.com', '@example.org', 'リンクのコピーリンクがクリップボードにコピーされました', '!', '1.', '•', '#', '$', 'mysql>'];

/** `count` strings of up to `maxPieces` pieces, from a fixed seed (the same strings every run). */
function samples(count: number, maxPieces: number): string[] {
  let seed = 20261207;
  const rand = (k: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % k;
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = rand(maxPieces + 1);
    let s = '';
    for (let k = 0; k < n; k++) s += PIECES[rand(PIECES.length)];
    out.push(s);
  }
  return out;
}

const INPUTS = [
  '', 'a', '   ', 'cat <<EOF', "cat > /etc/x <<  'EOF'  ", 'cat <<-"END"', 'x << EOF y', 'cat  \t <<EOF',
  'admin@example.com', 'mail: ops-team.lead@example.org.', 'a@example.com-b@example.net', '1-x@example.com',
  '[DEFAULT] セクション', 'keystone_authtoken  セクション', 'the  database   section', '--config セクション', '1-abc セクション', '[a-b セクション',
  '設定する（任意）', 'set it (optional)  ', 'a (b) (c)', 'a（漢字）x', 'nova および NOVA_PASS', 'a と 、b', 'x , y and z', 'a  and  b',
  'password of the admin user', 'a   of   b', 'が `0` を返すか確認する', 'コマンドが 0 を返すか', 'は abc `を返すか', 'がががを返すか', 'が、を返すか',
  'SELECT 1 ;  ', 'SELECT 1;', 'a ; ;  ', 'no semicolon  ', 'ls \\', 'ls   ¥  ', 'value = 1   ← 追記', '[x]（以下を追記）  ',
  'テキストリンクのコピーリンクがクリップボードにコピーされました!', '  1. item', '  # yum install x', '\tmysql> select',
  ...samples(6000, 8),
];

/** Every match of a global pattern: index and groups. */
const all = (re: RegExp, s: string): string[] => [...s.matchAll(re)].map((m) => `${m.index}:${JSON.stringify([...m])}`);
/** The first match: index and groups, or null. */
const first = (re: RegExp, s: string): string | null => {
  const m = re.exec(s);
  return m ? `${m.index}:${JSON.stringify([...m])}` : null;
};

test('the here-document opener finds the same opener and terminator', () => {
  const old = /\s*<<-?\s*(['"]?)([A-Za-z_]\w*)\1\s*$/u;
  for (const s of INPUTS) assert.equal(first(HEREDOC, s), first(old, s), JSON.stringify(s));
});

test('example e-mail addresses are the same (local parts up to 64 characters)', () => {
  const old = /(?<![\w.])([\w.-]+@example\.(?:com|org|net))\b/g;
  for (const s of INPUTS) assert.deepEqual(all(EMAIL, s), all(old, s), JSON.stringify(s));
  const long = `${'a'.repeat(64)}@example.com`;
  assert.deepEqual(all(EMAIL, long), all(old, long));
});

test('a word before セクション / section is the same word', () => {
  const old = /(?<![\w[])([A-Za-z_][\w.-]*)\s*(?:セクション|\s+section\b)/gu;
  for (const s of INPUTS) assert.deepEqual(all(WORD_SECTION, s), all(old, s), JSON.stringify(s));
});

test('a trailing bracketed note is cut the same way', () => {
  const old = /\s*[(（][^()（）]*[)）]\s*$/u;
  for (const s of INPUTS) {
    assert.equal(first(TRAILING_BRACKET_NOTE, s), first(old, s), JSON.stringify(s));
    assert.equal(stripTrailingNote(s), s.replace(old, ''));
  }
});

test('lists of names and English description heads split at the same places', () => {
  const oldNames = /\s*(?:および|及び|と|、|,)\s*|\s+and\s+/u;
  const oldHead = /\s+(?:of|for|in|to|that|you|which|used|from)\s+/u;
  for (const s of INPUTS) {
    const names = s.split(oldNames).map((n) => n.replace(/`/gu, '').trim()).filter((n) => n.length > 0);
    assert.deepEqual(splitNames(s), names, JSON.stringify(s));
    assert.deepEqual(s.split(ENGLISH_HEAD_END), s.split(oldHead), JSON.stringify(s));
  }
});

test('the returned thing of a check sentence is the one the old pattern read', () => {
  const old = /(?:が|は)\s*`?([^`、。\s][^`、。]*?)`?\s*を返すか/u;
  for (const s of INPUTS) {
    const m = old.exec(s);
    assert.equal(returnsClause(s), m ? m[1]! : null, JSON.stringify(s));
  }
  assert.equal(returnsClause('コマンドが `0` を返すか確認する'), '0');
});

test('a placeholder table row gives the same name and description cells', () => {
  const old = /^\s*\|?\s*`?([^\s|`]+)`?(?:\t+|\s*\|\s*|\s{2,})(.+?)\s*\|?\s*$/u;
  const rows = ['NOVA_PASS\tnova のパスワード', '| `ADMIN_PASS` | admin のパスワード |', 'HOST   controller  ', 'A\t\t', 'A  ', 'A   |', 'A | | b |',
    '  | A\t\t b \r c', 'A\u2028  b', 'A \t| x', 'A``  b', ...samples(6000, 6).map((s) => s.replace(/\n/gu, '\t')), ...INPUTS.flatMap((s) => s.split(/\r?\n/u))];
  for (const s of rows) {
    const m = old.exec(s);
    assert.deepEqual(tableRow(s), m ? [m[1]!, m[2]!] : null, JSON.stringify(s));
  }
});

test('a statement’s final semicolon is left out as before', () => {
  const lexicon = { file: { scopes: { alternativeWhen: '{marker}|{run}' } } } as unknown as Lexicon;
  for (const s of INPUTS) assert.equal(alternativeWhen('m', s, lexicon), 'm|{run}'.replace('{run}', s.replace(/\s*;\s*$/u, '')), JSON.stringify(s));
});

test('grammar patterns made linear match as their old forms', () => {
  const generic = loadGrammar('generic');
  const scraped = loadGrammar('redhat-scraped');
  const pairs: Array<[RegExp, RegExp]> = [
    [generic.continuation, /\s*[\\¥]\s*$/u],
    [generic.codeNotes.trailing[0]!, /\s*←.*$/u],
    [generic.codeNotes.trailing[1]!, /\s*（[^（）]*[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}][^（）]*）\s*$/u],
  ];
  for (const s of INPUTS) {
    for (const [now, old] of pairs) assert.equal(first(now, s), first(old, s), `${now.source} on ${JSON.stringify(s)}`);
    const noise = scraped.noise[0]!.re;
    assert.deepEqual(all(noise, s), all(/\s*リンクのコピーリンクがクリップボードにコピーされました!?/gu, s), JSON.stringify(s));
  }
});

test('detect patterns count the same matches on one line without the m flag', () => {
  const text = loadGrammar('redhat-text');
  for (const d of text.detect) {
    const old = new RegExp(d.re.source, 'gmu');
    for (const raw of INPUTS) {
      for (const line of raw.split(/\r\n|\r|\n/)) assert.equal(all(d.re, line).length, all(old, line).length, `${d.re.source} on ${JSON.stringify(line)}`);
    }
  }
});

test('no grammar pattern starts with an unguarded run of white space', () => {
  // `\s*X` unanchored restarts at every character of a long white space run (quadratic); a grammar
  // pattern starts such a run with `(?<!\s)` (or is anchored with `^`).
  const bad: string[] = [];
  const walk = (v: unknown, where: string, depth: number): void => {
    if (v instanceof RegExp) {
      if (/^\\s[*+]/u.test(v.source)) bad.push(`${where}: /${v.source}/`);
    } else if (v && typeof v === 'object' && depth < 8) for (const [k, x] of Object.entries(v)) walk(x, `${where}.${k}`, depth + 1);
  };
  for (const name of ['generic', ...listDialects()]) walk(loadGrammar(name), name, 0);
  assert.deepEqual(bad, []);
  walk({ p: /\s*x$/u }, 'probe', 0);
  assert.equal(bad.length, 1, 'the check finds a leading \\s*');
});
