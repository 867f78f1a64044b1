/**
 * `tejun init GUIDE… [-C DIR] [--site NAME] [--force]`: write DIR/tejun.yaml (commented) and
 * DIR/sites/<site>.yaml (the site values the guides need), refusing to overwrite either unless
 * --force. Standard output: the files written.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { Option, type Command } from 'commander';
import { initProject } from '../../build/index.js';
import { listDialects } from '../../index.js';
import type { StepGraph } from '../../ir/types.js';
import { EXIT, raise, type CliRun } from '../io.js';
import { readGraph } from '../read-graph.js';
import { writeAtomic } from '../write-atomic.js';

interface InitCliOptions {
  directory: string;
  site: string;
  force?: boolean;
  dialect?: string;
}

/** Registers the `init` subcommand. */
export function registerInit(program: Command, run: CliRun): void {
  program
    .command('init')
    .description('write a commented project file (tejun.yaml) and a site vars file for the given guides')
    .argument('<guides...>', 'guide files')
    .option('-C, --directory <dir>', 'project folder to write into', '.')
    .option('--site <name>', 'name of the site (its vars file is sites/<name>.yaml)', 'default')
    .option('--force', 'overwrite existing files')
    .addOption(new Option('--dialect <name>', 'force a dialect when reading the guides').choices(listDialects()))
    .action(async (guides: string[], opts: InitCliOptions) => {
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(opts.site)) {
        run.io.stderr.write(`tejun init: Unexpected site name \`${opts.site}\`, expected letters, digits, \`.\`, \`_\` or \`-\`\n`);
        raise(run, EXIT.usage);
        return;
      }
      const root = resolve(opts.directory);
      const graphs: StepGraph[] = [];
      const paths: string[] = [];
      for (const guide of guides) {
        const graph = await readGraph(run, guide, opts.dialect);
        if (!graph) continue;
        const path = relative(root, resolve(guide)).split(sep).join('/');
        paths.push(path);
        graphs.push({ ...graph, source: { ...graph.source, path } });
      }
      if (run.code !== EXIT.ok) return;
      const files = initProject({ guides: paths, graphs, site: opts.site });
      const existing = files.filter((f) => existsSync(join(root, f.path)));
      if (existing.length > 0 && !opts.force) {
        for (const f of existing) {
          run.io.stderr.write(`${join(opts.directory, f.path)}:1:1  error  Unexpected existing file, expected --force to overwrite it  file-exists\n`);
        }
        raise(run, EXIT.input);
        return;
      }
      for (const f of files) {
        await writeAtomic(join(root, f.path), f.content, f.mode);
        run.io.stdout.write(`${join(opts.directory, f.path)}\n`);
      }
    });
}
