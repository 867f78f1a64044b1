/**
 * Ansible names of the site variables: the step graph names a site variable as the site file does,
 * in upper snake case (`NOVA_DBPASS`, grammars/site-variables.yaml); Ansible's convention (and
 * ansible-lint's `var-naming` rule) is lower snake case, so the playbook calls it `nova_dbpass`.
 * The site file and the bash runbook keep the upper-case name; the role defaults say which key of
 * the site file each variable comes from.
 */
import type { StepGraph } from '../../ir/types.js';

/** Names Ansible itself gives a meaning to (play or task keywords, magic variables), and tejun's own. */
const RESERVED = new Set([
  'action', 'args', 'become', 'become_user', 'connection', 'environment', 'gather_facts', 'group_names',
  'groups', 'hostvars', 'hosts', 'inventory_hostname', 'name', 'notify', 'omit', 'play_hosts', 'port',
  'register', 'remote_user', 'role_name', 'tags', 'vars', 'when',
  // tejun's own variables (paths.ts, run-once.ts, handlers/manual.ts)
  'tejun_root', 'tejun_mysql_defaults', 'tejun_manual_done', 'tejun_done', 'tejun_stamps',
]);

/**
 * `graph` with every placeholder's `variable` in lower snake case: characters outside
 * `[a-z0-9_]` become `_`, a leading digit or a reserved name gets the prefix `site_`, and a
 * name two variables would share gets `_2`, `_3`… Placeholders that share a variable keep sharing
 * it. Pure; never throws.
 */
export function withAnsibleVariableNames(graph: StepGraph): StepGraph {
  const names = new Map<string, string>();
  const used = new Set<string>();
  const ansibleName = (variable: string): string => {
    const known = names.get(variable);
    if (known) return known;
    let base = variable.toLowerCase().replace(/[^a-z0-9_]/g, '_');
    if (/^[0-9]/.test(base) || RESERVED.has(base)) base = `site_${base}`;
    let name = base;
    for (let n = 2; used.has(name); n += 1) name = `${base}_${n}`;
    used.add(name);
    names.set(variable, name);
    return name;
  };
  return { ...graph, placeholders: graph.placeholders.map((p) => ({ ...p, variable: ansibleName(p.variable) })) };
}
