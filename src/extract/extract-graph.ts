/**
 * The language half of parsing a guide: the block stream of a {@link ParsedGuide} → the step graph.
 * Runs where the kuromoji dictionary lives (the main thread); loads it only when a Japanese
 * decision needs it.
 */
import { VFile } from 'vfile';
import { loadGrammar } from '../grammar/load-grammar.js';
import { messagesOf } from '../ir/messages.js';
import { SCHEMA_VERSION, type Message, type StepGraph } from '../ir/types.js';
import type { ParsedGuide } from '../parse/parse-blocks.js';
import { blocksToSteps } from './blocks-to-steps.js';
import { markCommandTypos } from './command-typos.js';

/**
 * Extracts the step graph from a parsed guide.
 * @returns the graph; problems in the guide are `graph.messages` (vfile-style, with line/column).
 * @throws {GrammarError} when `parsed.dialect` names no grammar.
 */
export async function extractGraph(parsed: ParsedGuide): Promise<StepGraph> {
  const { path, format, dialect, sha256, encoding, blocks, replaceables } = parsed;
  const grammar = loadGrammar(dialect);
  const file = new VFile({ path });
  const extracted = await blocksToSteps({ blocks, grammar, format, file, replaceables });
  markCommandTypos(extracted.procedures, grammar.bare.commands, file);
  if (!extracted.procedures.some((p) => p.steps.some((st) => st.actions.length > 0))) {
    file.message(`Unexpected guide with no commands, settings or steps in ${path}, expected at least one procedure to compile`, { place: { line: 1, column: 1 }, ruleId: 'no-actions', source: 'tejun' }).fatal = false;
  }
  const messages: Message[] = [...parsed.messages, ...messagesOf(file)];
  return {
    schemaVersion: SCHEMA_VERSION,
    source: { path, format, dialect: grammar.name, sha256, ...(encoding === 'UTF-8' ? {} : { encoding }) },
    ...extracted,
    messages,
  };
}
