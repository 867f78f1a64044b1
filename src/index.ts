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
import { extractGraph } from './extract/extract-graph.js';
import type { StepGraph } from './ir/types.js';
import { parseBlocks } from './parse/parse-blocks.js';

export type * from './ir/types.js';
export { SCHEMA_VERSION } from './ir/types.js';
export { generate, TARGETS, type GenerateOptions, type GenerateResult, type OutputFile, type Target } from './generate/index.js';
export { stepsToMermaid, type MermaidOptions } from './generate/steps-to-mermaid.js';
export { stepsToDot, type DotOptions } from './generate/steps-to-dot.js';
export { varsSkeleton, loadVars, varsPermissionWarnings } from './vars/index.js';
export { listDialects, loadGrammar } from './grammar/load-grammar.js';
export { GuideError } from './ingest/guide-error.js';
export { parseBlocks, type ParsedGuide, type ParseBlocksOptions } from './parse/parse-blocks.js';
export { extractGraph } from './extract/extract-graph.js';
export { parseAll, type ParseJob, type ParseOutcome, type ParsePoolOptions } from './pool/parse-pool.js';
export { compileAll, type CompileAllOptions, type CompileOutcome } from './pool/compile-all.js';

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
  return extractGraph(await parseBlocks(path, options));
}
