/**
 * `tejun diff OLD NEW [--format text|markdown|json|html] [-o FILE]`: what an operator has to do
 * differently between two versions of a guide. OLD and NEW are guides or step-graph JSON (as
 * `tejun parse --json` prints it; told apart by content, checked against the schema). Exit codes
 * as diff(1): 0 equal, 1 different, 2 error (unreadable input, usage).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { Option, type Command } from 'commander';
import { diffGraphs, diffToHtml, diffToMarkdown, diffToText } from '../../diff/index.js';
import { stepsToMermaid } from '../../generate/steps-to-mermaid.js';
import { PACKAGE_ROOT } from '../../grammar/load-grammar.js';
import { listDialects } from '../../index.js';
import type { StepGraph } from '../../ir/types.js';
import { EXIT, raise, type CliIo, type CliRun } from '../io.js';
import { readGraph } from '../read-graph.js';
import { writeAtomic } from '../write-atomic.js';

/** Exit codes of `tejun diff`, as diff(1). */
export const DIFF_EXIT = { equal: 0, different: 1, error: 2 } as const;

const FORMATS = ['text', 'markdown', 'json', 'html'] as const;

let validateGraph: ((x: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null } = null!;

/** Reads a step-graph JSON document, checked against schema/step-graph.schema.json; throws with the first schema error. */
async function readGraphJson(path: string, text: string): Promise<StepGraph> {
  if (!validateGraph) {
    const schema = JSON.parse(await readFile(join(PACKAGE_ROOT, 'schema', 'step-graph.schema.json'), 'utf8')) as object;
    validateGraph = new Ajv({ allErrors: false, strict: false }).compile(schema);
  }
  const doc = JSON.parse(text) as unknown;
  if (!validateGraph(doc)) {
    const err = validateGraph.errors?.[0];
    throw new Error(`Unexpected step graph ${err?.instancePath || '/'} ${err?.message ?? ''}, expected a document of schema/step-graph.schema.json`);
  }
  const g = doc as StepGraph;
  // The path as given on this command line, so reports point at the file the operator named.
  return { ...g, source: { ...g.source, path: g.source.path || path } };
}

/** Reads OLD or NEW: step-graph JSON when the content is a JSON object, else a guide. Null on error (reported). */
async function readInput(run: CliRun, path: string, dialect: string | undefined, diagnostics: boolean): Promise<StepGraph | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    run.io.stderr.write(`${path}:1:1  error  ${(error as Error).message}  read-guide\n`);
    return null;
  }
  if (text.trimStart().startsWith('{')) {
    try {
      return await readGraphJson(path, text);
    } catch (error) {
      run.io.stderr.write(`${path}:1:1  error  ${(error as Error).message}  read-graph\n`);
      return null;
    }
  }
  // Guide diagnostics (lost commands…) are in the diff itself; printed only with --diagnostics.
  const quiet: CliIo = { stdout: run.io.stdout, stderr: diagnostics ? run.io.stderr : { write: () => true } };
  const scratch: CliRun = { io: quiet, code: EXIT.ok };
  const graph = await readGraph(scratch, path, dialect);
  if (!graph) run.io.stderr.write(`${path}:1:1  error  Unexpected unreadable guide, expected a guide or a step-graph JSON file  read-guide\n`);
  return graph;
}

/** True when colour is wanted: stdout is a TTY and NO_COLOR is unset or empty. */
function wantsColor(io: CliIo): boolean {
  return (io.stdout as { isTTY?: boolean }).isTTY === true && !process.env.NO_COLOR;
}

/** Registers the `diff` subcommand. */
export function registerDiff(program: Command, run: CliRun): void {
  program
    .command('diff')
    .description('compare two versions of a guide by meaning: steps, settings, commands, placeholders that differ (exit 0 equal, 1 different, 2 error)')
    .argument('<old>', 'old guide, or its step graph as JSON')
    .argument('<new>', 'new guide, or its step graph as JSON')
    .addOption(new Option('--format <format>', 'report format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to FILE instead of standard output')
    .option('--diagnostics', "also print the guides' own diagnostics (lost commands…) to standard error")
    .addOption(new Option('--dialect <name>', 'force a dialect for guides (a grammar in grammars/)').choices(listDialects()))
    .action(async (oldPath: string, newPath: string, opts: { format: (typeof FORMATS)[number]; output?: string; diagnostics?: boolean; dialect?: string }) => {
      const og = await readInput(run, oldPath, opts.dialect, opts.diagnostics ?? false);
      const ng = await readInput(run, newPath, opts.dialect, opts.diagnostics ?? false);
      if (!og || !ng) {
        raise(run, DIFF_EXIT.error);
        return;
      }
      const d = diffGraphs(og, ng);
      let report: string;
      switch (opts.format) {
        case 'json':
          report = `${JSON.stringify(d, null, 2)}\n`;
          break;
        case 'markdown':
          report = diffToMarkdown(d);
          break;
        case 'html':
          // The step graphs of both versions, embedded as Mermaid source (src/generate/steps-to-mermaid.ts).
          report = diffToHtml(d, { mermaid: { old: stepsToMermaid(og), new: stepsToMermaid(ng) } });
          break;
        default:
          report = diffToText(d, { color: !opts.output && wantsColor(run.io) });
      }
      if (opts.output) await writeAtomic(opts.output, report, 0o644);
      else run.io.stdout.write(report);
      raise(run, d.equal ? DIFF_EXIT.equal : DIFF_EXIT.different);
    });
}
