/** `tejun vars GUIDE… [-o FILE]`: write a YAML skeleton of every placeholder the guides use. */
import { Option, type Command } from 'commander';
import { parseGuide, varsSkeleton, listDialects } from '../../index.js';
import type { StepGraph } from '../../ir/types.js';
import { EXIT, raise, type CliRun } from '../io.js';
import { formatMessage } from '../report.js';
import { writeAtomic } from '../write-atomic.js';

/** Registers the `vars` subcommand. */
export function registerVars(program: Command, run: CliRun): void {
  program
    .command('vars')
    .description('write a site variables skeleton: every placeholder, its description from the guide, secrets marked')
    .argument('<guides...>', 'guide files')
    .option('-o, --output <file>', 'write to FILE instead of standard output')
    .addOption(new Option('--dialect <name>', 'force a dialect (a grammar in grammars/)').choices(listDialects()))
    .action(async (guides: string[], opts: { output?: string; dialect?: string }) => {
      const graphs: StepGraph[] = [];
      for (const guide of guides) {
        try {
          const graph = await parseGuide(guide, { dialect: opts.dialect });
          for (const m of graph.messages) run.io.stderr.write(`${formatMessage(guide, m)}\n`);
          graphs.push(graph);
        } catch (error) {
          run.io.stderr.write(`${guide}:1:1  error  ${(error as Error).message}  read-guide\n`);
          raise(run, EXIT.input);
        }
      }
      const yaml = varsSkeleton(graphs);
      if (opts.output) await writeAtomic(opts.output, yaml, 0o600);
      else run.io.stdout.write(yaml);
    });
}
