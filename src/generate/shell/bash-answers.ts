/**
 * The bash runbook's form of a command that asks for a secret (shell/interactive-secrets.ts):
 * the value goes from the runbook's variable to the command through the environment or a pipe
 * from `printf` (a bash builtin: no process, so no command line), never as an argument.
 *
 * - `env`:   `MYSQL_PWD="${DB_ROOT_PASS}" mysqladmin -u root create x` (an assignment before the
 *            command is its environment, not its arguments);
 * - `stdin`: `printf '%s:%s\n' nova "${NOVA_LOGIN_PASS}" | chpasswd`;
 * - `pty`:   `TEJUN_ANSWER="${NOVA_PASS}" "$(… command -v python3)" -c '<driver>' '(?i)password:'
 *            openstack user create … --password-prompt nova` (the system's python3 first): the driver ({@link PTY_DRIVER}) runs the command on
 *            a pseudo-terminal and types the value after each prompt; it gives up after
 *            {@link PTY_TIMEOUT_SECONDS} seconds without output (never a hang).
 */
import type { CommandAction } from '../../ir/types.js';
import { q, variableOf, warnUnbalanced, where, type BashContext } from '../bash/context.js';
import { substituteShell } from '../bash/subst.js';
import { answerOf } from './interactive-secrets.js';

/** Seconds the pty driver waits for output before it stops the command. */
export const PTY_TIMEOUT_SECONDS = 300;

/**
 * The pty driver (Python 3, standard library only): argv[1] is the prompt pattern, argv[2:] the
 * command; the answer is read from TEJUN_ANSWER, which is removed from the environment the
 * command sees. Exits with the command's status, or 1 after a silence of the timeout.
 */
export const PTY_DRIVER = [
  'import os, pty, re, select, sys',
  'answer = os.environ.pop("TEJUN_ANSWER", "").encode() + b"\\n"',
  'prompt = re.compile(sys.argv[1].encode())',
  'pid, fd = pty.fork()',
  'if pid == 0:',
  '    os.execvp(sys.argv[2], sys.argv[2:])',
  'seen = b""',
  'while True:',
  `    if not select.select([fd], [], [], ${PTY_TIMEOUT_SECONDS})[0]:`,
  '        os.kill(pid, 9)',
  '        sys.stderr.write("tejun: no prompt answered, stopped\\n")',
  '        break',
  '    try:',
  '        data = os.read(fd, 4096)',
  '    except OSError:',
  '        break',
  '    if not data:',
  '        break',
  '    os.write(1, data)',
  '    seen = (seen + data)[-512:]',
  '    if prompt.search(seen):',
  '        os.write(fd, answer)',
  '        seen = b""',
  'status = os.waitpid(pid, 0)[1]',
  'sys.exit(status >> 8 if status & 0x7F == 0 else 1)',
].join('\n');

/**
 * The shell text that runs `command` (shell text, already substituted) under the pty driver,
 * answering `prompt`; the answer is read from TEJUN_ANSWER. The system's python3 first
 * (/usr/bin: the one the OpenStack client is installed with; a per-user shim such as pyenv's may
 * not work as root or under another HOME), else any on PATH. Holds no `{{`, `{%` or `{#`, so the
 * playbook can put it in a template as is.
 */
export function ptyCommandLine(prompt: string, command: string): string {
  return `"$(PATH="/usr/bin:/bin:$PATH" command -v python3)" -c ${q(PTY_DRIVER)} ${q(prompt)} ${command}`;
}

/** A `printf` format for literal text: `%` doubled, `\` doubled. */
function printfLiteral(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

/**
 * The runbook line of a command that asks for a secret, or null when `a` asks nothing (the
 * command handler then goes on as usual).
 */
export function answeredCommandLines(ctx: BashContext, a: CommandAction): string[] | null {
  const found = answerOf(ctx.graph, a);
  if (!found) return null;
  const { prompted, placeholder } = found;
  const rule = prompted.rule;
  const value = `"\${${variableOf(ctx)(placeholder)}}"`;
  const sub = substituteShell(prompted.command, ctx.placeholders(a), variableOf(ctx));
  warnUnbalanced(ctx, a, sub.balanced);
  let text: string;
  if (rule.answer === 'env') {
    text = `${rule.env}=${value} ${sub.text}`;
  } else if (rule.answer === 'stdin') {
    const parts = rule.stdin!.split(/(\{arg\}|\{value\})/);
    const format = parts.map((p) => (p === '{arg}' || p === '{value}' ? '%s' : printfLiteral(p))).join('') + '\\n';
    const argWord = substituteShell(prompted.arg, ctx.placeholders(a), variableOf(ctx)).text;
    const args = parts.filter((p) => p === '{arg}' || p === '{value}').map((p) => (p === '{value}' ? value : argWord === prompted.arg ? q(prompted.arg) : argWord));
    text = `printf ${q(format)} ${args.join(' ')} | ${rule.run}`;
  } else {
    text = `TEJUN_ANSWER=${value} ${ptyCommandLine(rule.prompt!, sub.text)}`;
  }
  return [`# ${where(ctx, a)} asks for ${placeholder.name} at a terminal: answered from the site value (${rule.id})`, `tejun_run ${q(where(ctx, a))} ${q(text)}`];
}
