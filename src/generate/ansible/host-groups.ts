/**
 * The host group each step of the playbook runs on: the step's role, else its procedure's role,
 * else the group of the step before it. Guides name the host once, at the top of a chapter or a
 * procedure ("コントローラーノードの設定", "Install and configure the controller node"), and the
 * sections that follow without naming one continue on that host until another is named; steps
 * before the first named host run on every host (`all`). Roles whose steps are a detour
 * (grammars/host-groups.yaml `detours`: the database server) are not carried.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { PACKAGE_ROOT } from '../../grammar/load-grammar.js';
import type { Step, StepGraph } from '../../ir/types.js';

/** Absolute path of grammars/host-groups.yaml. */
export const HOST_GROUPS_PATH = join(PACKAGE_ROOT, 'grammars', 'host-groups.yaml');

/** grammars/host-groups.yaml as written (after YAML parsing). */
export interface HostGroupsFile {
  version: 1;
  /** Roles not carried to the following steps that name no host. */
  detours: string[];
}

let loaded: HostGroupsFile | null = null;

/**
 * Reads grammars/host-groups.yaml, checked against host-groups.schema.json (cached for the
 * process). Throws with the first schema error when the file does not match.
 */
export function loadHostGroupsFile(): HostGroupsFile {
  if (loaded) return loaded;
  const data = parseYaml(readFileSync(HOST_GROUPS_PATH, 'utf8')) as unknown;
  const schema = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'grammars', 'host-groups.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
  if (!validate(data)) {
    const e = validate.errors?.[0];
    throw new Error(`Unexpected grammars/host-groups.yaml ${e?.instancePath || '/'} ${e?.message ?? ''}, expected a document of host-groups.schema.json`);
  }
  return (loaded = data as HostGroupsFile);
}

/** An Ansible group name for a role: `[A-Za-z0-9_]`, other characters → `_`; null → `all`. */
export function groupName(role: string | null | undefined): string {
  if (!role) return 'all';
  const name = role.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/**
 * The Ansible group (see groupName) of every step of `graph`, by step object, in guide order:
 * `step.role ?? procedure.role`, else the group of the last step that had one and whose role is
 * not a detour, else `all`. A role the guide states as every host (`all`) is carried too. Throws
 * only when grammars/host-groups.yaml is invalid.
 */
export function stepGroups(graph: StepGraph): Map<Step, string> {
  const detours = new Set(loadHostGroupsFile().detours);
  const groups = new Map<Step, string>();
  let last = 'all';
  for (const procedure of graph.procedures) {
    for (const step of procedure.steps) {
      const role = step.role ?? procedure.role;
      if (role && !detours.has(role)) last = groupName(role);
      groups.set(step, role ? groupName(role) : last);
    }
  }
  return groups;
}
