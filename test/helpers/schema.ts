/**
 * The committed step-graph JSON Schema, compiled with ajv, for validating graphs in tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { ROOT } from './paths.js';

/** Absolute path of schema/step-graph.schema.json. */
export const SCHEMA_FILE = join(ROOT, 'schema', 'step-graph.schema.json');

let validator: ValidateFunction | undefined;

/**
 * An ajv validator (all errors, strict mode) for the committed schema, compiled once.
 * Throws when the schema file is missing or not a valid schema.
 */
export function stepGraphValidator(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    validator = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
  }
  return validator;
}

/**
 * Validates `value` against the step-graph schema. Returns the ajv errors as one line each
 * (`/procedures/0/steps/1/actions/0 must have required property 'run'`), empty when valid.
 */
export function schemaErrors(value: unknown): string[] {
  const validate = stepGraphValidator();
  if (validate(value)) return [];
  return (validate.errors ?? []).map(formatError);
}

function formatError(e: ErrorObject): string {
  const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params['additionalProperty'])})` : '';
  return `${e.instancePath || '/'} ${e.message ?? e.keyword}${extra}`;
}
