/**
 * A command a list item tells the operator to run again, written inline instead of in a listing:
 * "compute01 にて `egrep -c '(vmx|svm)' /proc/cpuinfo` が`1以上`を返すかリトライ" (002:606), after
 * the guide showed that command in a listing. The inline code span is the whole command line of an
 * earlier command action, so the item is that command again (as the same user, a check again if
 * it was one). Inline code that is not a command the guide gave (a value, a file name, a command
 * mentioned before the listing that gives it) is left to the prose.
 */
import type { CommandAction } from '../ir/types.js';
import { normalizeRun } from '../parse/normalize.js';

/**
 * The earlier command that one of an item's inline code spans repeats, or null.
 * @param code the item's inline code spans (TextBlock.code), in order.
 * @param earlier the command actions read so far, in guide order.
 * @returns the latest earlier command whose normalised `run` equals a span's normalised text
 *   (a span of one word is never a command line: `nova`, `egrep`).
 */
export function repeatedCommand(code: readonly string[], earlier: readonly CommandAction[]): CommandAction | null {
  for (const span of code) {
    const run = normalizeRun(span.trim());
    if (!/\s/u.test(run)) continue;
    for (let i = earlier.length - 1; i >= 0; i--) if (earlier[i]!.run === run) return earlier[i]!;
  }
  return null;
}
