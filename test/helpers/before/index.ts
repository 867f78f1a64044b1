/**
 * The decisions of src/nlp as they were before the second extraction round (see the files of this
 * folder): the reference test/nlp-decisions-same.test.ts compares the current ones with.
 */
export { normalizeSentence } from './text.js';
export { conditionOf } from './conditions.js';
export { modalityOf } from './modality.js';
export { roleOf, findRoleMentions } from './roles.js';
export { placeholderDefinitions } from './placeholders.js';
export { isManualInstruction } from './manual.js';
