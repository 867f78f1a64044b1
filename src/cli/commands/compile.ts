/**
 * `tejun compile GUIDE… --target bash|ansible|checklist|all [--vars F] [--allow-unbound] [--jobs N] -o DIR`:
 * parse each guide and write its runbooks under DIR/<target>/. A batch of guides is parsed and its
 * runbooks generated on N−1 worker threads while this thread extracts (src/pool/compile-all.ts);
 * outcomes come back in the guides' order, so the output and the diagnostics are the same for
 * every N.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { compileAll, extractGraph, loadVars, TARGETS, type Target, listDialects, varsPermissionWarnings } from '../../index.js';
import { EXIT, raise, type CliRun } from '../io.js';
import { jobsOption } from '../jobs-option.js';
import { readGraph } from '../read-graph.js';
import { formatMessage, hasErrors } from '../report.js';
import { writeAtomic } from '../write-atomic.js';
import { distinctBases, renameOutput } from '../../build/output-names.js';

interface CompileOptions {
  target: Target | 'all';
  vars?: string;
  allowUnbound?: boolean;
  showSecrets?: boolean;
  output: string;
  dialect?: string;
  jobs: number;
}

/** Registers the `compile` subcommand. */
export function registerCompile(program: Command, run: CliRun): void {
  program
    .command('compile')
    .description('compile guides into runbooks: executable bash, an Ansible playbook, a Markdown checklist')
    .argument('<guides...>', 'guide files')
    .addOption(new Option('-t, --target <target>', 'what to write').choices([...TARGETS, 'all']).default('all'))
    .option('--vars <file>', 'site variables (YAML: placeholder name → value), see `tejun vars`')
    .option('--allow-unbound', 'leave unbound placeholders to be supplied at run time instead of failing')
    .option('--show-secrets', 'checklist: show bound secrets instead of ********')
    .option('-o, --output <dir>', 'output directory (written as DIR/<target>/…)', 'out')
    .addOption(new Option('--dialect <name>', 'force a dialect (a grammar in grammars/)').choices(listDialects()))
    .addOption(jobsOption())
    .action(async (guides: string[], opts: CompileOptions) => {
      let vars: Record<string, string> = {};
      let varsFile: { path: string; lines: Record<string, number> } | undefined;
      if (opts.vars) {
        let text: string;
        try {
          text = await readFile(opts.vars, 'utf8');
        } catch (error) {
          run.io.stderr.write(`${opts.vars}:1:1  error  cannot read site variables: ${(error as Error).message}  read-vars\n`);
          raise(run, EXIT.input);
          return;
        }
        const loaded = loadVars(text, opts.vars);
        for (const m of loaded.messages) run.io.stderr.write(`${formatMessage(opts.vars, m)}\n`);
        if (hasErrors(loaded.messages)) {
          raise(run, EXIT.input);
          return;
        }
        vars = loaded.vars;
        varsFile = { path: opts.vars, lines: loaded.lines };
        const mode = (await stat(opts.vars)).mode;
        for (const m of varsPermissionWarnings(opts.vars, mode, vars)) run.io.stderr.write(`${formatMessage(opts.vars, m)}\n`);
      }
      const targets: readonly Target[] = opts.target === 'all' ? TARGETS : [opts.target];
      const options = { vars, allowUnbound: opts.allowUnbound, showSecrets: opts.showSecrets, varsFile };
      const jobs = guides.map((path) => ({ path, dialect: opts.dialect }));
      // Guides whose file names give the same output base get distinct ones (src/build/output-names.ts).
      const renames = distinctBases(guides);
      for await (const outcome of compileAll(jobs, { extract: extractGraph, targets, options, jobs: opts.jobs })) {
        const guide = outcome.job.path;
        const graph = await readGraph(run, guide, opts.dialect, async () => {
          if (outcome.error !== undefined) throw outcome.error;
          return outcome.graph;
        });
        if (!graph || !outcome.results) continue;
        for (const [k, target] of targets.entries()) {
          const result = outcome.results[k]!;
          for (const m of result.messages) run.io.stderr.write(`${formatMessage(guide, m)}\n`);
          if (hasErrors(result.messages)) {
            raise(run, EXIT.input);
            continue;
          }
          for (const f of result.files) {
            const path = join(opts.output, target, ...renameOutput(f.path, renames.get(guide)).split('/'));
            await writeAtomic(path, f.content, f.mode);
            run.io.stdout.write(`${path}\n`);
          }
        }
      }
    });
}

