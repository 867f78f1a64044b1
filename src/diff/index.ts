/**
 * `tejun diff`: what an operator has to do differently between two versions of a guide. One pass
 * per file: action-keys (what an action means), align-procedures, align-steps, classify-changes
 * (the {@link GraphDiff}), and the renderers diff-to-text, diff-to-markdown, diff-to-html (JSON is
 * the GraphDiff itself).
 */
export { diffGraphs } from './classify-changes.js';
export { diffToText, type TextOptions } from './diff-to-text.js';
export { diffToMarkdown } from './diff-to-markdown.js';
export { diffToHtml, escapeHtml, type HtmlOptions } from './diff-to-html.js';
export * from './types.js';
