/**
 * The command handler of the playbook: a command action → a module task when one fits
 * (ansible/modules.ts: package, service, mount, file, lineinfile…), else a run-once
 * command/shell task (with an assert for a check with an expected value); `source`/`export`/`cd`
 * become the prelude of the play's later shell tasks.
 */
import type { CommandAction, Procedure, Step } from '../../../ir/types.js';
import { UnsafeText } from '../../escape/ansible.js';
import { idempotentCommand } from '../../shell/idempotent.js';
import { oneShotCommand } from '../../shell/one-shot.js';
import { escapeWordParens } from '../../shell/redirect.js';
import { oneLine } from '../../templates.js';
import { answerTasks } from '../answer-tasks.js';
import { finish, render, renderPath, taskName, type Context, type Rendered } from '../context.js';
import { classifyCommand, mountSpec, splitAndChain, type GenericSpec } from '../modules.js';
import { rootedPath, rootedRedirects } from '../paths.js';
import { runOnce } from '../run-once.js';
import { COMMENT, type Task, type TaskTag } from '../types.js';
import { addToPrelude, session } from './environment.js';
import { fileMode } from '../file-modes.js';
import { lintNoqa, skipLint } from '../lint-notes.js';
import { existenceGuarded } from './openstack.js';
import { openstackModuleTasks } from './openstack-modules.js';
import { branchRegister } from '../branch-results.js';
import { rebootOnce, REBOOT_MODULE } from './reboot.js';
import { readExpectation } from '../../expectation.js';

/** True when an interactive command only switches user (`su nova -s /bin/sh`, `sudo -iu x`). */
export function isUserSwitch(run: string): boolean {
  const first = run.trim().split(/\s+/)[0] ?? '';
  return first === 'su' || first === 'sudo';
}

/** Tasks for one command action. `prelude` is the play's environment commands so far. */
export function commandTasks(
  ctx: Context,
  procedure: Procedure,
  step: Step,
  action: CommandAction,
  prelude: Rendered[],
): Task[] {
  // An empty command (a bare prompt line the extractor kept, 002:450) opens no task.
  if (action.interactive || action.run.trim() === '') return [];
  // An OpenStack create with a module (its prompted password from the site file) before the prompt driver.
  const cloud = openstackModuleTasks(ctx, procedure, step, action, prelude);
  if (cloud) return cloud;
  const answered = answerTasks(ctx, procedure, step, action, prelude);
  if (answered) return answered;
  // `sudo CMD`: the play already runs as root (become), so CMD is read as the guide's root command.
  const sudo = /^sudo\s+([^-\s].*)$/.exec(action.run.trim());
  if (sudo) return commandTasks(ctx, procedure, step, { ...action, run: sudo[1]!, user: 'root' }, prelude);
  const chain = splitAndChain(action.run);
  if (chain) return chain.flatMap((run) => commandTasks(ctx, procedure, step, { ...action, run }, prelude));
  const name = taskName(ctx, step.text, action.id);
  const spec = mountSpec(action.run, ctx.fstab) ?? classifyCommand(action.run);
  const common: { user?: string; secret: boolean; tag: TaskTag } = { user: action.user, secret: false, tag: 'commands' };
  if ('names' in spec) {
    common.tag = 'packages';
    const names = spec.names.map((n) => render(ctx, action, n, 'raw'));
    common.secret = names.some((n) => n.secret);
    const task: Task = { name, 'ansible.builtin.package': { name: names.map((n) => n.text), state: 'present' } };
    return [finish(ctx, task, procedure, step, action, common)];
  }
  if ('items' in spec) {
    common.tag = 'services';
    const units = spec.items.map((item) => render(ctx, action, item.name, 'raw'));
    common.secret = units.some((u) => u.secret);
    const { state, enabled } = spec.items[0]!;
    const args: Record<string, unknown> = { name: units.length === 1 ? units[0]!.text : '{{ item }}' };
    if (state) args.state = state;
    if (enabled !== undefined) args.enabled = enabled;
    const task: Task = { name, [spec.module]: args };
    if (units.length > 1) task.loop = units.map((u) => u.text);
    return [finish(ctx, task, procedure, step, action, common)];
  }
  if ('args' in spec) {
    const task = genericTask(ctx, procedure, step, action, spec, name, common);
    return spec.module === REBOOT_MODULE ? rebootOnce(ctx, task, action) : [task];
  }
  if (spec.module === 'environment') {
    addToPrelude(ctx, action, spec.cmd, prelude);
    return [];
  }
  // As the bash runbook: `mkdir DIR` → `mkdir -p DIR`, `rm FILE` → `rm -f FILE` (shell/idempotent.ts),
  // and `(`…`)` inside a word (`/v2/%(tenant_id)s`, 003:1958) escaped (shell/redirect.ts).
  const rendered = render(ctx, action, escapeWordParens(idempotentCommand(oneShotCommand(spec.cmd))), 'shell');
  const env = session(prelude);
  // A secret exported or sourced earlier is in every later command's environment or command line.
  common.secret = rendered.secret || env.secret;
  const shell = spec.module === 'ansible.builtin.shell' || env.shell.length > 0;
  const pipe = /\|/.test(action.run);
  const cmd = rootedRedirects([...(pipe ? ['set -o pipefail'] : []), ...env.shell, rendered.text].join(' && '));
  const module = shell ? 'ansible.builtin.shell' : 'ansible.builtin.command';
  const args: Record<string, unknown> = shell ? { cmd, executable: '/bin/bash' } : { cmd: rendered.text };
  if (env.chdir !== null) args.chdir = env.chdir;
  const task: Task = { name, [module]: args };
  if (env.environment) task.environment = env.environment;
  const tested = action.verify ? readExpectation(action.run, action.expect) : null;
  const expectation = tested?.kind === 'count' ? tested : null;
  let register: string | null = null;
  if (action.verify && action.branches) register = branchRegister(action);
  else if (tested) {
    ctx.checks += 1;
    register = `tejun_check_${ctx.checks}`;
  }
  if (register) task.register = register;
  task.changed_when = !action.verify;
  // A search that must find nothing (expectation.ts): grep's 1 (no line) passes; 0 fails the play
  // and shows the lines found, 2 (a file it could not read) fails too.
  if (tested?.kind === 'nothing' && register && !action.branches) task.failed_when = `${register}.rc != 1`;
  // A check the guide branches on (a fallback follows for its failing result, branch-results.ts):
  // never fails the play, and runs in check mode too (it only reads) so the fallback's test has a result.
  if (action.branches) task.failed_when = false;
  if (action.verify && action.branches) task.check_mode = false;
  if (action.verify) common.tag = 'checks';
  const finished = finish(ctx, task, procedure, step, action, common);
  const lintNote = lintNoqa(String(args.cmd));
  const guarded = action.verify ? null : existenceGuarded(ctx, finished, module, action, env.shell);
  const tasks = action.verify ? [finished] : (guarded ?? withComment(runOnce(ctx, finished, module, action), RUN_ONCE_WHY));
  if (action.verify) finished[COMMENT] = tested?.kind === 'nothing' ? 'a check: changes nothing; the search must find no line (exit status 1)' : 'a check: changes nothing';
  if (lintNote) skipLint(finished, lintNote);
  if (expectation && register && !action.branches) {
    const assertTask: Task = {
      name: taskName(ctx, `${step.text} → ${action.expect ?? ''}`, action.id),
      'ansible.builtin.assert': {
        that: [`(${register}.stdout | trim | int) ${expectation.op} ${expectation.value}`],
        fail_msg: new UnsafeText(oneLine(action.expect ?? '')),
      },
    };
    tasks.push(
      finish(ctx, assertTask, procedure, step, action, {
        user: undefined,
        secret: common.secret,
        tag: 'checks',
        when: [`${register} is not skipped`],
      }),
    );
  }
  return tasks;
}

/** Why a stamped command has no `creates`/`removes` or check of its own (written as the task's comment). */
const RUN_ONCE_WHY = 'run once (stamp): nothing on the host tells whether it ran';

/** `tasks` with `comment` on the first (the command; the second is its stamp). */
function withComment(tasks: Task[], comment: string): Task[] {
  if (tasks[0]) tasks[0][COMMENT] = comment;
  return tasks;
}

/**
 * The task of a module with fixed arguments (modules.ts's GenericSpec): its path argument
 * (`path`, mount's `fstab`) under tejun_root, a `mode` where it may create a
 * file (file-modes.ts), its tag by what it touches.
 */
function genericTask(
  ctx: Context,
  procedure: Procedure,
  step: Step,
  action: CommandAction,
  spec: GenericSpec,
  name: string,
  common: { user?: string; secret: boolean; tag: TaskTag },
): Task {
  const tags: Record<GenericSpec['module'], TaskTag> = {
    'ansible.builtin.apt': 'packages',
    'ansible.builtin.yum': 'packages',
    'ansible.builtin.file': 'files',
    'ansible.builtin.lineinfile': 'config',
    'ansible.builtin.replace': 'config',
    'ansible.posix.mount': 'mounts',
    // A reboot has its own tag: `--skip-tags reboot` re-runs a playbook without rebooting again.
    'ansible.builtin.reboot': 'reboot',
    // The firewall has its own tag: the module needs python3-firewall and a running firewalld.
    'ansible.posix.firewalld': 'firewall',
    'ansible.builtin.hostname': 'config',
    'ansible.builtin.pip': 'packages',
    // Disks: skipped with the mounts (`--skip-tags mounts` where the disks are not there).
    'community.general.lvg': 'mounts',
    'community.general.lvol': 'mounts',
    'community.general.filesystem': 'mounts',
    'community.general.easy_install': 'packages',
    'ansible.builtin.package': 'packages',
    'ansible.builtin.dpkg_selections': 'packages',
  };
  common.tag = tags[spec.module];
  const fileKey = spec.module === 'ansible.posix.mount' ? 'fstab' : 'path';
  // A link's absolute target is a file of the same host: under tejun_root with the link (the
  // module refuses a link to a target that is not there), unchanged when the root is empty.
  const linkTarget = spec.module === 'ansible.builtin.file' && spec.args.state === 'link' && typeof spec.args.src === 'string' && spec.args.src.startsWith('/') ? 'src' : null;
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(spec.args)) {
    if (Array.isArray(value)) {
      const items = value.map((v) => render(ctx, action, v, 'raw'));
      args[key] = items.map((r) => r.text);
      common.secret ||= items.some((r) => r.secret);
    } else if (typeof value !== 'string') args[key] = value;
    else {
      // A link's absolute target is a path on the host too: under tejun_root the staged link
      // points into the staged tree (where the run wrote the file), and the module finds it there.
      const rooted = key === fileKey || key === linkTarget;
      const r = rooted ? renderPath(ctx, action, value) : render(ctx, action, value, 'raw');
      args[key] = rooted ? rootedPath(r.text) : r.text;
      common.secret ||= r.secret;
    }
  }
  if (spec.module === 'ansible.builtin.lineinfile') args.mode = fileMode(ctx, String(spec.args[fileKey]), common.secret);
  const task = finish(ctx, { name, [spec.module]: args }, procedure, step, action, common);
  if (spec.module === 'ansible.builtin.file' && spec.args.recurse === true && spec.args.mode === undefined) {
    skipLint(task, 'chown -R changes owners only, never modes: lint skips risky-file-permissions');
  }
  if (spec.module === 'ansible.builtin.pip' && spec.args.state === 'latest') skipLint(task, 'the guide asks for the newest release (--upgrade): lint skips package-latest');
  if (spec.module === 'ansible.builtin.yum' && spec.args.state === 'latest') skipLint(task, 'the guide updates every package: lint skips package-latest');
  return task;
}
