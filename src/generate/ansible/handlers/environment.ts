/**
 * The shell session's environment as an Ansible engineer writes it: the guide's `export A=B`
 * becomes the `environment:` of the later command tasks of the play, and what no keyword
 * expresses (`source F`, `. F`, `cd D`, an export whose value the shell computes) stays a prefix
 * (`source F && …`) of later shell tasks. None of them is a task
 * of its own: they change nothing on the host, and a missing file or directory fails the first
 * task that needs it.
 */
import type { CommandAction } from '../../../ir/types.js';
import { idempotentCommand } from '../../shell/idempotent.js';
import { escapeWordParens } from '../../shell/redirect.js';
import { isCd } from '../../shell/cd-plan.js';
import { render, type Context, type Rendered } from '../context.js';

/** A plain value: no quote, no shell expansion, no whitespace. */
const PLAIN = /^[^\s'"$`\\|&;<>(){}*?[\]~!#]*$/;

/** `export NAME=VALUE` with VALUE plain, '…' (no quote inside) or "…" (no `$`, backtick, `\` or quote): [NAME, VALUE]. */
function exported(run: string): [string, string] | null {
  const m = /^export\s+([A-Za-z_][A-Za-z0-9_]*)=(?:'([^']*)'|"([^"$`\\]*)"|(\S*))$/.exec(run.trim());
  if (!m) return null;
  const value = m[2] ?? m[3] ?? m[4] ?? '';
  if (m[4] !== undefined && !PLAIN.test(value)) return null;
  return [m[1]!, value];
}

/**
 * Adds an environment command of the guide (`source`, `export`, `cd`) to the play's `prelude`:
 * an `env` entry for a literal export (its value rendered raw: the environment is no shell),
 * else the command itself as shell text (`text`, rendered for the shell).
 */
export function addToPrelude(ctx: Context, action: CommandAction, cmd: string, prelude: Rendered[]): void {
  const env = exported(cmd);
  if (env) {
    const value = render(ctx, action, env[1], 'raw');
    prelude.push({ text: '', secret: value.secret, env: { name: env[0], value: value.text } });
    return;
  }
  // `cd D` stays a shell prefix: a directory the playbook makes is not there in check mode, and
  // chdir fails before the task is skipped. Where the guide means it to go is shell/cd-plan.ts's.
  const rendered = render(ctx, action, escapeWordParens(idempotentCommand(cmd)), 'shell');
  if (isCd(cmd)) {
    const move = ctx.cds.get(action.id);
    if (move?.back) restartFrom(prelude, move.back);
    if (move?.enter) prelude.push({ ...render(ctx, move.enter.action, `cd ${move.enter.dir}`, 'shell'), cdDir: move.enter.dir });
    rendered.cdDir = move?.head ?? '';
  } else if (/^(?:source|\.)\s/.test(cmd.trim())) {
    dropResourced(prelude, rendered.text);
  }
  prelude.push(rendered);
}

/**
 * Drops from `prelude` an earlier `source F` of the same text when no `cd` stands between it and
 * the end (the same file then): sourcing it again sets what it set before, so the later one alone
 * gives the same environment (`source admin-openrc.sh && source demo-openrc.sh && source
 * admin-openrc.sh` → `source demo-openrc.sh && source admin-openrc.sh`).
 */
function dropResourced(prelude: Rendered[], text: string): void {
  for (let i = prelude.length - 1; i >= 0; i--) {
    const p = prelude[i]!;
    if (p.cdDir !== undefined) return;
    if (!p.env && p.text === text) prelude.splice(i, 1);
  }
}

/**
 * Drops from `prelude` the `cd` recorded under `head` (shell/cd-plan.ts's key: the first
 * directory of a relative `cd`) and every `cd` after it, so that the next `cd` is typed where
 * that one was. Other entries (`source`, exports) stay. Nothing changes when no `cd` has that head.
 */
function restartFrom(prelude: Rendered[], head: string): void {
  const from = prelude.findIndex((p) => p.cdDir === head);
  if (from < 0) return;
  for (let i = prelude.length - 1; i >= from; i--) if (prelude[i]!.cdDir !== undefined) prelude.splice(i, 1);
}

/** What the prelude gives a later command task: shell text before it, `environment:`, `chdir:`, secret. */
export interface Session {
  /** Shell commands to run before the task's command (`source F`), in order. */
  shell: string[];
  /** The task's `environment:` (last export of each name wins), or null. */
  environment: Record<string, string> | null;
  /** The task's `chdir:` (the last `cd`), or null. */
  chdir: string | null;
  /** True when an entry holds a secret (the task gets no_log). */
  secret: boolean;
}

/** The {@link Session} of a play's prelude so far. */
export function session(prelude: readonly Rendered[]): Session {
  const environment: Record<string, string> = {};
  let chdir: string | null = null;
  for (const p of prelude) {
    if (p.env) environment[p.env.name] = p.env.value;
    if (p.chdirText !== undefined) chdir = p.chdirText;
  }
  return {
    shell: prelude.filter((p) => !p.env && p.chdir === undefined).map((p) => p.text),
    environment: Object.keys(environment).length > 0 ? environment : null,
    chdir,
    secret: prelude.some((p) => p.secret),
  };
}
