/** `tejun vars GUIDE… [-o FILE]`: write a YAML skeleton of every placeholder the guides use. */
import { Option, type Command } from 'commander';
import { varsSkeleton, listDialects } from '../../index.js';
import type { StepGraph } from '../../ir/types.js';
import type { CliRun } from '../io.js';
import { readGraph } from '../read-graph.js';
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
        const graph = await readGraph(run, guide, opts.dialect);
        if (graph) graphs.push(graph);
      }
      const yaml = varsSkeleton(graphs);
      if (opts.output) await writeAtomic(opts.output, yaml, 0o600);
      else run.io.stdout.write(yaml);
    });
}
