/**
 * The one way every subcommand reads a guide: parse it, print its diagnostics, raise the exit code
 * on problems, and hand back the graph (or null when the guide could not be read).
 */
import { GuideError, parseGuide } from '../index.js';
import type { StepGraph } from '../ir/types.js';
import { EXIT, raise, type CliRun } from './io.js';
import { formatMessage, hasErrors } from './report.js';

/**
 * Parses `guide` for a subcommand.
 * @param parse how to get the graph (default `parseGuide(guide, { dialect })`; `compile` passes
 *   the extraction of a guide its worker pool parsed); whatever it throws is reported as below.
 * @returns the step graph, or null when the guide cannot be read or decoded (reported as
 *   `guide:line:col  error  …  rule-id`, exit code 1; see GuideError for the rule ids).
 * @throws whatever is not a {@link GuideError} (a bug: reported by `main` as an internal error).
 */
export async function readGraph(
  run: CliRun,
  guide: string,
  dialect: string | undefined,
  parse: () => Promise<StepGraph> = () => parseGuide(guide, { dialect }),
): Promise<StepGraph | null> {
  let graph: StepGraph;
  try {
    graph = await parse();
  } catch (error) {
    if (!(error instanceof GuideError)) throw error;
    run.io.stderr.write(`${guide}:${error.line}:${error.column}  error  ${error.message}  ${error.ruleId}\n`);
    raise(run, EXIT.input);
    return null;
  }
  for (const m of graph.messages) run.io.stderr.write(`${formatMessage(guide, m)}\n`);
  if (hasErrors(graph.messages)) raise(run, EXIT.input);
  return graph;
}
