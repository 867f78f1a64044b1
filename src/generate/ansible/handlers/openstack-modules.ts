/**
 * OpenStack client creates of the keystone v3 `openstack` client → the openstack.cloud module of
 * the same meaning, which looks the object up before it creates it (a second run changes
 * nothing, check mode reports what would change):
 * - `openstack user create [--domain D] [--password P | --password-prompt] [--email E]
 *   [--description X] [--project P] [--enable] NAME` → openstack.cloud.identity_user (the
 *   prompted password from the site variable the guide names for it, shell/interactive-secrets.ts);
 * - `openstack project create [--domain D] [--description X] [--enable] NAME` → project;
 * - `openstack role create NAME` → identity_role;
 * - `openstack service create --name N [--description X] TYPE` → catalog_service;
 * - `openstack endpoint create [--region R] SERVICE INTERFACE URL` → endpoint;
 * - `openstack role add --project P|--domain D --user U|--group G ROLE` → role_assignment.
 * Any other option, or shell syntax, leaves the command to the command handler (existence check
 * or stamp, handlers/openstack.ts). The v2 `keystone` client of older releases stays a command:
 * the modules speak the v3 identity API.
 *
 * The modules authenticate as the client would, from the OS_* environment of the guide's shell
 * session: a check task (per play and session state) runs the session's `source`/`export`/`cd`
 * prelude and prints the environment, and each module task gets the OS_* variables of that output
 * as its `environment:`. The modules need openstacksdk on the host and a reachable cloud: they
 * are tagged `cloud`, so a run without either skips them with `--skip-tags cloud`.
 */
import type { CommandAction, Procedure, Step } from '../../../ir/types.js';
import { answerOf } from '../../shell/interactive-secrets.js';
import { finish, render, taskName, type Context, type Rendered } from '../context.js';
import { COMMENT, type Task } from '../types.js';
import { session } from './environment.js';

/** An openstack.cloud module and its arguments (guide text, placeholders in place); `prompted` asks for the password. */
export interface OpenstackSpec {
  module: `openstack.cloud.${'identity_user' | 'project' | 'identity_role' | 'catalog_service' | 'endpoint' | 'role_assignment'}`;
  args: Record<string, string>;
  /** True for `--password-prompt`: the password is the prompted site variable's. */
  prompted?: boolean;
}

/** Options of the forms below that take no value. */
const FLAGS = new Set(['--enable', '--password-prompt', '--or-show']);

/**
 * The words of a command line as the shell reads them: '…' and "…" (no `$`, backtick or `\`
 * inside) unquoted, `\(` and `\)` as the parentheses they escape (`%\(tenant_id\)s`); null when
 * the line holds any other shell syntax (expansions, redirects, globs, several commands).
 */
export function shellWords(run: string): string[] | null {
  const out: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < run.length; ) {
    const c = run[i]!;
    if (/\s/.test(c)) {
      if (word !== null) out.push(word);
      word = null;
      i += 1;
      continue;
    }
    word ??= '';
    if (c === "'" || c === '"') {
      const end = run.indexOf(c, i + 1);
      if (end < 0 || (c === '"' && /[$`\\]/.test(run.slice(i + 1, end)))) return null;
      word += run.slice(i + 1, end);
      i = end + 1;
    } else if (c === '\\' && /^[()]$/.test(run[i + 1] ?? '')) {
      word += run[i + 1];
      i += 2;
    } else if (/[|&;<>$`(){}*?[\]~!#\\]/.test(c)) return null;
    else {
      word += c;
      i += 1;
    }
  }
  if (word !== null) out.push(word);
  return out;
}

/** Options each form takes, and the module argument each becomes ('' for a flag that changes nothing the module says). */
const FORMS: Record<string, { module: OpenstackSpec['module']; options: Record<string, string>; positional: string[] }> = {
  'user create': {
    module: 'openstack.cloud.identity_user',
    options: { '--domain': 'domain', '--password': 'password', '--email': 'email', '--description': 'description', '--project': 'default_project', '--enable': '', '--password-prompt': '', '--or-show': '' },
    positional: ['name'],
  },
  'project create': {
    module: 'openstack.cloud.project',
    options: { '--domain': 'domain_id', '--description': 'description', '--enable': '', '--or-show': '' },
    positional: ['name'],
  },
  'role create': { module: 'openstack.cloud.identity_role', options: { '--or-show': '' }, positional: ['name'] },
  'service create': { module: 'openstack.cloud.catalog_service', options: { '--name': 'name', '--description': 'description', '--enable': '' }, positional: ['service_type'] },
  'endpoint create': { module: 'openstack.cloud.endpoint', options: { '--region': 'region', '--enable': '' }, positional: ['service', 'endpoint_interface', 'url'] },
  'role add': { module: 'openstack.cloud.role_assignment', options: { '--project': 'project', '--domain': 'domain', '--user': 'user', '--group': 'group' }, positional: ['role'] },
};

/** The module spec of an `openstack` command (guide text, one line), or null when none says the same. */
export function openstackModuleSpec(run: string): OpenstackSpec | null {
  const words = shellWords(run);
  if (!words) return null;
  const [client, kind, verb, ...rest] = words;
  const form = client === 'openstack' ? FORMS[`${kind} ${verb}`] : undefined;
  if (!form) return null;
  const args: Record<string, string> = {};
  const positional: string[] = [];
  const options = new Set<string>();
  for (let i = 0; i < rest.length; i += 1) {
    const w = rest[i]!;
    if (!w.startsWith('-')) {
      positional.push(w);
      continue;
    }
    const [option, glued] = w.includes('=') ? [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)] : [w, undefined];
    const key = form.options[option];
    if (key === undefined || options.has(option)) return null;
    options.add(option);
    if (FLAGS.has(option)) {
      if (glued !== undefined) return null;
      continue;
    }
    const value = glued ?? rest[(i += 1)];
    if (value === undefined || value === '') return null;
    if (key !== '') args[key] = value;
  }
  if (positional.length !== form.positional.length) return null;
  form.positional.forEach((key, i) => (args[key] = positional[i]!));
  if (form.module === 'openstack.cloud.catalog_service' && !args.name) return null;
  if (form.module === 'openstack.cloud.endpoint' && !['public', 'internal', 'admin'].includes(args.endpoint_interface!)) return null;
  if (form.module === 'openstack.cloud.role_assignment' && (!args.user === !args.group || (args.project && args.domain))) return null;
  const prompted = options.has('--password-prompt');
  if (prompted && args.password) return null;
  return { module: form.module, args: { ...args, ...(form.module === 'openstack.cloud.role_assignment' ? {} : { state: 'present' }) }, ...(prompted ? { prompted } : {}) };
}

/** Registered credentials of a play's prelude states: prelude → session key → register name. */
const probes = new WeakMap<Rendered[], Map<string, string>>();

/**
 * The tasks of an `openstack` create with a module of the same meaning ({@link openstackModuleSpec}):
 * [credentials check, module task] the first time the play's session is in this state, else
 * [module task]; null when no module fits or a prompted password has no site variable.
 */
export function openstackModuleTasks(ctx: Context, procedure: Procedure, step: Step, action: CommandAction, prelude: Rendered[]): Task[] | null {
  const spec = openstackModuleSpec(action.run);
  if (!spec) return null;
  const answer = spec.prompted ? answerOf(ctx.graph, action) : null;
  if (spec.prompted && !answer) return null;
  let secret = false;
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(spec.args)) {
    const r = render(ctx, action, value, 'raw');
    secret ||= r.secret || key === 'password';
    args[key] = r.text;
  }
  if (answer) {
    args.password = render(ctx, action, answer.placeholder.name, 'raw').text;
    secret = true;
  }
  if (spec.module === 'openstack.cloud.identity_user' && args.password !== undefined) args.update_password = 'on_create';
  const env = session(prelude);
  const key = JSON.stringify([env.shell, env.environment, env.chdir]);
  const known = probes.get(prelude) ?? new Map<string, string>();
  probes.set(prelude, known);
  const tasks: Task[] = [];
  const name = taskName(ctx, step.text, action.id);
  let register = known.get(key);
  if (register === undefined) {
    ctx.checks += 1;
    register = `tejun_openstack_env_${ctx.checks}`;
    known.set(key, register);
    tasks.push(credentialsTask(`OpenStack credentials for ${name}`, action, env, register));
  }
  const task: Task = { name, [spec.module]: args };
  task.environment = `{{ dict(${register}.stdout_lines | default([]) | select('match', '^OS_[A-Za-z0-9_]+=') | map('split', '=', 1)) }}`;
  const finished = finish(ctx, task, procedure, step, action, { user: action.user, secret: secret || env.secret, tag: 'cloud' });
  finished[COMMENT] = 'the module looks the object up first: a second run changes nothing';
  tasks.push(finished);
  return tasks;
}

/**
 * The check task that reads the OS_* variables of the session: the prelude's shell commands, then
 * `env`, with the prelude's exports as its environment; reports no change, runs in check mode
 * too, fails (outside check mode, where the guide's openrc may not be written yet) when the
 * prelude fails. No condition of its own: later module tasks of the play read its result.
 */
function credentialsTask(name: string, action: CommandAction, env: ReturnType<typeof session>, register: string): Task {
  const args: Record<string, unknown> = { cmd: [...env.shell, 'env'].join(' && '), executable: '/bin/bash' };
  if (env.chdir !== null) args.chdir = env.chdir;
  const task: Task = { name, 'ansible.builtin.shell': args };
  if (env.environment) task.environment = env.environment;
  Object.assign(task, { register, changed_when: false, failed_when: `${register}.rc != 0 and not ansible_check_mode`, check_mode: false });
  // No condition of its own (a later task of another condition reads it); become as the command would.
  if (action.user === 'user') task.become = false;
  else if (action.user && action.user !== 'root') task.become_user = action.user;
  Object.assign(task, { no_log: true, tags: ['cloud'] });
  task[COMMENT] = "a check: reads the environment of the guide's session (OS_* variables) only";
  return task;
}
