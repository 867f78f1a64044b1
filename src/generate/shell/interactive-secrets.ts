/**
 * Interactive secrets become bound values: a command that asks for a secret at the terminal
 * (`openstack user create --password-prompt nova`, `passwd nova`, `mysqladmin -u root -p …`) is
 * answered from a site variable by the runbooks, without a terminal and without the value on a
 * command line (`ps` shows every process's arguments to every user). Which commands ask, and how
 * each is answered, is vocabulary: grammars/site/prompts.yaml.
 *
 * This file reads the vocabulary, recognises a prompting command ({@link promptedSecret}) and is
 * the graph pass every generator runs first ({@link withPromptedSecrets}): each prompted secret
 * becomes a secret placeholder scoped to its command (so it is bound, checked and listed like any
 * other site variable), and a command with no unattended form becomes a manual step with a
 * warning. How bash and Ansible then run an answered command: bash-answers.ts and
 * ansible/answer-tasks.ts.
 */
import type { Action, CommandAction, ManualAction, Message, Placeholder, StepGraph } from '../../ir/types.js';
import { loadSiteData } from '../../vars/site-data.js';

/** One entry of grammars/site/prompts.yaml (its header comment documents the fields). */
export interface PromptRule {
  id: string;
  command: string[];
  words?: string[];
  variable?: string;
  default?: string;
  describe?: string;
  answer: 'pty' | 'stdin' | 'env' | 'manual';
  prompt?: string;
  run?: string;
  stdin?: string;
  env?: string;
  why?: string;
}

/** The vocabulary, validated against grammars/site/prompts.schema.json. */
export function promptRules(): PromptRule[] {
  return loadSiteData<{ version: 1; prompts: PromptRule[] }>('prompts').prompts;
}

/** A command recognised as asking for a secret. */
export interface PromptedSecret {
  rule: PromptRule;
  /** The command to run: the prompting words removed for `env` (the client then reads the
   * environment); as written otherwise (the prompt is answered). */
  command: string;
  /** The word `{arg}` stands for (the user whose password it is), as written. */
  arg: string;
  /** The site variable holding the answer (`NOVA_PASS`), or null for a `manual` rule. */
  variable: string | null;
  /** The variable's description. */
  description: string | null;
}

/** `nova` → `NOVA`, `neutron-server` → `NEUTRON_SERVER` (upper snake case). */
function upperName(word: string): string {
  return word.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'VALUE';
}

/**
 * The rule of grammars/site/prompts.yaml that `run` (a command in normal form: words separated
 * by single spaces) matches, with the word its `{ARG}` stands for: the last word after the
 * command word that is not an option and does not follow an option (`--domain default`), a
 * prompting word excepted (`--password-prompt nova`); the rule's `default` when there is none.
 * @returns null when no rule matches (the first word, without its directory, is none of the
 *   rule's commands, or none of its `words` is there).
 */
export function promptedSecret(run: string, rules: PromptRule[] = promptRules()): PromptedSecret | null {
  const words = run.trim().split(/\s+/);
  const head = (words[0] ?? '').split('/').pop()!;
  for (const rule of rules) {
    if (!rule.command.includes(head)) continue;
    if (rule.words && !words.some((w) => rule.words!.includes(w))) continue;
    let arg: string | undefined;
    for (let i = 1; i < words.length; i++) {
      const w = words[i]!;
      const before = words[i - 1]!;
      if (w.startsWith('-') || w.includes('=')) continue;
      if (i > 1 && before.startsWith('-') && !rule.words?.includes(before)) continue;
      arg = w;
    }
    arg ??= rule.default ?? '';
    const command = rule.answer === 'env' ? words.filter((w) => !rule.words?.includes(w)).join(' ') : words.join(' ');
    const variable = rule.variable ? rule.variable.replace('{ARG}', upperName(arg || (rule.default ?? ''))) : null;
    const description = rule.describe ? rule.describe.replace('{arg}', arg) : null;
    return { rule, command, arg, variable, description };
  }
  return null;
}

/** Ids of the commands that open an SQL client session (their `-p` is the session's business). */
function sessionOpeners(graph: StepGraph): Set<string> {
  const ids = new Set<string>();
  for (const p of graph.procedures) for (const s of p.steps) for (const a of s.actions) if (a.kind === 'sql') ids.add(a.session);
  return ids;
}

/** Result of {@link withPromptedSecrets}. */
export interface PromptedGraph {
  /** The graph with the prompted secrets as placeholders and the manual rewrites (a copy). */
  graph: StepGraph;
  /** `prompt-manual` warnings, one per command made a manual step. */
  messages: Message[];
}

/**
 * The graph pass: for every command that asks for a secret (not one opening an SQL session,
 * whose client the session handlers drive), a secret placeholder named by the rule (`NOVA_PASS`)
 * scoped to the command (an existing placeholder of that name is reused: its scope grows), and
 * for a `manual` rule the command replaced by a manual step (same id and line) with a
 * `prompt-manual` warning. Pure: `graph` is not changed. Never throws (a broken vocabulary file
 * throws at load, see vars/site-data.ts).
 */
export function withPromptedSecrets(graph: StepGraph): PromptedGraph {
  const rules = promptRules();
  const openers = sessionOpeners(graph);
  const placeholders = graph.placeholders.map((p) => ({ ...p, scope: p.scope ? [...p.scope] : p.scope }));
  const byName = new Map(placeholders.map((p) => [p.name, p]));
  const messages: Message[] = [];
  const rewrite = (a: Action): Action => {
    if (a.kind !== 'command' || openers.has(a.id)) return a;
    const found = promptedSecret(a.run, rules);
    if (!found) return a;
    if (found.rule.answer === 'manual') {
      messages.push({
        ruleId: 'prompt-manual',
        severity: 'warning',
        reason: `Unexpected command \`${found.command.split(' ')[0]}\` that asks questions at a terminal (${found.rule.id}), expected a form a runbook can answer: made a manual step (${found.rule.why ?? ''})`,
        line: a.source.line,
        column: a.source.column ?? 1,
      });
      const manual: ManualAction = { id: a.id, kind: 'manual', text: `${a.run} (at a terminal: ${found.rule.why ?? ''})`, source: a.source, when: a.when, optional: a.optional };
      return manual;
    }
    const name = found.variable!;
    const known = byName.get(name);
    if (known) {
      if (known.scope) known.scope.push(a.id);
      known.secret = true;
    } else {
      const p: Placeholder = { name, variable: name, description: found.description, secret: true, source: { line: a.source.line }, scope: [a.id] };
      placeholders.push(p);
      byName.set(name, p);
    }
    return a;
  };
  const procedures = graph.procedures.map((p) => ({ ...p, steps: p.steps.map((s) => ({ ...s, actions: s.actions.map(rewrite) })) }));
  return { graph: { ...graph, procedures, placeholders }, messages };
}

/**
 * The prompted secret of a command action of a graph {@link withPromptedSecrets} has seen, with
 * its placeholder, for the generators; null when the command asks nothing (or is a session
 * opener, or its rule is `manual`).
 */
export function answerOf(graph: StepGraph, action: CommandAction): { prompted: PromptedSecret; placeholder: Placeholder } | null {
  const prompted = promptedSecret(action.run);
  if (!prompted || !prompted.variable) return null;
  const named = graph.placeholders.filter((p) => p.name === prompted.variable);
  // Site binding (site-binding.ts) rebuilds each variable's scope from the actions whose text uses
  // it, which a prompted secret's command does not: the one placeholder of that name is still its.
  const placeholder = named.find((p) => p.scope === null || p.scope === undefined || p.scope.includes(action.id)) ?? (named.length === 1 ? named[0] : undefined);
  return placeholder ? { prompted, placeholder } : null;
}
