/**
 * Plays and the playbook text: steps grouped into plays by role, the play asserting unbound
 * values, fact gathering only where a task reads facts, and the YAML of the whole playbook.
 */
import type { Placeholder, Procedure, Step } from '../../ir/types.js';
import { escapeJinja } from '../escape/ansible.js';
import { oneLine } from '../templates.js';
import type { Context, Rendered } from './context.js';
import { clusterWideActions } from './cluster-wide.js';
import { stepGroups } from './host-groups.js';
import { nameText } from './paths.js';
import { handlersOf } from './handlers/restart.js';
import { placeSteps } from './shared-settings.js';
import { stepTasks } from './tasks.js';
import type { Play, Task } from './types.js';
import { sequenceYaml } from './yaml.js';

export { groupName } from './host-groups.js';

/**
 * Groups the graph into plays: steps are given their host groups (host-groups.ts) and placed
 * (shared-settings.ts: a shared settings file's keys also go to the other groups that write it);
 * consecutive placed steps of one group share a play, whose name lists the procedure titles it
 * covers. The tasks of cluster-wide actions (cluster-wide.ts) get `run_once: true`. Throws only
 * on an unknown action kind.
 */
export function buildPlays(ctx: Context): Play[] {
  const plays: (Play & { titles: string[]; prelude: Rendered[] })[] = [];
  let current: (typeof plays)[number] | null = null;
  for (const { group, procedure, step } of placeSteps(ctx.graph, stepGroups(ctx.graph))) {
    const title = oneLine(procedure.title);
    if (!current || current.hosts !== group) {
      current = { name: '', hosts: group, tasks: [], titles: [], prelude: [] };
      plays.push(current);
    }
    if (current.titles[current.titles.length - 1] !== title) current.titles.push(title);
    current.tasks.push(...clusterAwareTasks(ctx, group, procedure, step, current.prelude));
  }
  return plays.map((p) => ({
    name: escapeJinja(nameText(`Role ${p.hosts}: ${p.titles.join(' / ')}`)),
    hosts: p.hosts,
    tasks: p.tasks,
    handlers: handlersOf(ctx, p.tasks),
  }));
}

/**
 * The tasks of `step` placed for host group `group` (tasks.ts's stepTasks), its actions handed
 * over in runs of cluster-wide and other actions (cluster-wide.ts), the tasks of a cluster-wide
 * run marked `run_once: true`.
 */
function clusterAwareTasks(ctx: Context, group: string, procedure: Procedure, step: Step, prelude: Rendered[]): Task[] {
  const wide = clusterWideActions(step.actions);
  if (wide.size === 0) return stepTasks(ctx, procedure, step, prelude, group);
  const tasks: Task[] = [];
  let start = 0;
  for (let i = 1; i <= step.actions.length; i += 1) {
    const isWide = wide.has(step.actions[start]!.id);
    if (i < step.actions.length && wide.has(step.actions[i]!.id) === isWide) continue;
    const part = stepTasks(ctx, procedure, { ...step, actions: step.actions.slice(start, i) }, prelude, group);
    if (isWide) for (const task of part) task.run_once = true;
    tasks.push(...part);
    start = i;
  }
  return tasks;
}

/** A task asserting that every unbound placeholder the playbook uses was given at run time. */
export function unboundAssert(unbound: Placeholder[]): Task {
  return {
    name: 'Values left unbound at generation are given at run time (-e @values.yml)',
    'ansible.builtin.assert': {
      that: unbound.map((p) => `${p.variable} is not none and (${p.variable} | string | length) > 0`),
      fail_msg: `Unbound values: ${unbound.map((p) => (p.variable === p.name ? p.variable : `${p.variable} (site file: ${p.name})`)).join(', ')}`,
    },
    tags: ['always'],
  };
}

/**
 * True when a task of `tasks` reads gathered facts (`ansible_env` or `ansible_facts`; today
 * only a `~/` path under tejun_root, see ansible/paths.ts's rootedPath). Plays that read none
 * say `gather_facts: false`: fact gathering costs a module run per play and host, and the
 * guides' playbooks have dozens of plays (one per change of role).
 */
export function usesFacts(tasks: Task[]): boolean {
  return tasks.some(readsFacts);
}

/** Reads gathered facts: `ansible_env` or `ansible_facts` as a whole word. */
const FACTS = /\bansible_(env|facts)\b/;

/**
 * True when `FACTS` matches the JSON text of `value` (usesFacts tested `JSON.stringify(tasks)`
 * before): a match lies within one key or string literal, its quotes included, so each is
 * tested alone as JSON writes it, and only when it holds `ansible_`. Keys whose value JSON
 * leaves out (undefined, functions, symbols) are skipped, as JSON skips them.
 */
function readsFacts(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('ansible_') && FACTS.test(JSON.stringify(value));
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(readsFacts);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    if (readsFacts(key) || readsFacts(item)) return true;
  }
  return false;
}

/** One play as the plain data the playbook writes. */
function playData(p: Play): Record<string, unknown> {
  const data: Record<string, unknown> = { name: p.name, hosts: p.hosts, become: true, gather_facts: p.gatherFacts ?? usesFacts(p.tasks) };
  if (p.roles) data.roles = p.roles;
  if (!p.roles || p.tasks.length > 0) data.tasks = p.tasks;
  return data;
}

/**
 * YAML text of the playbook (plays as a sequence), YAML 1.1 quoting as Ansible reads it. Each
 * play is emitted by the `yaml` package as a document of its own (a one-item sequence, no
 * directives) and the texts are joined after one `---`: the same text as one document of all
 * plays (the items of a block sequence are emitted independently, and plays share no objects,
 * hence no anchors), without yaml's directive pass over the whole tree (it visits every node
 * to list `%TAG` handles, of which the playbook has none), and without a tree of every node
 * of the playbook alive at once. An empty playbook is one document (`--- []`).
 */
export function playbookYaml(plays: Play[]): string {
  return sequenceYaml(plays.map(playData));
}

