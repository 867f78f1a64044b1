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
  // chdir fails before the task is skipped.
  const rendered = render(ctx, action, escapeWordParens(idempotentCommand(cmd)), 'shell');
  const dir = relativeCd(cmd);
  if (dir !== null) {
    restartFrom(prelude, dir);
    rendered.cdDir = dir;
  }
  prelude.push(rendered);
}

/** The directory of `cd DIR` when DIR is a plain relative path (`pgpool-II-&version;/src/sql`), else null. */
function relativeCd(cmd: string): string | null {
  const m = /^cd\s+([^\s;&|<>'"`$~/-][^\s;&|<>'"`$]*)$/.exec(cmd.trim());
  return m && !m[1]!.split('/').includes('..') ? m[1]! : null;
}

/**
 * A guide that writes each section's `cd` from the directory its sources were unpacked in
 * (`cd pgpool-II-X` to build, later `cd pgpool-II-X/src/sql/pgpool-recovery`): a relative `cd`
 * whose first directory is the first directory of an earlier relative `cd` of the prelude is
 * typed where that earlier one was, so that `cd` and every relative `cd` after it leave the
 * prelude (a shell that ran them all would look for pgpool-II-X/pgpool-II-X/…). Other entries
 * (`source`, exports) stay.
 */
function restartFrom(prelude: Rendered[], dir: string): void {
  const head = dir.split('/')[0]!;
  const from = prelude.findIndex((p) => p.cdDir !== undefined && p.cdDir.split('/')[0] === head);
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
