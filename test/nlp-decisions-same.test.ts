/**
 * The second extraction round (bench/PROFILE.md) changed how some decisions of src/nlp reach their
 * verdict, never the verdict: `normalizeSentence` skips text that is already normal and keeps
 * recent results, `findRoleMentions` looks aliases up by first character, `conditionOf` widens
 * its window one trigger piece at a time, `optionalWord` (in `modalityOf`) tokenizes only through
 * its word, and the patterns of `japaneseDefinitions` (in `placeholderDefinitions`), of
 * `isManualInstruction` and of `optionalWord` are compiled once. Each is held here to its code
 * before the change (test/helpers/before/, verbatim) on every text of every guide: every line,
 * every text block (folded and raw), heading and list item, every sentence of them, and the
 * instruction text the extractor asks `conditionOf` about.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseBlocks } from '../src/index.js';
import { conditionOf, isManualInstruction, loadLexicon, modalityOf, placeholderDefinitions, roleOf, findRoleMentions } from '../src/nlp/japanese.js';
import { isWhiteSpace, normalizeSentence, splitSentences } from '../src/nlp/text.js';
import * as before from './helpers/before/index.js';
import { listGuides } from './helpers/paths.js';

/** Every text of every guide the decisions may be asked about (see the module comment). */
async function texts(): Promise<string[]> {
  const out = new Set<string>();
  const add = (text: string | undefined) => {
    if (text === undefined || text.trim() === '') return;
    out.add(text);
    for (const sentence of splitSentences(before.normalizeSentence(text))) out.add(sentence);
  };
  for (const path of listGuides()) {
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      add(line);
      // As the bench corpus varies its copies (bench/corpus.mjs): a mark before every 、 and 。.
      if (/[、。]/u.test(line)) add(line.replace(/(?=[、。])/gu, ' vqab'));
    }
    const { blocks } = await parseBlocks(path);
    for (const b of blocks) {
      if (b.type !== 'text' && b.type !== 'heading') continue;
      add(b.text);
      if (b.type === 'text') {
        add(b.raw);
        // As blocksToSteps asks conditionOf: the sentences that describe no placeholder.
        add(b.text.split(/(?<=。)/u).filter((x) => !/置き換え|置換|\bReplace\b/u.test(x)).join(''));
      }
    }
  }
  // Texts the normalisation must leave alone or change (escapes, odd white space, brackets).
  for (const odd of ['a\\_b', ' lead', 'trail ', 'a  b', 'a\tb', '( a )', '（ a ）', 'a\u3000b', 'a\u00a0b', '', ' ', 'ＡΣ Ω']) out.add(odd);
  return [...out];
}

const all = await texts();

test('isWhiteSpace is /\\s/u on every UTF-16 code unit', () => {
  for (let code = 0; code < 0x10000; code++) assert.equal(isWhiteSpace(code), /\s/u.test(String.fromCharCode(code)), code.toString(16));
});

test('normalizeSentence and findRoleMentions: the same as before on every text of the guides', () => {
  const lexicon = loadLexicon();
  let changed = 0;
  let mentions = 0;
  for (const text of all) {
    const expected = before.normalizeSentence(text);
    assert.equal(normalizeSentence(text), expected, text);
    assert.equal(normalizeSentence(text), expected, `${text} (again, from the cache)`);
    if (expected !== text) changed++;
    const found = before.findRoleMentions(text, lexicon);
    assert.deepEqual(findRoleMentions(text, lexicon), found, text);
    mentions += found.length;
  }
  assert.ok(all.length > 9_000 && changed > 1_000 && mentions > 1_000, `${all.length} texts, ${changed} normalised, ${mentions} mentions`);
});

test('conditionOf, modalityOf, roleOf: the same verdicts as before on every text of the guides', async () => {
  let conditions = 0;
  let optional = 0;
  let roles = 0;
  for (const text of all) {
    const condition = await before.conditionOf(text);
    assert.equal(await conditionOf(text), condition, text);
    if (condition) conditions++;
    const modality = await before.modalityOf(text);
    assert.deepEqual(await modalityOf(text), modality, text);
    if (modality.optional) optional++;
    const role = await before.roleOf(text);
    assert.equal(await roleOf(text), role, text);
    if (role) roles++;
  }
  assert.ok(conditions > 100 && optional > 10 && roles > 300, `${conditions} conditions, ${optional} optional, ${roles} roles`);
});

test('placeholderDefinitions, isManualInstruction: the same verdicts as before on every text of the guides', async () => {
  let definitions = 0;
  let manual = 0;
  for (const text of all) {
    const expected = await before.placeholderDefinitions(text);
    assert.deepEqual(await placeholderDefinitions(text), expected, text);
    definitions += expected.length;
    const isManual = await before.isManualInstruction(text);
    assert.equal(await isManualInstruction(text), isManual, text);
    if (isManual) manual++;
  }
  assert.ok(definitions > 100 && manual > 20, `${definitions} definitions, ${manual} manual`);
});
