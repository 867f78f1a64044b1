/**
 * Generators: turn a step graph into a bash runbook, an Ansible playbook or a Markdown checklist.
 *
 * `generate(target, graph, options)` dispatches to one generator per target; each returns the
 * files to write (paths relative to `<outdir>/<target>/`) and its diagnostics. Library code:
 * nothing is printed or written here.
 */
import type { Message, StepGraph } from '../ir/types.js';
import { stepsToAnsible } from './steps-to-ansible.js';
import { stepsToBash } from './steps-to-bash.js';
import { stepsToChecklist } from './steps-to-checklist.js';

/** The output targets. */
export type Target = 'bash' | 'ansible' | 'checklist';

/** The targets, in the order `--target all` produces them. */
export const TARGETS: readonly Target[] = ['bash', 'ansible', 'checklist'];

/** Options shared by every generator. */
export interface GenerateOptions {
  /** Bound site values by placeholder NAME (as in graph.placeholders[].name). */
  vars: Record<string, string>;
  /** Leave unbound placeholders to be supplied at run time instead of an error. */
  allowUnbound?: boolean;
  /** Checklist only: show secrets instead of ********. */
  showSecrets?: boolean;
  /**
   * Where the values come from, for binding errors that name the line of a value
   * (`site.yaml:12`): the vars file as named in messages and the line of each name in it
   * (vars/load.ts's LoadedVars.lines). Absent: messages name the variable only.
   */
  varsFile?: { path: string; lines: Record<string, number> };
}

/** One generated file. */
export interface OutputFile {
  /** Path relative to the target's output directory, `/`-separated. */
  path: string;
  content: string;
  /** 0o600 when it holds a bound secret, 0o755 for scripts, else 0o644. */
  mode: number;
}

/** What a generator returns: the files (possibly none when errors) and its diagnostics. */
export interface GenerateResult {
  files: OutputFile[];
  messages: Message[];
}

/**
 * Generates `target` output for `graph`. Unbound placeholders (unless `options.allowUnbound`)
 * are returned as `unbound-placeholder` error messages by the generator, which then emits no
 * files. Throws only on a programming error (unknown target).
 */
export function generate(target: Target, graph: StepGraph, options: GenerateOptions): GenerateResult {
  switch (target) {
    case 'bash':
      return stepsToBash(graph, options);
    case 'ansible':
      return stepsToAnsible(graph, options);
    case 'checklist':
      return stepsToChecklist(graph, options);
    default:
      throw new Error(`unknown target ${String(target satisfies never)}`);
  }
}

export { outputBase } from './output-base.js';
export { checkBindings, placeholdersFor, splitByPlaceholders, type Segment } from './bind.js';
export { shellQuote } from './escape/bash.js';
export { sqlString } from './escape/sql.js';
export { bindingErrors } from './bind-values.js';
