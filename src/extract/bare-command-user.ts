/**
 * Who types a command a guide shows without a prompt. Without `#` or `$` the block does not say;
 * a command that raises its own privileges (`sudo apt update`, the grammar's `elevate`) is typed
 * by an ordinary user, and the commands beside it without `sudo` (`systemctl start …`) are root's,
 * as a guide that mixes both means.
 */
import type { Grammar } from '../grammar/load-grammar.js';

/**
 * The account of a command shown without prompt.
 * @param run the command as typed (prompt-less, trimmed). @param g the dialect grammar.
 * @returns `user` when `run` matches the grammar's `elevate` pattern, else `root`.
 */
export function bareCommandUser(run: string, g: Grammar): 'root' | 'user' {
  return g.elevate?.test(run) ? 'user' : 'root';
}
