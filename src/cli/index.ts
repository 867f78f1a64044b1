/**
 * The command line: a thin commander layer over the library API, one file per subcommand in
 * commands/. `main` returns the exit code instead of exiting, so it can be tested in-process.
 */
import { Command, CommanderError } from 'commander';
import { registerBuild } from './commands/build.js';
import { registerCompile } from './commands/compile.js';
import { registerDiff } from './commands/diff.js';
import { registerGraph } from './commands/graph.js';
import { registerInit } from './commands/init.js';
import { registerParse } from './commands/parse.js';
import { registerVars } from './commands/vars.js';
import { EXIT, type CliIo, type CliRun } from './io.js';

const EXIT_HELP = `
Exit codes:
  0  ok
  1  problems in the input (unreadable guide, unbound placeholder, invalid site variables)
  2  usage or internal error (TEJUN_DEBUG=1 prints its stack trace)

Diagnostics go to standard error as  guide:line:col  severity  message  rule-id`;

/**
 * Runs the CLI.
 * @param argv process.argv-style arguments (node, script, …).
 * @returns the exit code (0 ok, 1 input problems, 2 usage or internal error).
 */
export async function main(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const run: CliRun = { io, code: EXIT.ok };
  const program = new Command('tejun')
    .description('tejun (手順): compile Japanese installation guides into runbooks')
    .version('0.1.0')
    .addHelpText('after', EXIT_HELP)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError();
  registerParse(program, run);
  registerCompile(program, run);
  registerVars(program, run);
  registerBuild(program, run);
  registerInit(program, run);
  registerDiff(program, run);
  registerGraph(program, run);
  for (const c of program.commands) c.exitOverride().addHelpText('after', EXIT_HELP);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return reportFailure(io, error);
  }
  return run.code;
}

/**
 * Reports an error no subcommand handled, on one line: a system error (`ENOTDIR`, `EACCES`,
 * `ENOSPC` reading or writing a file) is a problem with the input or the machine (exit 1),
 * anything else an internal error (exit 2). The stack trace is printed only when the environment
 * variable `TEJUN_DEBUG` is set to a non-empty value other than `0`.
 */
function reportFailure(io: CliIo, error: unknown): number {
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (e as NodeJS.ErrnoException).code;
  const system = typeof code === 'string' && /^E[A-Z]+$/.test(code);
  const debug = process.env['TEJUN_DEBUG'] !== undefined && !['', '0'].includes(process.env['TEJUN_DEBUG']);
  const what = system ? 'error' : 'internal error';
  const hint = debug || system ? '' : ' (run with TEJUN_DEBUG=1 for the stack trace)';
  io.stderr.write(`tejun: ${what}: ${e.message.replace(/\s+/g, ' ')}${hint}\n`);
  if (debug && e.stack) io.stderr.write(`${e.stack}\n`);
  return system ? EXIT.input : EXIT.usage;
}
