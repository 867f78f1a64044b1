/**
 * The playbook in roles/ layout: one role per host group, `site.yml` playing them in the guide's
 * order. Files under the output base `B`:
 *
 * - `B/site.yml`: one play per run of steps of one group (plays.ts). A group whose steps the guide
 *   gives in one run is one play applying its role (`roles: [R]`); a group the guide comes back
 *   to after other groups (controller, compute, then controller again) has its tasks in parts
 *   (`tasks/part1.yml`, …), each play importing the next part (`import_role` with `tasks_from`),
 *   so the order across hosts stays the guide's (a compute node is set up before the controller
 *   discovers it), and `tasks/main.yml` imports every part in order (the role alone runs all).
 * - `B/roles/R/tasks/…`: the tasks; the first part starts with the unbound-value assert and, when
 *   the role has run-once tasks, the run-once stamp tasks (run-once.ts).
 * - `B/roles/R/defaults/main.yml`: the site values, tejun's own variables and the conditions
 *   (group-vars.ts). Role defaults are Ansible's lowest variable precedence: the operator's
 *   inventory, `group_vars/`, `host_vars/` and `-e` all win over them.
 * - `B/roles/R/handlers/main.yml`: the handlers of the role's plays, only when there are any.
 *
 * R is `tejun_<base>_<group>` in lower case, `[a-z0-9_]` only (ansible-lint's role-name), unique
 * across guides compiled into one roles path.
 */
import { escapeJinja } from '../escape/ansible.js';
import type { OutputFile } from '../types.js';
import { nameText } from './paths.js';
import { playbookYaml, usesFacts } from './plays.js';
import { hasRunOnce } from './run-once.js';
import type { Play, Task } from './types.js';
import { sequenceYaml } from './yaml.js';

/** The role name of `group` for output base `base`: `tejun_<base>_<group>`, lower case, `[a-z0-9_]`. */
export function roleName(base: string, group: string): string {
  return `tejun_${base}_${group}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
}

/** What the layout needs besides the plays: headers of each file kind and the role defaults. */
export interface LayoutInput {
  /** Output base (outputBase): the directory of the playbook. */
  base: string;
  /** The plays in guide order (plays.ts), their names and tasks already as written (writtenTask). */
  plays: Play[];
  /** Tasks every role's first part starts with (the unbound-value assert), or none. */
  first: Task[];
  /** The run-once stamp tasks (run-once.ts's stampsPlay), prepended to roles that have run-once tasks. */
  stamps: Task[];
  /** Text of each role's defaults/main.yml, and whether it holds a secret (0600). */
  defaults: { text: string; secret: boolean };
  /** Renders a file's text: the YAML body and its kind (`site`, `tasks`, `handlers`, `defaults`) and role. */
  render: (kind: 'site' | 'tasks' | 'handlers' | 'defaults', yaml: string, role: string) => string;
}

/**
 * YAML text of a list of tasks (a tasks or handlers file): `---` and the items, or `--- []`
 * when empty (same writer as the playbook, see yaml.ts).
 */
export function taskListYaml(tasks: Task[]): string {
  return sequenceYaml(tasks);
}

/** One play of site.yml: the plain data of a play applying a role or importing one part of it. */
interface SitePlay {
  play: Play;
  role: string;
  /** Part number (1-based), or 0 when the role has a single part (`roles:`). */
  part: number;
}

/**
 * The files of the roles layout (see the module comment), in a stable order: site.yml, then per
 * role (first-play order) its task files, handlers and defaults. Never throws.
 */
export function rolesLayout(input: LayoutInput): OutputFile[] {
  const byRole = new Map<string, Play[]>();
  const site: SitePlay[] = [];
  for (const play of input.plays) {
    const role = roleName(input.base, play.hosts);
    const list = byRole.get(role) ?? [];
    list.push(play);
    byRole.set(role, list);
    site.push({ play, role, part: list.length });
  }
  for (const s of site) if (byRole.get(s.role)!.length === 1) s.part = 0;
  const files: OutputFile[] = [];
  const sitePlays: Play[] = site.map(({ play, role, part }) => ({
    name: play.name,
    hosts: play.hosts,
    gatherFacts: usesFacts(play.tasks),
    ...(part === 0
      ? { roles: [role], tasks: [] }
      : {
          tasks: [
            {
              name: escapeJinja(nameText(`Part ${part} of role ${role}`)),
              'ansible.builtin.import_role': { name: role, tasks_from: `part${part}` },
            },
          ],
        }),
  }));
  files.push({ path: `${input.base}/site.yml`, content: input.render('site', playbookYaml(sitePlays), ''), mode: 0o644 });
  for (const [role, plays] of byRole) {
    const dir = `${input.base}/roles/${role}`;
    const prefix = [...input.first, ...(hasRunOnce(plays) ? input.stamps : [])];
    if (plays.length === 1) {
      files.push({ path: `${dir}/tasks/main.yml`, content: input.render('tasks', taskListYaml([...prefix, ...plays[0]!.tasks]), role), mode: 0o644 });
    } else {
      const imports: Task[] = plays.map((_, i) => ({
        name: escapeJinja(nameText(`Part ${i + 1} of role ${role}`)),
        'ansible.builtin.import_tasks': `part${i + 1}.yml`,
      }));
      files.push({ path: `${dir}/tasks/main.yml`, content: input.render('tasks', taskListYaml(imports), role), mode: 0o644 });
      plays.forEach((p, i) => {
        const tasks = i === 0 ? [...prefix, ...p.tasks] : p.tasks;
        files.push({ path: `${dir}/tasks/part${i + 1}.yml`, content: input.render('tasks', taskListYaml(tasks), role), mode: 0o644 });
      });
    }
    const handlers = uniqueByName(plays.flatMap((p) => p.handlers ?? []));
    if (handlers.length > 0) files.push({ path: `${dir}/handlers/main.yml`, content: input.render('handlers', taskListYaml(handlers), role), mode: 0o644 });
    files.push({ path: `${dir}/defaults/main.yml`, content: input.render('defaults', input.defaults.text, role), mode: input.defaults.secret ? 0o600 : 0o644 });
  }
  return files;
}

/** `tasks` without a second task of the same `name` (a handler notified from several plays). */
function uniqueByName(tasks: Task[]): Task[] {
  const seen = new Set<string>();
  return tasks.filter((t) => {
    const key = JSON.stringify(t.name);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
