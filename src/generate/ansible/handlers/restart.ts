/**
 * A guide's restart after configuration edits as an Ansible engineer writes it: a handler
 * notified by the config tasks before it, and `meta: flush_handlers` where the guide restarts,
 * so that later steps find the service restarted; a second run, changing no file, restarts
 * nothing (changed=0 with the services tag).
 *
 * Per play (consecutive steps of one role, as plays.ts groups them), the config tasks written so
 * far (ini_file, lineinfile, blockinfile, replace, copy, firewalld) are remembered. A service task that
 * restarts or reloads plain-named units (`systemctl restart nova-api`, `service httpd reload`)
 * becomes, per unit, a handler `Restart UNIT` / `Reload UNIT` (same module, same conditions,
 * tag `services`, and skipped under `--skip-tags services`, which Ansible does not apply to
 * handlers itself), notified by:
 * - the config tasks of the play whose file names the unit: a directory or file-name word of the
 *   path (`/etc/nova/nova.conf` → `nova`) that is a word of the unit (`openstack-nova-api`);
 * - else every config task since the play's last restart.
 * A firewalld task (ansible.posix.firewalld) configures the firewall only: it notifies the
 * firewalld unit's handler (`firewall-cmd --reload`), and only firewalld tasks notify that one.
 * A restart no config task precedes becomes `state: started` in place (the guide restarts a
 * service it just installed). Handlers are defined in ctx.handlers, for the play writer.
 */
import type { Procedure, Step } from '../../../ir/types.js';
import { anchorOf, nameAnchor, type Context } from '../context.js';
import { moduleOf, writtenPath, type Task } from '../types.js';

/** Modules that write configuration. */
const CONFIG_MODULES = ['community.general.ini_file', 'ansible.builtin.lineinfile', 'ansible.builtin.blockinfile', 'ansible.builtin.replace', 'ansible.builtin.copy', 'ansible.posix.firewalld'];

/** Service modules and the states that become handlers, with the handler's verb. */
const SERVICE_MODULES = ['ansible.builtin.service', 'ansible.builtin.systemd'];
const VERBS: Record<string, string> = { restarted: 'Restart', reloaded: 'Reload' };

/** The handler condition that honours `--skip-tags services` (handlers ignore tags). */
export const SKIP_SERVICES = "'services' not in ansible_skip_tags";

/** A unit name that can name a handler: no template, no quote, no space. */
const PLAIN_UNIT = /^[A-Za-z0-9_.@:-]+$/;

/** Config tasks remembered for the current play. */
interface Pending {
  role: string | null;
  /** Every config task of the play so far, with the words of its path. */
  all: { task: Task; words: Set<string> }[];
  /** Those since the play's last restart. */
  since: Task[];
}

/** State kept on the context between steps (ctx.pendingConfig holds the play's role and tasks). */
const PENDING = new WeakMap<Context, Pending>();

/** Config modules that configure one unit's state rather than a file, by module: the unit whose reload applies them. */
const UNIT_MODULES: Readonly<Record<string, string>> = { 'ansible.posix.firewalld': 'firewalld' };

/** Words of a config task's path: its directories and its file name's stem (`/etc/nova/nova.conf` → etc, nova). */
function pathWords(task: Task, module: string): Set<string> {
  const unit = UNIT_MODULES[module];
  if (unit) return new Set([unit]);
  const path = writtenPath(task) ?? '';
  return new Set(path.split('/').flatMap((part) => part.replace(/\..*$/, '').split(/[-_]/)).filter((w) => w.length > 2 && w !== 'etc'));
}

/**
 * `tasks` (one step's, in order) with restarts turned into notified handlers and a flush where
 * the guide restarts (see the module comment). Records the play's config tasks on the context.
 */
export function withHandlers(ctx: Context, procedure: Procedure, step: Step, tasks: Task[]): Task[] {
  const role = step.role ?? procedure.role ?? null;
  let pending = PENDING.get(ctx);
  if (!pending || pending.role !== role) PENDING.set(ctx, (pending = { role, all: [], since: [] }));
  ctx.handlers ??= new Map();
  const out: Task[] = [];
  let flushAfter: Task | null = null;
  // The handlers of the restarts so far run where the guide restarts: before the step's next
  // task (a check of the restarted service, a later edit) or at its end.
  const flush = (): void => {
    if (!flushAfter) return;
    pending!.since = [];
    out.push({
      name: `Restart the services whose configuration changed ${anchorOf(String(flushAfter.name)) ?? nameAnchor(step.id)}`,
      'ansible.builtin.meta': 'flush_handlers',
      tags: ['services'],
    });
    flushAfter = null;
  };
  for (const task of tasks) {
    const module = moduleOf(task);
    if (module && CONFIG_MODULES.includes(module)) {
      flush();
      pending.all.push({ task, words: pathWords(task, module) });
      pending.since.push(task);
      out.push(task);
      continue;
    }
    const args = module && SERVICE_MODULES.includes(module) ? (task[module] as Record<string, unknown>) : null;
    const verb = args ? VERBS[String(args.state)] : undefined;
    const units = args ? (task.loop === undefined ? [args.name] : (task.loop as unknown[])) : [];
    if (!args || !verb || !units.every((u): u is string => typeof u === 'string' && PLAIN_UNIT.test(u))) {
      flush();
      out.push(task);
      continue;
    }
    const notified = units.map((unit) => {
      const stem = unit.replace(/\.service$/, '');
      const words = stem.split(/[-_.@]/);
      const named = pending.all.filter((p) => words.some((w) => p.words.has(w))).map((p) => p.task);
      // A unit-bound task (firewalld) is no file edit another unit's restart applies, and its unit reloads for nothing else.
      const bound = Object.values(UNIT_MODULES).includes(stem);
      const since = pending.since.filter((t) => UNIT_MODULES[moduleOf(t) ?? ''] === undefined);
      return { unit, by: named.length > 0 || bound ? named : since };
    });
    if (notified.every((n) => n.by.length === 0)) {
      flush();
      args.state = 'started';
      out.push(task);
      continue;
    }
    for (const { unit, by } of notified) {
      if (by.length === 0) continue;
      const name = handlerName(ctx, `${verb} ${unit}`, task);
      for (const t of by) t.notify = [...new Set([...((t.notify as string[] | undefined) ?? []), name])];
    }
    flushAfter = task;
  }
  flush();
  return out;
}

/**
 * The name of the handler doing what `task` does for one unit (`Restart nova-api`), defined in
 * ctx.handlers on first use: same module and state, the unit, the task's `when` after
 * {@link SKIP_SERVICES}, become settings, tag `services`. A handler of that name with other
 * conditions gets a numbered name (`Restart nova-api #2`).
 */
function handlerName(ctx: Context, base: string, task: Task): string {
  const module = moduleOf(task)!;
  const args = task[module] as Record<string, unknown>;
  const unit = base.slice(base.indexOf(' ') + 1);
  const when = [SKIP_SERVICES, ...([] as unknown[]).concat(task.when ?? [])];
  const handler: Task = { name: base, [module]: { name: unit, state: args.state } };
  for (const key of ['become', 'become_user', 'no_log']) if (task[key] !== undefined) handler[key] = task[key];
  handler.when = when;
  handler.tags = ['services'];
  for (let n = 1; ; n += 1) {
    const name = n === 1 ? base : `${base} #${n}`;
    const known = ctx.handlers!.get(name);
    if (!known) {
      ctx.handlers!.set(name, { ...handler, name });
      return name;
    }
    if (JSON.stringify(known.when) === JSON.stringify(when)) return name;
  }
}

/** The handlers `tasks` notify, in the order first notified (for a play's `handlers:`). */
export function handlersOf(ctx: Context, tasks: readonly Task[]): Task[] {
  const names: string[] = [];
  for (const t of tasks) for (const n of (t.notify as string[] | undefined) ?? []) if (!names.includes(n)) names.push(n);
  return names.flatMap((n) => (ctx.handlers?.get(n) ? [ctx.handlers.get(n)!] : []));
}
