/** Bash runbook generator (work in progress). */
import type { StepGraph } from '../ir/types.js';
import type { GenerateOptions, GenerateResult } from './index.js';

/** Generates the bash runbook for `graph` (stub: returns no files yet). */
export function stepsToBash(_graph: StepGraph, _options: GenerateOptions): GenerateResult {
  return { files: [], messages: [] };
}
