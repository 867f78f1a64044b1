#!/usr/bin/env node
/**
 * Generates the step-graph JSON Schema from the TypeScript IR (src/ir/types.ts), so the types stay
 * the single source of truth.
 *
 * Usage: `node scripts/schema.mjs` (via `npm run schema`) writes schema/step-graph.schema.json;
 * `node scripts/schema.mjs --stdout` prints it instead. test/schema.test.ts imports
 * {@link generateSchemaText} and checks the committed file equals a fresh generation.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

/** Repository root (the parent of scripts/). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the committed schema lives, absolute. */
export const SCHEMA_PATH = path.join(ROOT, 'schema', 'step-graph.schema.json');

/** `$id` written into the schema. */
export const SCHEMA_ID = 'https://tejun.invalid/schema/step-graph.schema.json';

/**
 * Generates the JSON Schema (draft-07) of `StepGraph` from src/ir/types.ts.
 * Returns the schema as a plain object. Throws whatever ts-json-schema-generator throws when the
 * types do not compile or use a construct it cannot express.
 * @returns {object}
 */
export function generateSchema() {
  const generator = createGenerator({
    path: path.join(ROOT, 'src', 'ir', 'types.ts'),
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    type: 'StepGraph',
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    sortProps: true,
    additionalProperties: false,
    skipTypeCheck: true,
    schemaId: SCHEMA_ID,
  });
  return generator.createSchema('StepGraph');
}

/**
 * The schema as the committed file's text: pretty-printed with two spaces and a final newline.
 * @returns {string}
 */
export function generateSchemaText() {
  return `${JSON.stringify(generateSchema(), null, 2)}\n`;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const text = generateSchemaText();
  if (process.argv.includes('--stdout')) process.stdout.write(text);
  else {
    fs.mkdirSync(path.dirname(SCHEMA_PATH), { recursive: true });
    fs.writeFileSync(SCHEMA_PATH, text);
    console.log(`wrote ${path.relative(process.cwd(), SCHEMA_PATH)}`);
  }
}
