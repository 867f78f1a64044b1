/**
 * Runs the tejun command line in-process for the tests, capturing both streams.
 */
import { main } from '../../src/cli/index.js';

/** What a run printed and its exit code (0 ok, 1 input problems, 2 usage error, 3 internal error). */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `tejun ARGS…` through `main` (no child process).
 * @param options.tty present standard output as a terminal (`isTTY`), for colour tests.
 */
export async function runTejun(args: string[], options: { tty?: boolean } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false }, stderr: { write: (s: string) => (stderr += s) } };
  const code = await main(['node', 'tejun', ...args], io);
  return { code, stdout, stderr };
}

/** `tejun ARGS…` in-process: {@link runTejun} with the arguments spread. */
export function tejun(...args: string[]): Promise<CliResult> {
  return runTejun(args);
}
