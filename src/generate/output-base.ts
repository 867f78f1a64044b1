/**
 * The base name of a guide's output files, shared by the generators.
 */
import type { StepGraph } from '../ir/types.js';

/**
 * `base` for output file names: the guide file name without directory and extension
 * (`guides/000_309adc3628346781.txt` → `000_309adc3628346781`).
 */
export function outputBase(graph: StepGraph): string {
  const file = graph.source.path.split(/[\\/]/).pop() ?? graph.source.path;
  const dot = file.lastIndexOf('.');
  return dot > 0 ? file.slice(0, dot) : file || 'runbook';
}
