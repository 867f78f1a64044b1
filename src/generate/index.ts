/**
 * Generators: turn a step graph into a bash runbook, an Ansible playbook or a Markdown checklist.
 *
 * `generate(target, graph, options)` dispatches to one generator per target; each returns the
 * files to write (paths relative to `<outdir>/<target>/`) and its diagnostics. Library code:
 * nothing is printed or written here.
 */
import type { StepGraph } from '../ir/types.js';
import { stepsToAnsible } from './ansible/steps-to-ansible.js';
import { stepsToBash } from './bash/steps-to-bash.js';
import { withCorrectedCommands } from './corrected-commands.js';
import { withPromptedSecrets } from './shell/interactive-secrets.js';
import { stepsToChecklist } from './steps-to-checklist.js';
import { withSiteVariables } from './site-binding.js';
import type { GenerateOptions, GenerateResult } from './types.js';

/** The output targets. */
export type Target = 'bash' | 'ansible' | 'checklist';

/** The targets, in the order `--target all` produces them. */
export const TARGETS: readonly Target[] = ['bash', 'ansible', 'checklist'];

/** The generator of each target. */
const GENERATORS: Readonly<Record<Target, (graph: StepGraph, options: GenerateOptions) => GenerateResult>> = {
  bash: stepsToBash,
  ansible: stepsToAnsible,
  checklist: stepsToChecklist,
};

/**
 * Generates `target` output for `graph` (after the prompted-secrets pass, whose `prompt-manual`
 * warnings come first in the messages). Unbound placeholders (unless `options.allowUnbound`)
 * are returned as `unbound-placeholder` error messages by the generator, which then emits no
 * files. The graph's site variables are bound first (site-binding.ts). Throws only on a
 * programming error (unknown target).
 */
export function generate(target: Target, guideGraph: StepGraph, guideOptions: GenerateOptions): GenerateResult {
  if (!Object.hasOwn(GENERATORS, target)) throw new Error(`unknown target ${String(target)}`);
  // Misspelt command words are corrected first (corrected-commands.ts); secrets asked at a
  // terminal become bound values (shell/interactive-secrets.ts), then site variables (by meaning)
  // take the place of the guide's placeholders and literals.
  const prompted = withPromptedSecrets(withCorrectedCommands(guideGraph));
  const { graph, options } = withSiteVariables(prompted.graph, guideOptions);
  const result = GENERATORS[target](graph, options);
  return prompted.messages.length ? { ...result, messages: [...prompted.messages, ...result.messages] } : result;
}

// The shared types and the helpers other stages use, re-exported from the files that own them.
export type { GenerateOptions, GenerateResult, OutputFile } from './types.js';
export { outputBase } from './output-base.js';
export { checkBindings, placeholdersFor, splitByPlaceholders, type Segment } from './bind.js';
export { shellQuote } from './escape/bash.js';
export { sqlString } from './escape/sql.js';
export { bindingErrors } from './bind-values.js';
