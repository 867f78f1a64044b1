/**
 * The result of `tejun diff OLD NEW`: what an operator has to do differently between two versions
 * of a guide, as plain JSON (the `--format json` output). Every item carries its position in both
 * guides where it has one: `path:line` of the old and the new guide; an item that exists in one
 * version only carries, on the other side, the position of the procedure it belongs to (`text`
 * null) or null when the whole procedure is new or gone.
 */

/** One side of a change: where in which guide, and what the guide says there (null: anchor only). */
export interface DiffSide {
  path: string;
  /** 1-based line in that guide file (`source.line` of the node). */
  line: number;
  text: string | null;
}

/** The kinds of change a diff reports, in the order reports list them. */
export const CHANGE_KINDS = [
  'procedure-added',
  'procedure-removed',
  'role-changed',
  'step-added',
  'step-removed',
  'setting-changed',
  'setting-moved',
  'setting-added',
  'setting-removed',
  'command-form-changed',
  'command-changed',
  'command-added',
  'command-removed',
  'file-changed',
  'file-added',
  'file-removed',
  'manual-added',
  'manual-removed',
  'command-lost',
  'placeholder-added',
  'placeholder-removed',
  'placeholder-renamed',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One difference an operator has to act on. */
export interface Change {
  kind: ChangeKind;
  old: DiffSide | null;
  new: DiffSide | null;
  /** The text of the step holding the change in each version, for context (null: none). */
  step?: { old: string | null; new: string | null };
  /** The actions of an added or removed step, described (`file [section] key = value`, a command). */
  actions?: string[];
  /** A remark in English: what else changed with it ("value also changed", "no longer enabled at boot"). */
  note?: string;
}

/** A procedure's title, position and role in one version. */
export interface ProcedureRef {
  title: string;
  line: number;
  role: string | null;
}

/** One procedure of either version and what changed in it. */
export interface ProcedureDiff {
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  old: ProcedureRef | null;
  new: ProcedureRef | null;
  /** How alike the two versions are, 0–1 (title and action identities); 0 for added/removed. */
  similarity: number;
  changes: Change[];
}

/** Which guide a side of the diff is. */
export interface DiffInput {
  path: string;
  title: string;
  dialect: string;
  sha256: string;
}

/** The whole diff of two step graphs. */
export interface GraphDiff {
  old: DiffInput;
  new: DiffInput;
  /** True when nothing an operator does differs (no change in any list below). */
  equal: boolean;
  /** Every procedure of both versions, in the new guide's order (removed ones after their old predecessor). */
  procedures: ProcedureDiff[];
  /** Placeholders added, removed or renamed (values the operator supplies). */
  placeholders: Change[];
  /** Commands lost from one copy (graph.missing) that no procedure above accounts for. */
  lost: Change[];
  /** Number of changes of each kind, over all lists. */
  counts: Partial<Record<ChangeKind, number>>;
}
