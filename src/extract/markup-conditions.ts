/**
 * Conditions the markup itself puts on blocks (Sphinx `.. only:: rdo`, carried on text and code
 * blocks as `when`): a runbook runs what is inside only on the systems the expression names, so
 * the steps and actions read from those blocks carry it as their `when` (GOLD_FORMAT.md:
 * `.. only:: rdo` → `when: "rdo"`).
 */
import type { Block } from '../parse/blocks.js';

/** The markup condition of a block, or null (headings and boundaries never carry one). */
export function markupWhen(b: Block): string | null {
  return (b.type === 'text' || b.type === 'code') && b.when ? b.when : null;
}

/**
 * True when a block cannot join the current step because the markup puts it under another
 * condition than the block that opened the step (a code block inside `.. only:: rdo` after a
 * paragraph outside it, or the other way round).
 * @param stepWhen the markup condition of the block that opened the current step (null: none, or
 *   no step is open).
 */
export function markupConditionChanges(stepWhen: string | null, b: Block): boolean {
  return stepWhen !== markupWhen(b);
}

/**
 * A step's condition: the one its own prose states (or inherits from the prose above it) and the
 * one the markup puts it under, joined by `and` when both are given.
 */
export function stepCondition(markup: string | null, prose: string | null): string | null {
  if (markup && prose && markup !== prose) return `${markup} and ${prose}`;
  return markup ?? prose;
}
