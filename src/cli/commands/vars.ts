/**
 * `tejun vars GUIDE… [-o FILE]`: write a YAML skeleton of every placeholder the guides use.
 * `tejun vars [GUIDE…] --generate-secrets FILE`: fill every secret of the site file FILE that has
 * no value with a strong random one (vars/generate-secrets.ts), mode 0600, never overwriting.
 */
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { varsSkeleton, listDialects } from '../../index.js';
import { withPromptedSecrets } from '../../generate/shell/interactive-secrets.js';
import type { StepGraph } from '../../ir/types.js';
import { decodeVars } from '../../vars/decode-vars.js';
import { fillSecrets } from '../../vars/generate-secrets.js';
import { siteVariables } from '../../vars/site-variables.js';
import { EXIT, raise, type CliRun } from '../io.js';
import { readGraph } from '../read-graph.js';
import { formatMessage } from '../report.js';
import { writeAtomic } from '../write-atomic.js';

/** Registers the `vars` subcommand. */
export function registerVars(program: Command, run: CliRun): void {
  program
    .command('vars')
    .description('write a site variables skeleton: every placeholder, its description from the guide, secrets marked; or fill the secrets of a site file')
    .argument('[guides...]', 'guide files')
    .option('-o, --output <file>', 'write to FILE instead of standard output')
    .option('--generate-secrets <file>', 'fill every secret of the site file FILE that has no value with a random one (mode 0600; values present are kept)')
    .addOption(new Option('--dialect <name>', 'force a dialect (a grammar in grammars/)').choices(listDialects()))
    .action(async (guides: string[], opts: { output?: string; dialect?: string; generateSecrets?: string }) => {
      if (guides.length === 0 && !opts.generateSecrets) {
        run.io.stderr.write('error: missing required argument \'guides\' (or --generate-secrets FILE)\n');
        raise(run, EXIT.usage);
        return;
      }
      const graphs: StepGraph[] = [];
      for (const guide of guides) {
        const graph = await readGraph(run, guide, opts.dialect);
        // The secrets commands ask for at a terminal are site variables too.
        if (graph) graphs.push(withPromptedSecrets(graph).graph);
      }
      if (opts.generateSecrets) {
        await generateSecrets(run, opts.generateSecrets, graphs, guides.length > 0);
        return;
      }
      const yaml = varsSkeleton(graphs);
      if (opts.output) await writeAtomic(opts.output, yaml, 0o600);
      else run.io.stdout.write(yaml);
    });
}

/**
 * Fills the secrets of site file `file`: read (UTF-8, see vars/decode-vars.ts; a missing file
 * starts from the skeleton of `graphs`), filled, written back atomically with mode 0600. Reports
 * the names filled on stderr, never a value.
 */
async function generateSecrets(run: CliRun, file: string, graphs: StepGraph[], withGuides: boolean): Promise<void> {
  let text: string;
  try {
    const decoded = decodeVars(await readFile(file), file);
    if (decoded.message) {
      run.io.stderr.write(`${formatMessage(file, decoded.message)}\n`);
      raise(run, EXIT.input);
      return;
    }
    text = decoded.text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !withGuides) {
      run.io.stderr.write(`${file}:1:1  error  cannot read site variables: ${(error as Error).message}  read-vars\n`);
      raise(run, EXIT.input);
      return;
    }
    text = varsSkeleton(graphs);
  }
  const result = fillSecrets(text, file, siteVariables(graphs));
  for (const m of result.messages) run.io.stderr.write(`${formatMessage(file, m)}\n`);
  if (result.messages.length > 0) {
    raise(run, EXIT.input);
    return;
  }
  await writeAtomic(file, result.text, 0o600);
  run.io.stderr.write(
    result.filled.length
      ? `${file}: generated ${result.filled.length} secret${result.filled.length > 1 ? 's' : ''}: ${result.filled.join(', ')}\n`
      : `${file}: no secret without a value\n`,
  );
}
