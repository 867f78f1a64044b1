/**
 * `tejun graph GUIDE [--format mermaid|dot] [--max-label N] [-o FILE] [--dialect NAME]`: draw a
 * guide's step graph (roles as lanes, procedures as boxes, steps in guide order; conditional,
 * manual, optional and forbidden steps marked, with a legend) as Mermaid or Graphviz DOT source.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { listDialects } from '../../index.js';
import { stepsToDot } from '../../generate/steps-to-dot.js';
import { stepsToMermaid } from '../../generate/steps-to-mermaid.js';
import type { CliRun } from '../io.js';
import { readGraph } from '../read-graph.js';
import { writeAtomic } from '../write-atomic.js';

/** The picture languages `tejun graph` writes. */
export const GRAPH_FORMATS = ['mermaid', 'dot'] as const;

interface GraphOptions {
  format: (typeof GRAPH_FORMATS)[number];
  maxLabel: number;
  output?: string;
  dialect?: string;
}

/** `--max-label`: a whole number of characters, at least 1 (else a usage error, exit 2). */
function parseMaxLabel(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new InvalidArgumentError('expected a whole number of characters, at least 1');
  return n;
}

/** Registers the `graph` subcommand. */
export function registerGraph(program: Command, run: CliRun): void {
  program
    .command('graph')
    .description('draw a guide\'s step graph: roles as lanes, procedures in order, conditional and manual steps marked')
    .argument('<guide>', 'guide file (.txt, .md, .html; format and dialect are detected from the content)')
    .addOption(new Option('-f, --format <format>', 'picture language').choices([...GRAPH_FORMATS]).default('mermaid'))
    .option('--max-label <n>', 'longest step text shown, in characters (longer ones end with …)', parseMaxLabel, 40)
    .option('-o, --output <file>', 'write the picture to FILE instead of standard output')
    .addOption(new Option('--dialect <name>', 'force a dialect (a grammar in grammars/)').choices(listDialects()))
    .action(async (guide: string, opts: GraphOptions) => {
      const graph = await readGraph(run, guide, opts.dialect);
      if (!graph) return;
      const draw = opts.format === 'dot' ? stepsToDot : stepsToMermaid;
      const picture = draw(graph, { maxLabel: opts.maxLabel });
      if (opts.output) {
        await writeAtomic(opts.output, picture, 0o644);
        run.io.stdout.write(`${opts.output}\n`);
      } else {
        run.io.stdout.write(picture);
      }
    });
}
