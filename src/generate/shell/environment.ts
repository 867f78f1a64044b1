/**
 * Which guide commands set up the environment of later commands (`source F`, `. F`,
 * `export A=B`, `cd D`, `A=B`), for both generators: the bash runbook runs them again for a step
 * it skips because an earlier run recorded it as done, so the steps after it run with the same
 * credentials and directory; the playbook carries them to its later shell tasks (modules.ts).
 */
import { isAssignment } from './assignment.js';

/** Command words that change the running shell for the commands after them. */
const ENVIRONMENT_WORDS = new Set(['source', '.', 'export', 'cd']);

/** True when `run` (a command action's normalised text) changes the environment of later commands (a lone `NAME=VALUE` too). Pure. */
export function setsEnvironment(run: string): boolean {
  return ENVIRONMENT_WORDS.has(run.trim().split(/\s+/)[0] ?? '') || isAssignment(run);
}
