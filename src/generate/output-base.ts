/** The base name of a guide's output files. */
import type { StepGraph } from '../ir/types.js';
import { safeFileName } from './escape/paths.js';

/**
 * `base` for output file names: the guide file name without directory and extension
 * (`guides/000_309adc3628346781.txt` → `000_309adc3628346781`), made safe for a path by
 * escape/paths.ts's safeFileName (no `/`, `..`, blank, line break, `{{` or `$`). Never throws.
 */
export function outputBase(graph: StepGraph): string {
  const file = graph.source.path.split(/[\\/]/).pop() ?? graph.source.path;
  const dot = file.lastIndexOf('.');
  return safeFileName(dot > 0 ? file.slice(0, dot) : file);
}
