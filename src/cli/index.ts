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
  2  usage or internal error

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
    io.stderr.write(`tejun: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.usage;
  }
  return run.code;
}
