/**
 * Where added lines go: a sentence saying the new lines must come before another line
 * (nlp/insert-position.ts) gives its anchor to the file actions it speaks of, as an operator
 * reads it:
 *
 * - said after the content, in a paragraph of its own under the item (000:297, under the rule at
 *   296): the file actions that end the step before it;
 * - said in the step that shows the content, before or after it (004:28): that step's file
 *   actions, once the step is read (the resolve pass calls {@link anchorStepFiles}).
 */
import type { FileAction, InsertBefore } from '../ir/types.js';
import type { DraftStep } from './reader/types.js';

/**
 * Gives `anchor`, read from a text block, to the file actions it speaks of.
 * @param anchor the anchor the text names.
 * @param step the step the text was read into (opened by it, or continued).
 * @param item true when the text is a list item's own text (a step of its own, never a note on the step before).
 * @param before the last step with actions before `step`, or null.
 * @returns nothing; sets `insertBefore` on the trailing file actions of `before` when `step` has no
 *   actions, the text is no item and `before` ends in a file action; else keeps the anchor on
 *   `step` (`step.insertBefore`) for its own file actions.
 */
export function placeAnchor(anchor: InsertBefore, step: DraftStep, item: boolean, before: DraftStep | null): void {
  const last = before?.actions.at(-1);
  if (!item && step.actions.length === 0 && before && before !== step && last?.kind === 'file') {
    for (let i = before.actions.length - 1; i >= 0; i--) {
      const a = before.actions[i]!;
      if (a.kind !== 'file') break;
      a.insertBefore = anchor;
    }
    return;
  }
  step.insertBefore = anchor;
}

/** Gives a step's kept anchor (see {@link placeAnchor}) to its file actions that have none. */
export function anchorStepFiles(step: DraftStep): void {
  const anchor = step.insertBefore;
  if (!anchor) return;
  for (const a of step.actions) if (a.kind === 'file' && !a.insertBefore) (a as FileAction).insertBefore = anchor;
}
