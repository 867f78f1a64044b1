/**
 * The freshly generated step-graph schema (scripts/schema.mjs), remembered between runs of the
 * quick tier (./test-cache.ts): generating it builds a TypeScript program (about 3 CPU-seconds),
 * and its text depends only on src/ir/types.ts (which imports nothing), the script, the tsconfig
 * it reads and the installed generator and TypeScript.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as SchemaScript from '../../scripts/schema.mjs';
import { ROOT } from './paths.js';
import { inputsKey, remembered } from './test-cache.js';

/** The schema text a fresh `generateSchemaText()` gives. Throws what the generator throws. */
export async function freshSchemaText(): Promise<string> {
  const key = inputsKey(['src/ir/types.ts', 'scripts/schema.mjs', 'tsconfig.json'], ['ts-json-schema-generator', 'typescript']);
  return remembered('step-graph-schema', key, async () => {
    const script = (await import(pathToFileURL(join(ROOT, 'scripts', 'schema.mjs')).href)) as typeof SchemaScript;
    return script.generateSchemaText();
  });
}
