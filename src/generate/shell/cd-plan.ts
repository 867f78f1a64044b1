/**
 * Where the guide means each `cd` to go. Guides that build from sources write a section's `cd`
 * in one of two habits, which a shell running every `cd` in turn misreads:
 *
 * - from the directory the sources were unpacked in (`cd src-1.0` to build, a later section
 *   `cd src-1.0/contrib/a`): a relative `cd` whose first directory is the first directory of an
 *   earlier `cd` of the chain is typed where that earlier one was (a shell would look for
 *   `src-1.0/src-1.0/contrib/a`);
 * - from the top of the tree the guide works in (a later section's first `cd` is `cd doc`, after
 *   the previous section went down to `src-1.0/src/sql`): the first relative `cd` of a procedure
 *   that continues no directory of the chain starts from the top directory of the chain
 *   (`src-1.0/doc`, not `src-1.0/src/sql/doc`).
 *
 * A `cd` into a subdirectory within one procedure continues the chain (`cd build`, `cmake ..`);
 * an absolute `cd` starts a new chain; `cd ..`, `cd -` and `cd ~` are kept in the chain and
 * never matched. Shared by both generators: the bash runbook returns to the recorded directory
 * (`tejun_cd`), the playbook drops the `cd`s of its shell prelude (ansible/handlers/environment.ts).
 */
import type { CommandAction, StepGraph } from '../../ir/types.js';

/** How one relative `cd DIR` of the guide is typed. */
export interface CdMove {
  /** The first directory of DIR: the key under which the place it is typed from is recorded. */
  head: string;
  /**
   * Return first to the place the `cd` recorded under this key was typed from (the chain restarts
   * there), or null to go on from the current directory.
   */
  back: string | null;
  /**
   * A directory to enter after going back and before DIR, or null: `dir` is the first directory of
   * the chain's first `cd` (guide text), `action` that `cd` (whose placeholders `dir` holds).
   */
  enter: { dir: string; action: CommandAction } | null;
}

/** The directory of `cd DIR` when DIR is a plain relative path (`pgpool-II-&version;/src/sql`), else null. */
export function relativeCd(run: string): string | null {
  const m = /^cd\s+([^\s;&|<>'"`$~/-][^\s;&|<>'"`$]*)$/.exec(run.trim());
  return m && !m[1]!.split('/').includes('..') ? m[1]! : null;
}

/** True for any `cd` command line (`cd`, `cd /x`, `cd ..`); `run` is one shell line. */
export const isCd = (run: string): boolean => /^cd(\s|$)/.test(run.trim());

/**
 * The move of every relative `cd` of `graph`, by action id, reading the guide in order. Pure;
 * never throws.
 */
export function planCds(graph: StepGraph): Map<string, CdMove> {
  const plan = new Map<string, CdMove>();
  /** The `cd`s since the last absolute one: the head of each relative one (null for others) and the action. */
  let chain: Array<{ head: string | null; action: CommandAction }> = [];
  for (const procedure of graph.procedures) {
    let first = true;
    for (const step of procedure.steps) {
      for (const action of step.actions) {
        if (action.kind !== 'command' || !isCd(action.run)) continue;
        const dir = relativeCd(action.run);
        const wasFirst = first;
        first = false;
        if (dir === null) {
          if (/^cd\s+\//.test(action.run.trim())) chain = [];
          else chain.push({ head: null, action });
          continue;
        }
        const head = dir.split('/')[0]!;
        const match = chain.findIndex((e) => e.head === head);
        const top = chain[0];
        if (match >= 0) {
          plan.set(action.id, { head, back: head, enter: null });
          chain = [...chain.slice(0, match), { head, action }];
        } else if (wasFirst && top?.head) {
          plan.set(action.id, { head, back: top.head, enter: { dir: top.head, action: top.action } });
          chain = [top, { head, action }];
        } else {
          plan.set(action.id, { head, back: null, enter: null });
          chain.push({ head, action });
        }
      }
    }
  }
  return plan;
}
