/**
 * The command handler of the playbook: a command action → a module task when one fits
 * (ansible/modules.ts: package, service, mount, file, lineinfile…), else a run-once
 * command/shell task (with an assert for a check with an expected value); `source`/`export`/`cd`
 * become the prelude of the play's later shell tasks.
 */
import type { CommandAction, Procedure, Step } from '../../../ir/types.js';
import { UnsafeText } from '../../escape/ansible.js';
import { idempotentCommand } from '../../shell/idempotent.js';
import { escapeWordParens } from '../../shell/redirect.js';
import { oneLine } from '../../templates.js';
import { answerTasks } from '../answer-tasks.js';
import { finish, render, renderPath, taskName, type Context, type Rendered } from '../context.js';
import { classifyCommand, comparableExpectation, mountSpec, splitAndChain, type GenericSpec } from '../modules.js';
import { rootedPath, rootedRedirects } from '../paths.js';
import { runOnce } from '../run-once.js';
import type { Task, TaskTag } from '../types.js';

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
  const answered = answerTasks(ctx, procedure, step, action, prelude);
  if (answered) return answered;
  const chain = splitAndChain(action.run);
  if (chain) return chain.flatMap((run) => commandTasks(ctx, procedure, step, { ...action, run }, prelude));
  const name = taskName(ctx, step.text, action.source.line);
  const spec = mountSpec(action.run, ctx.fstab) ?? classifyCommand(action.run);
  const common: { user?: string; secret: boolean; tag: TaskTag } = { user: action.user, secret: false, tag: 'commands' };
  if (spec.module === 'ansible.builtin.package') {
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
    const tags: Record<GenericSpec['module'], TaskTag> = {
      'ansible.builtin.apt': 'packages',
      'ansible.builtin.yum': 'packages',
      'ansible.builtin.file': 'files',
      'ansible.builtin.lineinfile': 'config',
      'ansible.posix.mount': 'mounts',
    };
    common.tag = tags[spec.module];
    const fileKey = spec.module === 'ansible.posix.mount' ? 'fstab' : 'path';
    const args: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(spec.args)) {
      if (typeof value !== 'string') args[key] = value;
      else {
        const r = key === fileKey ? renderPath(ctx, action, value) : render(ctx, action, value, 'raw');
        args[key] = key === fileKey ? rootedPath(r.text) : r.text;
        common.secret ||= r.secret;
      }
    }
    return [finish(ctx, { name, [spec.module]: args }, procedure, step, action, common)];
  }
  // As the bash runbook: `mkdir DIR` → `mkdir -p DIR`, `rm FILE` → `rm -f FILE` (shell/idempotent.ts),
  // and `(`…`)` inside a word (`/v2/%(tenant_id)s`, 003:1958) escaped (shell/redirect.ts).
  const rendered = render(ctx, action, escapeWordParens(idempotentCommand(spec.cmd)), 'shell');
  // A secret exported or sourced earlier is on every later command line of the play.
  common.secret = rendered.secret || prelude.some((p) => p.secret);
  const before = prelude.map((p) => p.text);
  if (spec.module === 'environment') {
    common.tag = 'environment';
    const task: Task = {
      name,
      'ansible.builtin.shell': { cmd: [...before, rendered.text].join(' && '), executable: '/bin/bash' },
      changed_when: false,
    };
    const out = finish(ctx, task, procedure, step, action, common);
    prelude.push(rendered);
    return [out];
  }
  const shell = spec.module === 'ansible.builtin.shell' || prelude.length > 0;
  const pipe = /\|/.test(action.run);
  const cmd = rootedRedirects([...(pipe ? ['set -o pipefail'] : []), ...before, rendered.text].join(' && '));
  const task: Task = shell
    ? { name, 'ansible.builtin.shell': { cmd, executable: '/bin/bash' } }
    : { name, 'ansible.builtin.command': { cmd: rendered.text } };
  const expectation = action.verify && action.expect ? comparableExpectation(action.expect) : null;
  let register: string | null = null;
  if (expectation) {
    ctx.checks += 1;
    register = `tejun_check_${ctx.checks}`;
    task.register = register;
  }
  task.changed_when = !action.verify;
  // A check the guide branches on (a fallback follows for its failing result): never fails the play.
  if (action.branches) task.failed_when = false;
  if (action.verify) common.tag = 'checks';
  const module = shell ? 'ansible.builtin.shell' : 'ansible.builtin.command';
  const finished = finish(ctx, task, procedure, step, action, common);
  const tasks = action.verify ? [finished] : runOnce(ctx, finished, module, action);
  if (expectation && register && !action.branches) {
    const assertTask: Task = {
      name: taskName(ctx, `${step.text} → ${action.expect ?? ''}`, action.source.line),
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

