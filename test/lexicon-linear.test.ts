/**
 * Lexicon patterns (grammars/lexicon.yaml) rewritten to run in linear time (issue 14): the
 * placeholder prefilter and the "X 1.2 only" condition give the same answers as the patterns they
 * replace on short strings built from the pieces guide text is made of; the prose setting change
 * finds the same key and value in the sentences guides write, and no longer starts a key inside a
 * word. Nothing is timed here: the timing is `npm run fuzz -- --timing-only` (family
 * grammars/lexicon).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLexicon } from '../src/nlp/lexicon.js';
import { proseSettings } from '../src/extract/prose-settings.js';

/** Pieces guide text is made of around these patterns. */
const PIECES = [' ', '  ', '\t', '\n', '\r\n', '\n\n', '　', '\u2028', 'a', 'Z', 'ADMIN_PASS', 'A1', '_', '-', '.', ':', '：', '•', '* ', '- ',
  '1', '14.04', ' only', 'only', 'Ubuntu', ' ', '|', '置き換え', 'ここで', 'where', 'x  y', '=', "'", 'を', 'に', '変更', 'key', 'k.e-y'];

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

const INPUTS = ['', 'ADMIN_PASS: x', '  - ADMIN_PASS: x', '\n\n  NOVA_DBPASS：y', 'This works on Ubuntu 14.04 only.', 'a b c 1 only', ...samples(8000, 7)];

/** The first match: index and groups, or null. */
const first = (re: RegExp, s: string): string | null => {
  const m = re.exec(s);
  return m ? `${m.index}:${JSON.stringify([...m])}` : null;
};

test('the placeholder prefilter accepts the same sentences', () => {
  const old = /置き換え|置きかえ|置換|差し替え|[Rr]eplace|ここで|\bwhere\b|\t|\||\S {2,}\S|^\s*(?:[-•*]\s*)?[A-Z][A-Z0-9_]*\s*[:：]/mu;
  const now = loadLexicon().placeholderPrefilter;
  for (const s of INPUTS) assert.equal(now.test(s), old.test(s), JSON.stringify(s));
});

test('the "… 1.2 only" condition is the same when the words around the digit are short', () => {
  const old = /\b([A-Za-z][\w. ]*\d[\w.]* only)\b/u;
  const now = loadLexicon().conditionEnglish.find((re) => re.source.includes(' only)'));
  assert.ok(now, 'the lexicon has the "only" condition');
  for (const s of INPUTS) assert.equal(first(now, s), first(old, s), JSON.stringify(s));
});

test('a setting changed in prose: the same key and value in the sentences guides write', () => {
  const lexicon = loadLexicon();
  assert.deepEqual(proseSettings("'linstor_controller_diskless = True' を 'linstor_controller_diskless = False' に変更してください。", lexicon), [
    { key: 'linstor_controller_diskless', value: 'False' },
  ]);
  assert.deepEqual(proseSettings('「a.b-c = 1」を「a.b-c = 2」に設定します', lexicon), [{ key: 'a.b-c', value: '2' }]);
  assert.deepEqual(proseSettings('debug=false を debug=true に書き換えます', lexicon), [{ key: 'debug', value: 'true' }]);
});

test('a setting changed in prose: the key starts a word and the values stop at = / を / に', () => {
  const lexicon = loadLexicon();
  assert.deepEqual(proseSettings('xkey = 1 を key = 2 に変更', lexicon), [], 'a key is not taken from inside a word');
  assert.deepEqual(proseSettings('a = b=c を a = d に変更', lexicon), [], 'an old value holding = is not a setting change');
  const run = 'a=を'.repeat(2000);
  assert.deepEqual(proseSettings(run, lexicon), [], 'no change in a run without に');
});
