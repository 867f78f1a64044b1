/**
 * The freshly generated step-graph schema (scripts/schema.mjs), remembered between runs of the
 * quick tier: generating it builds a TypeScript program (about 3 CPU-seconds), and its text
 * depends only on what the key below hashes. Under TEJUN_TEST_FULL=1 it is always generated.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as SchemaScript from '../../scripts/schema.mjs';
import { FULL } from './depth.js';
import { ROOT } from './paths.js';

/** The files and package versions the generated schema depends on. */
const INPUTS = ['src/ir/types.ts', 'scripts/schema.mjs', 'tsconfig.json'];
const PACKAGES = ['ts-json-schema-generator', 'typescript'];

/**
 * sha256 over the inputs of the generation: src/ir/types.ts (which imports nothing), the script,
 * the tsconfig it reads, and the installed versions of the generator and of TypeScript.
 */
export function schemaInputsKey(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS) hash.update(`${file}\0`).update(readFileSync(join(ROOT, file))).update('\0');
  for (const name of PACKAGES) {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
    hash.update(`${name}@${version}\0`);
  }
  return hash.digest('hex');
}

/**
 * The schema text a fresh `generateSchemaText()` gives: read from dist/test-cache/ when generated
 * before from the same inputs ({@link schemaInputsKey}), else generated and written there.
 * Throws what the generator throws.
 */
export async function freshSchemaText(): Promise<string> {
  const cached = join(ROOT, 'dist', 'test-cache', `step-graph.schema.${schemaInputsKey()}.json`);
  if (!FULL && existsSync(cached)) return readFileSync(cached, 'utf8');
  const script = (await import(pathToFileURL(join(ROOT, 'scripts', 'schema.mjs')).href)) as typeof SchemaScript;
  const text = script.generateSchemaText();
  mkdirSync(join(ROOT, 'dist', 'test-cache'), { recursive: true });
  writeFileSync(cached, text);
  return text;
}
