/**
 * The command handler of the bash runbook: a command action → `tejun_run` (or `tejun_check`,
 * `tejun_run_as`, a session of the SQL handler, or a comment for a shell it cannot drive), its
 * placeholders substituted by quoting context (bash/subst.ts), made re-runnable
 * (shell/idempotent.ts) and its redirections rerooted (shell/redirect.ts).
 */
import type { CommandAction } from '../../../ir/types.js';
import { placeExpansion } from '../../escape/bash.js';
import { answeredCommandLines } from '../../shell/bash-answers.js';
import { idempotentCommand } from '../../shell/idempotent.js';
import { oneShotCommand } from '../../shell/one-shot.js';
import { escapeWordParens, rerootRedirects } from '../../shell/redirect.js';
import { commentText, q, variableOf, warnUnbalanced, where, type BashContext } from '../context.js';
import { readExpectation, type Expectation } from '../../expectation.js';
import { escapedExpansion, substituteShell } from '../subst.js';
import { isSqlClient, sessionLines } from './sql.js';

/** True for `su USER [-s SHELL]` without `-c`: opens a shell, cannot run unattended. */
function opensShell(run: string): boolean {
  return /^su(\s|$)/.test(run) && !/(^|\s)(-c|--command)(\s|=|$)/.test(run);
}

/** Lines of a command action: a session, a check, a command as another user, or a command. */
export function commandLines(ctx: BashContext, a: CommandAction): string[] {
  const at = q(where(ctx, a));
  const phs = ctx.placeholders(a);
  if (ctx.openers.has(a.id) || (a.interactive && isSqlClient(a.run))) return sessionLines(ctx, a);
  const answered = answeredCommandLines(ctx, a);
  if (answered) return answered;
  if (a.interactive || opensShell(a.run)) {
    return [
      `# ${where(ctx, a)} interactive, not run: ${commentText(a.run)}`,
      '# (the commands the guide types in it run below as that user)',
    ];
  }
  if (a.user !== 'root' && a.user !== 'user') {
    // Run with sh as that account: values passed as positional parameters, a value in a URL's
    // userinfo or a JavaScript string as its own parameter, escaped by the runbook (sh has no tejun_escape).
    const index = new Map<string, string>();
    const args: string[] = [];
    const sub = substituteShell(
      a.run,
      phs,
      (p, escape) => {
        const key = `${escape}\0${p.name}`;
        if (!index.has(key)) {
          index.set(key, String(index.size + 1));
          args.push(placeExpansion(escapedExpansion(variableOf(ctx)(p), escape), 'unquoted'));
        }
        return index.get(key)!;
      },
      (position) => `\${${position}}`,
    );
    warnUnbalanced(ctx, a, sub.balanced);
    return [`tejun_run_as ${q(a.user)} ${at} ${q(sub.text)}${args.map((x) => ' ' + x).join('')}`];
  }
  const substituted = substituteShell(a.run, phs, variableOf(ctx));
  warnUnbalanced(ctx, a, substituted.balanced);
  const sub = { ...substituted, text: rerootRedirects(escapeWordParens(idempotentCommand(oneShotCommand(substituted.text)))) };
  if (a.verify) {
    return [`tejun_check ${at} ${q(sub.text)} ${checkTest(readExpectation(a.run, a.expect))} ${q(a.expect ?? '')}${a.branches ? ` branch ${q(a.id)}` : ''}`];
  }
  const move = ctx.cds.get(a.id);
  if (move) {
    // A relative `cd` typed where the guide means it (shell/cd-plan.ts), through the runbook's
    // tejun_cd; going back is the first `cd`'s job: entering the tree's top when there is one.
    const cd = (back: string | null, head: string, text: string): string => `tejun_cd ${at} ${q(back ?? '')} ${q(head)} ${q(text)}`;
    const { back, enter, head } = move;
    if (!enter) return [cd(back, head, sub.text)];
    return [cd(back, enter.dir, substituteShell(`cd ${enter.dir}`, ctx.placeholders(enter.action), variableOf(ctx)).text), cd(null, head, sub.text)];
  }
  return [`tejun_run ${at} ${q(sub.text)}`];
}

/** `tejun_check`'s test words for expectation `e`: `ge N`, `le N`, `eq N`, `nothing ''`, or `'' ''` (none: its words are shown). */
function checkTest(e: Expectation | null): string {
  if (!e) return "'' ''";
  if (e.kind === 'nothing') return "nothing ''";
  return `${({ '>=': 'ge', '<=': 'le', '==': 'eq' } as const)[e.op]} ${e.value}`;
}
