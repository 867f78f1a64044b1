/**
 * The one way every subcommand reads a guide: parse it, print its diagnostics, raise the exit code
 * on problems, and hand back the graph (or null when the guide could not be read).
 */
import { parseGuide } from '../index.js';
import type { StepGraph } from '../ir/types.js';
import { EXIT, raise, type CliRun } from './io.js';
import { formatMessage, hasErrors } from './report.js';

/**
 * Parses `guide` for a subcommand.
 * @param parse how to get the graph (default `parseGuide(guide, { dialect })`; `compile` passes
 *   the extraction of a guide its worker pool parsed); whatever it throws is reported as below.
 * @returns the step graph, or null when the guide cannot be read or decoded (reported as
 *   `guide:1:1  error  …  read-guide`, exit code 1).
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
    run.io.stderr.write(`${guide}:1:1  error  ${(error as Error).message}  read-guide\n`);
    raise(run, EXIT.input);
    return null;
  }
  for (const m of graph.messages) run.io.stderr.write(`${formatMessage(guide, m)}\n`);
  if (hasErrors(graph.messages)) raise(run, EXIT.input);
  return graph;
}
