/**
 * The command line: a thin commander layer over the library API, one file per subcommand in
 * commands/. `main` returns the exit code instead of exiting, so it can be tested in-process.
 */
import { Command, CommanderError } from 'commander';
import { EXIT, type CliIo, type CliRun } from './io.js';

/** A subcommand's registration, loaded on demand so a run loads only the modules it uses. */
type Register = (program: Command, run: CliRun) => void;

/** The subcommands in help order, each with a loader of its module. */
const SUBCOMMANDS: ReadonlyArray<readonly [string, () => Promise<Register>]> = [
  ['parse', async () => (await import('./commands/parse.js')).registerParse],
  ['compile', async () => (await import('./commands/compile.js')).registerCompile],
  ['vars', async () => (await import('./commands/vars.js')).registerVars],
  ['build', async () => (await import('./commands/build.js')).registerBuild],
  ['init', async () => (await import('./commands/init.js')).registerInit],
  ['diff', async () => (await import('./commands/diff.js')).registerDiff],
  ['graph', async () => (await import('./commands/graph.js')).registerGraph],
];

const EXIT_HELP = `
Exit codes:
  0  ok
  1  problems in the input (unreadable guide, unbound placeholder, invalid site variables)
  2  usage error (unknown option, command or dialect, missing argument)
  3  internal error, a bug in tejun (TEJUN_DEBUG=1 prints its stack trace)

Diagnostics go to standard error as  guide:line:col  severity  message  rule-id`;

/**
 * Runs the CLI.
 * @param argv process.argv-style arguments (node, script, …).
 * @returns the exit code (0 ok, 1 input problems, 2 usage error, 3 internal error).
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
  // Only the subcommand named on the command line is loaded (the diff, build and graph modules
  // cost a cold `compile` ~0.1 s); all of them for help, a version query or an unknown name.
  const named = SUBCOMMANDS.filter(([name]) => name === argv[2]);
  for (const [, load] of named.length ? named : SUBCOMMANDS) (await load())(program, run);
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
 * anything else an internal error (exit 3). The stack trace is printed only when the environment
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
  return system ? EXIT.input : EXIT.internal;
}
