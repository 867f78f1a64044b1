/**
 * OpenStack client calls that create a named object, guarded by a real existence check instead
 * of a run-once stamp: `openstack user create … nova` runs only when `openstack user show nova`
 * fails (the object is not there), so a second run, or a run after the object was made by hand,
 * creates nothing, and deleting the object makes the playbook create it again.
 *
 * Understood (on the guide's command, one line, no shell syntax):
 * - `openstack KIND create [options] NAME` for the kinds with a `show` by name (user, project,
 *   domain, role, group, service, network, subnet, router, flavor, image, volume type as
 *   `volume type`): checked by `openstack KIND show [--domain D] NAME` (the `--name` of
 *   `service create`, else the positional NAME; `--domain` kept for user, project and group);
 * - keystone's v2 client `keystone user-create|tenant-create|role-create|service-create --name N`:
 *   checked by `keystone user-get|tenant-get|role-get|service-get N`.
 * Anything else returns null (the caller stamps it).
 */
import type { CommandAction } from '../../../ir/types.js';
import { render, type Context } from '../context.js';
import { COMMENT, type Task } from '../types.js';

/** Options of `openstack … create` that take no value. */
const FLAGS = new Set(['--enable', '--disable', '--or-show', '--public', '--private', '--shared', '--no-share', '--external', '--internal', '--password-prompt', '--default', '--no-default', '--domain-default', '--disable-port-security', '--enable-port-security', '--ha', '--no-ha', '--distributed', '--centralized']);

/** Kinds `openstack KIND show NAME` finds by name. */
const SHOWN = new Set(['user', 'project', 'domain', 'role', 'group', 'service', 'network', 'subnet', 'router', 'flavor', 'image']);

/** The words of `run` as options (`--x v`, `--x=v`, flags) and positionals, or null with shell syntax. */
export function optionWords(run: string): { options: Map<string, string>; positional: string[] } | null {
  if (/[|&;<>$`'"\\(){}*?]/.test(run)) return null;
  const options = new Map<string, string>();
  const positional: string[] = [];
  const all = run.trim().split(/\s+/);
  for (let i = 0; i < all.length; i += 1) {
    const w = all[i]!;
    if (w.startsWith('--') && w.includes('=')) options.set(w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1));
    else if (w.startsWith('-') && !FLAGS.has(w) && i + 1 < all.length && !all[i + 1]!.startsWith('-')) {
      options.set(w, all[i + 1]!);
      i += 1;
    } else if (w.startsWith('-')) options.set(w, '');
    else positional.push(w);
  }
  return { options, positional };
}

/** The check command for `run` (guide text) and how its result says "exists": `rc` (exit 0) or `stdout` (non-empty). */
export function existenceCheck(run: string): { cmd: string; by: 'rc' | 'stdout' } | null {
  const parsed = optionWords(run);
  if (!parsed) return null;
  const { options, positional } = parsed;
  const [client, ...rest] = positional;
  if (client === 'openstack') {
    const create = rest.indexOf('create');
    const kind = rest.slice(0, create).join(' ');
    if (create === 1 && SHOWN.has(kind)) {
      const name = kind === 'service' && options.get('--name') ? options.get('--name')! : rest[rest.length - 1];
      if (!name || rest.length < 3) return null;
      const domain = ['user', 'project', 'group'].includes(kind) && options.get('--domain') ? ` --domain ${options.get('--domain')}` : '';
      return { cmd: `openstack ${kind} show${domain} ${name}`, by: 'rc' };
    }
    // Endpoints and role assignments have no `show` by name: their lookups (`endpoint list`,
    // `role assignment list`) answer with an empty list, not a failure, which a run-once stamp
    // is kept for (an empty answer of a stubbed client would read as "missing" on every run).
    return null;
  }
  if (client === 'keystone' && rest.length === 1) {
    const m = /^(user|tenant|role|service)-create$/.exec(rest[0]!);
    const name = options.get('--name');
    if (m && name) return { cmd: `keystone ${m[1]}-get ${name}`, by: 'rc' };
  }
  return null;
}

/**
 * [check task, `task`] when the command of `action` creates an object {@link existenceCheck}
 * can look up, else null. The check runs the same way as the task (module, `environment`,
 * `chdir`, the shell prelude `shellPrefix`, user, conditions and tags), reports no change, never
 * fails and runs in check mode too (it only reads); `task` then runs only when the object is
 * missing (`when` gets `REGISTER.rc != 0` or `REGISTER.stdout | trim | length == 0`).
 */
export function existenceGuarded(ctx: Context, task: Task, module: string, action: CommandAction, shellPrefix: readonly string[]): Task[] | null {
  const check = existenceCheck(action.run);
  if (!check) return null;
  ctx.checks += 1;
  const register = `tejun_exists_${ctx.checks}`;
  const rendered = render(ctx, action, check.cmd, 'shell');
  const args = { ...(task[module] as Record<string, unknown>) };
  args.cmd = module === 'ansible.builtin.shell' ? [...shellPrefix, rendered.text].join(' && ') : rendered.text;
  const probe: Task = { name: `Already there? ${String(task.name)}`, [module]: args };
  for (const key of ['environment', 'become', 'become_user', 'when', 'no_log']) if (task[key] !== undefined) probe[key] = task[key];
  Object.assign(probe, { register, changed_when: false, failed_when: false, check_mode: false, tags: task.tags });
  probe[COMMENT] = 'a check: reads only';
  const missing = check.by === 'rc' ? `${register}.rc != 0` : `${register}.stdout | trim | length == 0`;
  const when = task.when === undefined ? [] : ([] as unknown[]).concat(task.when);
  task.when = [...when, missing];
  task.changed_when = true;
  task[COMMENT] = `runs only when ${rendered.secret ? 'the check' : oneWord(check.cmd)} finds nothing`;
  return [probe, task];
}

/** The check command as a short phrase for a comment. */
function oneWord(cmd: string): string {
  return `\`${cmd.split(/\s+/).slice(0, 4).join(' ')} …\``;
}
