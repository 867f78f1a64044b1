/**
 * Japanese understanding for the extractor: one entry point for every question src/nlp answers
 * about a sentence from a guide. Each function first runs a cheap pattern check from the shared
 * lexicon (grammars/lexicon.yaml) and loads kuromoji only when a decision needs tokens.
 *
 * - {@link placeholderDefinitions}: names a sentence says to replace and their descriptions.
 * - {@link isSecretName}: whether a placeholder holds a password, secret, token or key.
 * - {@link roleOf}: the host role a sentence or title assigns.
 * - {@link introRoleOf}: the role a paragraph before a procedure gives its steps.
 * - {@link conditionOf}: the guide's condition in its own words.
 * - {@link hostScopeRoleOf}: the role a scope condition ("…をホストする各システムで") names.
 * - {@link modalityOf}: optional / forbidden marks.
 * - {@link expectationOf}: what a check should return.
 * - {@link isManualInstruction}: whether a step is done by hand.
 * - {@link insertAnchorOf}: the line a sentence says added lines go before.
 */
export { placeholderDefinitions, mayDefinePlaceholders, isSecretName, tableRowDefinitions, type PlaceholderDefinition } from './placeholders.js';
export { roleOf, roleWithoutTokens, englishRole, findRoleMentions, type RoleMention } from './roles.js';
export { introRoleOf, introRoleWithoutTokens } from './intro-role.js';
export { conditionOf, conditionWithoutTokens } from './conditions.js';
export { hostScopeRoleOf } from './host-scope.js';
export { modalityOf, modalityWithoutTokens, type Modality } from './modality.js';
export { expectationOf } from './expectation.js';
export { asksReader, isManualInstruction, obtainRequest } from './manual.js';
export { insertAnchorOf, type InsertAnchor } from './insert-position.js';
export { isTokenizerLoaded, tokenize, type Token } from './tokenizer/index.js';
export { loadLexicon, type Lexicon } from './lexicon.js';
