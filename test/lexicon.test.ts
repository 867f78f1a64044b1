/**
 * Invariants of grammars/lexicon.yaml: it conforms to its schema, every pattern compiles, no
 * alias names two roles, every marker is non-empty, and a broken lexicon is rejected with a
 * located message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import {
  aliasKey,
  compileLexicon,
  LEXICON_PATH,
  LEXICON_SCHEMA_PATH,
  LexiconError,
  loadLexicon,
  parseLexicon,
  validateLexicon,
  type LexiconFile,
} from '../src/nlp/lexicon.js';

const yamlText = readFileSync(LEXICON_PATH, 'utf8');
const schema = JSON.parse(readFileSync(LEXICON_SCHEMA_PATH, 'utf8')) as object;
const raw = (): LexiconFile => parseYaml(yamlText) as LexiconFile;

test('the lexicon validates against its schema and loads once', () => {
  assert.doesNotThrow(() => validateLexicon(raw(), schema));
  assert.equal(loadLexicon(), loadLexicon());
});

test('every pattern in the lexicon compiles with the u flag', () => {
  const file = raw();
  const patterns = [
    file.conditions.prefilter,
    ...file.conditions.englishPatterns,
    ...file.optional.englishPatterns,
    ...file.forbidden.patterns,
    ...file.forbidden.englishPatterns,
    file.placeholders.prefilter,
    file.placeholders.dropLeading,
    ...file.placeholders.herePatterns,
    file.placeholders.englishVerb,
    file.secrets.pairedHead,
    file.expectations.prefilter,
    file.expectations.dropLeading,
    file.expectations.instructionEnding,
    ...file.expectations.englishPatterns,
    file.manual.notManual,
    ...file.manual.englishPatterns,
    file.manual.englishNotManual,
    file.manual.englishLeadingCondition,
    ...file.settingChanges.patterns,
  ];
  assert.ok(patterns.length > 20);
  for (const p of patterns) assert.doesNotThrow(() => new RegExp(p, 'u'), p);
  assert.doesNotThrow(() => compileLexicon(file));
});

test('no role alias maps to two roles', () => {
  const seen = new Map<string, string>();
  for (const entry of raw().roles) {
    for (const alias of [...entry.nouns, ...entry.hosts]) {
      const key = aliasKey(alias);
      const other = seen.get(key);
      assert.ok(other === undefined || other === entry.role, `${alias} is both ${other} and ${entry.role}`);
      seen.set(key, entry.role);
    }
  }
  const english = new Map<string, string>();
  for (const entry of raw().roles) {
    for (const alias of entry.english) {
      const other = english.get(alias.toLowerCase());
      assert.ok(other === undefined || other === entry.role, `${alias} is both ${other} and ${entry.role}`);
      english.set(alias.toLowerCase(), entry.role);
    }
  }
});

test('every marker and alias is non-empty and roles are unique', () => {
  const file = raw();
  const lists: string[][] = [
    ...file.roles.flatMap((r) => [r.nouns, r.hosts, r.english]),
    file.coordinators,
    file.locationParticles,
    file.workNouns,
    file.conditions.markers,
    file.optional.bracketed,
    file.optional.words,
    file.placeholders.verbs,
    file.secrets.nameSegments,
    file.secrets.descriptionHeads,
    file.manual.verbs,
    file.expectations.verbs,
  ];
  for (const list of lists) for (const item of list) assert.ok(item.trim().length > 0, JSON.stringify(list));
  const roles = file.roles.map((r) => r.role);
  assert.equal(new Set(roles).size, roles.length);
  assert.ok(roles.includes(file.allRole));
  for (const role of ['controller', 'compute', 'network', 'db']) assert.ok(roles.includes(role), role);
});

test('a lexicon with a missing key or a wrong type is rejected with the path of the problem', () => {
  const missing = raw() as unknown as Record<string, unknown>;
  delete missing.conditions;
  assert.throws(() => validateLexicon(missing, schema), (e: unknown) => e instanceof LexiconError && /conditions/.test(e.message));
  const wrong = raw() as unknown as { roles: Array<{ nouns: unknown }> };
  (wrong.roles[0] as { nouns: unknown }).nouns = 'コントローラー';
  assert.throws(() => validateLexicon(wrong, schema), (e: unknown) => e instanceof LexiconError && /\/roles\/0\/nouns/.test(e.message));
});

test('a pattern that does not compile is reported with where it is', () => {
  const bad = yamlText.replace(/^(\s*prefilter: )'置き換え/mu, "$1'(置き換え");
  assert.notEqual(bad, yamlText);
  assert.throws(() => parseLexicon(bad, schema), (e: unknown) => e instanceof LexiconError && /placeholders\.prefilter/.test(e.message));
  assert.throws(() => parseLexicon('roles: [', schema), LexiconError);
});

test('perLexicon builds once per lexicon object; anyOf matches its words literally', async () => {
  const { anyOf, perLexicon, loadLexicon, parseLexicon } = await import('../src/nlp/lexicon.js');
  const { readFileSync } = await import('node:fs');
  const { LEXICON_PATH } = await import('../src/nlp/lexicon.js');
  let builds = 0;
  const roleCount = perLexicon((lexicon) => {
    builds++;
    return lexicon.roleAliases.length;
  });
  const a = loadLexicon();
  const b = parseLexicon(readFileSync(LEXICON_PATH, 'utf8'));
  assert.equal(roleCount(a), a.roleAliases.length);
  assert.equal(roleCount(a), a.roleAliases.length);
  assert.equal(builds, 1, 'the same lexicon: built once');
  roleCount(b);
  assert.equal(builds, 2, 'another lexicon object: built again');
  const re = anyOf(['a.b', '(x)', '場合']);
  assert.ok(re.test('a.b') && re.test('(x)') && re.test('この場合は'));
  assert.ok(!re.test('axb') && !re.test('x'), 'metacharacters are literal');
});

test('every setting-change pattern names the key and the new value', () => {
  for (const p of raw().settingChanges.patterns) {
    assert.match(p, /\(\?<key>/u, p);
    assert.match(p, /\(\?<value>/u, p);
  }
});
