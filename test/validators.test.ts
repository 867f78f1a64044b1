/**
 * The precompiled ajv validators of the shipped grammar, lexicon and project schemas
 * (src/grammar/validators.generated.ts, written by scripts/validators.mjs): the committed file is a
 * fresh generation from grammars/*.schema.json, and its validators give the verdicts and the error
 * lists of validators compiled from the schemas at run time, for valid and broken documents.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import type * as ValidatorsScript from '../scripts/validators.mjs';
import { validateGrammarFile, validateLexiconFile, validateProjectFile } from '../src/grammar/validators.generated.js';
import { ROOT } from './helpers/paths.js';

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };

const schema = (name: string, dir = 'grammars') => JSON.parse(readFileSync(join(ROOT, dir, name), 'utf8')) as object;

/** Both verdicts and error lists, for one document. */
function same(pre: Validate, fresh: Validate, data: unknown, what: string): boolean {
  const ok = pre(data);
  assert.equal(ok, fresh(data), what);
  assert.deepEqual(pre.errors ?? null, fresh.errors ?? null, what);
  return ok;
}

test('the committed validators equal a fresh generation from the schemas (run `npm run validators`)', async () => {
  const script = (await import(pathToFileURL(join(ROOT, 'scripts', 'validators.mjs')).href)) as typeof ValidatorsScript;
  assert.equal(readFileSync(script.VALIDATORS_PATH, 'utf8'), script.generateValidatorsText());
});

test('the precompiled grammar validator judges every grammar, and broken ones, as ajv does', () => {
  const fresh = new Ajv({ allErrors: true }).compile(schema('grammar.schema.json')) as Validate;
  const pre = validateGrammarFile as unknown as Validate;
  // Data files with their own NAME.schema.json (lexicon.yaml, site-variables.yaml) are no grammars.
  const all = readdirSync(join(ROOT, 'grammars'));
  const grammars = all.filter((f) => f.endsWith('.yaml') && !all.includes(f.replace(/\.yaml$/, '.schema.json')));
  assert.ok(grammars.length >= 5);
  for (const f of grammars) {
    const data = parseYaml(readFileSync(join(ROOT, 'grammars', f), 'utf8')) as Record<string, unknown>;
    assert.equal(same(pre, fresh, data, f), true, f);
    assert.equal(same(pre, fresh, { ...data, name: 'Bad Name', format: 'pdf', extra: 1 }, `${f} broken`), false);
  }
});

test('the precompiled lexicon validator judges the lexicon, and broken ones, as ajv does', () => {
  const fresh = new Ajv({ allErrors: true, strict: true }).compile(schema('lexicon.schema.json')) as Validate;
  const pre = validateLexiconFile as unknown as Validate;
  const data = parseYaml(readFileSync(join(ROOT, 'grammars', 'lexicon.yaml'), 'utf8')) as Record<string, unknown>;
  assert.equal(same(pre, fresh, data, 'lexicon'), true);
  const { conditions: _dropped, ...missing } = data;
  assert.equal(same(pre, fresh, missing, 'no conditions'), false);
  assert.equal(same(pre, fresh, { ...data, roles: [{ role: 'controller', nouns: 'x' }], version: 2 }, 'bad roles'), false);
});

test('the precompiled project validator judges the example project, and broken ones, as ajv does (verbose errors included)', () => {
  const fresh = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true }).compile(schema('project.schema.json', 'schema')) as Validate;
  const pre = validateProjectFile as unknown as Validate;
  const data = parseYaml(readFileSync(join(ROOT, 'examples', 'project', 'tejun.yaml'), 'utf8')) as Record<string, unknown>;
  assert.equal(same(pre, fresh, data, 'examples/project'), true);
  assert.equal(same(pre, fresh, { ...data, targets: ['pdf'], sites: 3, extra: true }, 'broken'), false);
  assert.equal(same(pre, fresh, [], 'not a mapping'), false);
});
