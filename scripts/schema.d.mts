/** Types of scripts/schema.mjs, for the TypeScript tests that import it. */

/** Repository root, absolute. */
export declare const ROOT: string;
/** Absolute path of schema/step-graph.schema.json. */
export declare const SCHEMA_PATH: string;
/** `$id` written into the schema. */
export declare const SCHEMA_ID: string;
/** The StepGraph JSON Schema (draft-07) generated from src/ir/types.ts. */
export declare function generateSchema(): Record<string, unknown>;
/** The schema as the committed file's text (2-space JSON, final newline). */
export declare function generateSchemaText(): string;
