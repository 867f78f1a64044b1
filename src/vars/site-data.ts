/**
 * The site-value vocabulary files (grammars/site/NAME.yaml), each validated against its JSON
 * schema (grammars/site/NAME.schema.json) with ajv when first read, then cached for the process.
 * They live in a subfolder so that grammars/*.yaml stays the list of dialects.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { GRAMMAR_DIR } from '../grammar/load-grammar.js';

/** Folder of the site-value vocabulary. */
export const SITE_DATA_DIR = join(GRAMMAR_DIR, 'site');

const cache = new Map<string, unknown>();

/**
 * grammars/site/NAME.yaml as parsed, once valid against NAME.schema.json.
 * @throws {Error} naming the file and the first schema violations when the data is invalid
 *   (a broken shipped file is a programming error, caught by test/site-data.test.ts).
 */
export function loadSiteData<T>(name: string, dir = SITE_DATA_DIR): T {
  const key = join(dir, name);
  if (cache.has(key)) return cache.get(key) as T;
  const file = join(dir, `${name}.yaml`);
  const data: unknown = parseYaml(readFileSync(file, 'utf8'));
  const schema = JSON.parse(readFileSync(join(dir, `${name}.schema.json`), 'utf8')) as object;
  // validateSchema: false as vars/load.ts (the meta-schema check costs ~100 ms per process).
  const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false, validateSchema: false }).compile(schema);
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
    throw new Error(`${file}: ${problems}`);
  }
  cache.set(key, data);
  return data as T;
}
