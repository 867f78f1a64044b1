/**
 * tejun's library API: parse a guide into a step graph, generate runbooks from it, and the vars
 * file helpers. Nothing here prints or exits: diagnostics are data (`graph.messages`).
 *
 * The pipeline, one folder per stage:
 *   ingest/   bytes → text, sha256, format and dialect detection
 *   grammar/  dialect grammars (grammars/*.yaml) loaded and compiled
 *   parse/    Markdown/HTML → mdast → blocks; plain text → blocks (line grammar)
 *   nlp/      Japanese understanding (kuromoji, lazily)
 *   extract/  blocks → procedures, steps, actions, placeholders, literals
 *   generate/ step graph → bash, Ansible, checklist
 *   vars/     site variables: skeleton and loading
 *   cli/      the command line, over this API
 */
import { blocksToSteps } from './extract/blocks-to-steps.js';
import { detectDialect } from './ingest/detect-dialect.js';
import { checkNesting } from './ingest/check-nesting.js';
import { GuideError } from './ingest/guide-error.js';
import { lintGuide } from './ingest/lint-guide.js';
import { readGuide } from './ingest/read-guide.js';
import { SCHEMA_VERSION, type Message, type StepGraph } from './ir/types.js';
import type { Block } from './parse/blocks.js';
import { htmlToMdast, type Replaceable } from './parse/html-to-mdast.js';
import { markdownToMdast } from './parse/markdown-to-mdast.js';
import { mdastToBlocks } from './parse/mdast-to-blocks.js';
import { splitLines } from './parse/normalize.js';
import { textToBlocks } from './parse/text-to-blocks.js';

export type * from './ir/types.js';
export { SCHEMA_VERSION } from './ir/types.js';
export { generate, TARGETS, type GenerateOptions, type GenerateResult, type OutputFile, type Target } from './generate/index.js';
export { stepsToMermaid, type MermaidOptions } from './generate/steps-to-mermaid.js';
export { stepsToDot, type DotOptions } from './generate/steps-to-dot.js';
export { varsSkeleton, loadVars, varsPermissionWarnings } from './vars/index.js';
export { listDialects, loadGrammar } from './grammar/load-grammar.js';
export { GuideError } from './ingest/guide-error.js';

/** Options of {@link parseGuide}. */
export interface ParseOptions {
  /** Dialect name (a grammar in grammars/) that overrides detection. */
  dialect?: string;
  /** The guide's bytes, when already in memory (the path is then only its name). */
  bytes?: Uint8Array;
}

/**
 * Parses one guide into its step graph.
 * @param path the guide's path; kept as given in `graph.source.path`.
 * @returns the graph; problems in the guide are `graph.messages` (vfile-style, with line/column).
 * @throws {GuideError} when the file cannot be read, is empty, binary, undecodable, larger than
 *   16 MiB or nested too deeply (rule id and line in the error); {GrammarError} for an unknown `dialect`.
 */
export async function parseGuide(path: string, options: ParseOptions = {}): Promise<StepGraph> {
  const { file, text, sha256, encoding } = await readGuide(path, options.bytes);
  const { format, grammar } = detectDialect(text, options.dialect);
  const lines = splitLines(text).map((line) => grammar.preprocess.reduce((l, r) => l.replace(r.re, r.replace), line));
  checkNesting(lines, format, path);
  for (const w of lintGuide(lines, format)) file.message(w.reason, { place: { line: w.line, column: w.column }, ruleId: w.ruleId, source: 'tejun' }).fatal = false;
  let blocks: Block[];
  let replaceables: Replaceable[] = [];
  try {
    if (format === 'text') {
      blocks = textToBlocks(lines, grammar);
    } else if (format === 'markdown') {
      blocks = mdastToBlocks(markdownToMdast(lines.join('\n')), lines);
    } else {
      const html = htmlToMdast(text, grammar.drop);
      blocks = mdastToBlocks(html.tree, lines);
      replaceables = html.replaceables;
    }
  } catch (error) {
    // A stack overflow in the Markdown/HTML tree walkers: elements nested thousands deep.
    if (error instanceof RangeError) throw new GuideError('nesting-too-deep', `Unexpected ${format === 'html' ? 'elements' : 'blocks'} nested too deeply to read in ${path} (${error.message}), expected a guide nested at most a few dozen levels`);
    throw error;
  }
  const extracted = await blocksToSteps({ blocks, grammar, format, file, replaceables });
  if (!extracted.procedures.some((p) => p.steps.some((st) => st.actions.length > 0))) {
    file.message(`Unexpected guide with no commands, settings or steps in ${path}, expected at least one procedure to compile`, { place: { line: 1, column: 1 }, ruleId: 'no-actions', source: 'tejun' }).fatal = false;
  }
  const messages: Message[] = file.messages.map((m) => ({
    ruleId: m.ruleId ?? 'tejun',
    severity: m.fatal ? 'error' : m.fatal === false ? 'warning' : 'info',
    reason: m.reason,
    line: m.line ?? 1,
    column: m.column ?? 1,
  }));
  return {
    schemaVersion: SCHEMA_VERSION,
    source: { path, format, dialect: grammar.name, sha256, ...(encoding === 'UTF-8' ? {} : { encoding }) },
    ...extracted,
    messages,
  };
}
