/**
 * `tejun build [-C DIR | -p FILE] [--check] [-q] [--jobs N]`: build every guide × target × site of a
 * project file (tejun.yaml) into <output>/<site>/<target>/, incrementally (see src/build/).
 *
 * Standard output: the files written (with --check: stale or missing) and removed, one per line.
 * Standard error: diagnostics, progress (a bar on a TTY, one line per guide and job otherwise)
 * and the counts. Exit 0 ok (--check: outputs fresh), 1 input problems (--check: stale), 2 usage.
 */
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { PROJECT_FILE, runBuild, type ProgressEvent } from '../../build/index.js';
import { EXIT, raise, type CliRun } from '../io.js';
import { jobsOption } from '../jobs-option.js';
import { formatMessage } from '../report.js';

interface BuildCliOptions {
  directory?: string;
  project?: string;
  check?: boolean;
  quiet?: boolean;
  jobs: number;
}

/** Width of the progress bar in cells. */
const BAR_WIDTH = 30;

/**
 * One frame of the progress bar: `[#########.............]  12/35  parsed guides/x.txt`,
 * `done` of `total` cells filled, the label cut to `columns` characters in all.
 */
export function renderBar(event: ProgressEvent, columns = 100): string {
  const filled = event.total === 0 ? BAR_WIDTH : Math.round((event.done / event.total) * BAR_WIDTH);
  const line = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${event.done}/${event.total}  ${event.status} ${event.path}`;
  return line.length > columns ? `${line.slice(0, columns - 1)}…` : line;
}

/** Registers the `build` subcommand. */
export function registerBuild(program: Command, run: CliRun): void {
  program
    .command('build')
    .description('build every guide × target × site of a project file (tejun.yaml) into <output>/<site>/<target>/, incrementally')
    .option('-C, --directory <dir>', `project folder (reads DIR/${PROJECT_FILE})`)
    .option('-p, --project <file>', `project file (default ./${PROJECT_FILE})`)
    .option('--check', 'write nothing; exit 1 when an output is stale or missing (for CI)')
    .option('-q, --quiet', 'no progress, no counts')
    .addOption(jobsOption())
    .action(async (opts: BuildCliOptions) => {
      const projectFile = opts.project ?? join(opts.directory ?? '.', PROJECT_FILE);
      const stderr = run.io.stderr as { write(s: string): unknown; isTTY?: boolean; columns?: number };
      const tty = stderr.isTTY === true;
      let drawn = false;
      const onProgress = opts.quiet
        ? undefined
        : (e: ProgressEvent) => {
            if (tty) {
              stderr.write(`\r\x1b[2K${renderBar(e, stderr.columns ?? 100)}`);
              drawn = true;
            } else {
              stderr.write(`${e.status} ${e.path}\n`);
            }
          };
      const result = await runBuild({ projectFile, check: opts.check, onProgress, jobs: opts.jobs });
      if (drawn) stderr.write('\r\x1b[2K');
      const shown = (file: string) => relative(process.cwd(), resolve(result.root, file)) || file;
      for (const m of result.messages) stderr.write(`${formatMessage(shown(m.file), m)}\n`);
      for (const f of result.changed) run.io.stdout.write(`${shown(f)}\n`);
      if (!result.ok) {
        stderr.write('tejun build: failed, no output written\n');
        raise(run, EXIT.input);
        return;
      }
      const s = result.stats;
      if (!opts.quiet) {
        const verb = opts.check ? 'stale or missing' : 'written';
        stderr.write(
          `tejun build${opts.check ? ' --check' : ''}: guides ${s.parsed} parsed, ${s.cached} cached; ` +
            `files ${s.written} ${verb}, ${s.unchanged} unchanged, ${s.removed} ${opts.check ? 'to remove' : 'removed'}\n`,
        );
      }
      if (opts.check && result.changed.length > 0) raise(run, EXIT.input);
    });
}
