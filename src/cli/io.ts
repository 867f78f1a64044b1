/** The streams a CLI run writes to (injectable for tests). */
export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

/** Exit codes: 0 ok, 1 problems in the input, 2 usage error, 3 internal error (a bug in tejun). */
export const EXIT = { ok: 0, input: 1, usage: 2, internal: 3 } as const;

/** Mutable state of one run: the exit code the subcommands raise. */
export interface CliRun {
  io: CliIo;
  code: number;
}

/** Raises the run's exit code to at least `code`. */
export function raise(run: CliRun, code: number): void {
  run.code = Math.max(run.code, code);
}
