/**
 * Aligns the procedures of two versions of a guide by meaning, never by position or number: a pair
 * scores by the similarity of its titles (numbering removed) and of what its actions are about
 * (INI settings, command signatures, services, files). Pairs are taken best first, each procedure
 * once; a procedure with no partner scoring at least {@link MIN_SCORE} is added or removed.
 */
import { titleKey } from '../extract/ids.js';
import type { Procedure, StepGraph } from '../ir/types.js';
import { looseKeys, textSimilarity } from './action-keys.js';

/** Lowest score for two procedures to be the same procedure in two versions. */
export const MIN_SCORE = 0.35;

/** Two procedures aligned (either side null: added or removed), with their score 0–1. */
export interface ProcedurePair {
  old: Procedure | null;
  new: Procedure | null;
  score: number;
}

function keysOf(p: Procedure): Set<string> {
  return new Set(p.steps.flatMap((s) => s.actions.flatMap(looseKeys)));
}

/**
 * How alike two procedures are, 0–1: 0.4 × title similarity + 0.6 × Dice of their action keys;
 * the title alone (and the step sentences) when either has no keyed action.
 */
export function procedureSimilarity(a: Procedure, b: Procedure): number {
  const title = textSimilarity(titleKey(a.title), titleKey(b.title));
  const x = keysOf(a);
  const y = keysOf(b);
  if (x.size === 0 || y.size === 0) {
    const text = textSimilarity(a.steps.map((s) => s.text).join(' '), b.steps.map((s) => s.text).join(' '));
    return x.size === y.size ? 0.6 * title + 0.4 * text : 0.5 * title;
  }
  let common = 0;
  for (const k of x) if (y.has(k)) common++;
  return 0.4 * title + 0.6 * ((2 * common) / (x.size + y.size));
}

/**
 * Aligns the procedures of `oldGraph` and `newGraph`.
 * @returns every procedure of both graphs exactly once: pairs and singles in the new guide's
 *   order, each removed procedure right after the pair holding its nearest earlier old neighbour.
 */
export function alignProcedures(oldGraph: StepGraph, newGraph: StepGraph): ProcedurePair[] {
  const olds = oldGraph.procedures;
  const news = newGraph.procedures;
  const candidates: Array<{ i: number; j: number; score: number }> = [];
  for (let i = 0; i < olds.length; i++) {
    for (let j = 0; j < news.length; j++) {
      const score = procedureSimilarity(olds[i]!, news[j]!);
      if (score >= MIN_SCORE) candidates.push({ i, j, score });
    }
  }
  // Best first; ties broken by the guides' order so the result is deterministic.
  candidates.sort((a, b) => b.score - a.score || a.i - b.i || a.j - b.j);
  const oldTaken = new Map<number, { j: number; score: number }>();
  const newTaken = new Set<number>();
  for (const c of candidates) {
    if (oldTaken.has(c.i) || newTaken.has(c.j)) continue;
    oldTaken.set(c.i, { j: c.j, score: c.score });
    newTaken.add(c.j);
  }
  const byNew = new Map<number, number>();
  for (const [i, { j }] of oldTaken) byNew.set(j, i);
  const out: ProcedurePair[] = [];
  const emitted = new Set<number>();
  const emitRemovedAfter = (i: number) => {
    for (let k = i + 1; k < olds.length && !oldTaken.has(k); k++) {
      out.push({ old: olds[k]!, new: null, score: 0 });
      emitted.add(k);
    }
  };
  emitRemovedAfter(-1);
  for (let j = 0; j < news.length; j++) {
    const i = byNew.get(j);
    if (i === undefined) {
      out.push({ old: null, new: news[j]!, score: 0 });
      continue;
    }
    out.push({ old: olds[i]!, new: news[j]!, score: oldTaken.get(i)!.score });
    emitted.add(i);
    emitRemovedAfter(i);
  }
  for (let i = 0; i < olds.length; i++) if (!emitted.has(i)) out.push({ old: olds[i]!, new: null, score: 0 });
  return out;
}
