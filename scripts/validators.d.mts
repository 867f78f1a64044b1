/** Types of scripts/validators.mjs, for the tests that import it. */
/** Repository root. */
export declare const ROOT: string;
/** Absolute path of src/grammar/validators.generated.ts. */
export declare const VALIDATORS_PATH: string;
/** The precompiled validators' source, as `npm run validators` writes it. */
export declare function generateValidatorsText(): string;
