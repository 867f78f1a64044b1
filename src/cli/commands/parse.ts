/** `tejun parse GUIDE [--json] [--dialect NAME]`: print a guide's step graph. */
import { Option, type Command } from 'commander';
import { listDialects } from '../../index.js';
import type { CliRun } from '../io.js';
import { readGraph } from '../read-graph.js';

/** Registers the `parse` subcommand. */
export function registerParse(program: Command, run: CliRun): void {
  program
    .command('parse')
    .description('read a guide and print its step graph (procedures, steps, actions, placeholders)')
    .argument('<guide>', 'guide file (.txt, .md, .html; format and dialect are detected from the content)')
    .option('--json', 'print the step graph as JSON (see schema/step-graph.schema.json)')
    .addOption(new Option('--dialect <name>', 'force a dialect (a grammar in grammars/)').choices(listDialects()))
    .action(async (guide: string, opts: { json?: boolean; dialect?: string }) => {
      const graph = await readGraph(run, guide, opts.dialect);
      if (!graph) return;
      if (opts.json) {
        run.io.stdout.write(`${JSON.stringify(graph, null, 2)}\n`);
        return;
      }
      const lines = [`${graph.title}  (${graph.source.format}, ${graph.source.dialect})`];
      for (const p of graph.procedures) {
        lines.push(`\n${p.title}  [${p.role ?? '-'}]  ${guide}:${p.source.line}`);
        for (const s of p.steps) {
          for (const a of s.actions) {
            const what = a.kind === 'ini' ? `${a.file} [${a.section}] ${a.key} = ${a.value}` : a.kind === 'file' ? `${a.file} += ${a.content.split('\n')[0]}` : a.kind === 'manual' ? a.text : a.run;
            lines.push(`  ${String(a.source.line).padStart(5)}  ${a.kind.padEnd(7)} ${what}${a.when ? `   (条件: ${a.when})` : ''}`);
          }
        }
      }
      lines.push('', `placeholders: ${graph.placeholders.map((p) => p.name).join(', ') || '-'}`);
      if (graph.missing.length) lines.push(`missing: ${graph.missing.length} (see warnings)`);
      run.io.stdout.write(`${lines.join('\n')}\n`);
    });
}
