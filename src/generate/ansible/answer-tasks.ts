/**
 * The playbook's form of a command that asks for a secret (shell/interactive-secrets.ts): the
 * value reaches the command through a module parameter or the task's environment, never its
 * command line, and the task is `no_log`.
 *
 * - `env`:   `ansible.builtin.command` with `environment: {MYSQL_PWD: "{{ DB_ROOT_PASS }}"}`;
 * - `stdin`: `ansible.builtin.command: {cmd: chpasswd, stdin: "nova:{{ NOVA_LOGIN_PASS }}"}`;
 * - `pty`:   the bash runbook's pty driver (shell/bash-answers.ts) in `ansible.builtin.shell`, the
 *            value in `environment: {TEJUN_ANSWER: …}`.
 * Each is run once (a stamp, see run-once.ts), as the command handler's other commands.
 */
import type { CommandAction, Procedure, Step } from '../../ir/types.js';
import { ptyCommandLine } from '../shell/bash-answers.js';
import { answerOf } from '../shell/interactive-secrets.js';
import { finish, render, taskName, type Context, type Rendered } from './context.js';
import { runOnce } from './run-once.js';
import type { Task } from './types.js';

/**
 * The tasks of a command that asks for a secret, or null when `action` asks nothing (the command
 * handler then goes on as usual).
 */
export function answerTasks(ctx: Context, procedure: Procedure, step: Step, action: CommandAction, prelude: Rendered[]): Task[] | null {
  const found = answerOf(ctx.graph, action);
  if (!found) return null;
  const { prompted, placeholder } = found;
  const rule = prompted.rule;
  const name = taskName(ctx, step.text, action.id);
  const value = render(ctx, action, placeholder.name, 'raw').text;
  const cmd = render(ctx, action, prompted.command, 'shell').text;
  // The play's `source`/`export` commands so far run first, as for the command handler's shell tasks.
  const before = prelude.map((p) => p.text);
  const shell = before.length > 0;
  const run = (text: string): [string, Record<string, unknown>] =>
    shell ? ['ansible.builtin.shell', { cmd: [...before, text].join(' && '), executable: '/bin/bash' }] : ['ansible.builtin.command', { cmd: text }];
  let module: string;
  let task: Task;
  if (rule.answer === 'pty') {
    // The bash runbook's pty driver, the value in the task's environment (no pexpect needed on
    // the host, as ansible.builtin.expect would).
    module = 'ansible.builtin.shell';
    task = { name, [module]: { cmd: [...before, ptyCommandLine(rule.prompt!, cmd)].join(' && '), executable: '/bin/bash' }, environment: { TEJUN_ANSWER: value } };
  } else if (rule.answer === 'stdin') {
    const parts = rule.stdin!.split(/(\{arg\}|\{value\})/).map((p) => (p === '{arg}' ? prompted.arg : p === '{value}' ? placeholder.name : p));
    const [m, args] = run(rule.run!);
    module = m;
    task = { name, [module]: { ...args, stdin: render(ctx, action, parts.join(''), 'raw').text } };
  } else {
    const [m, args] = run(cmd);
    module = m;
    task = { name, [module]: args, environment: { [rule.env!]: value } };
  }
  task.changed_when = true;
  const finished = finish(ctx, task, procedure, step, action, { user: action.user, secret: true, tag: 'commands' });
  return runOnce(ctx, finished, module, action);
}
