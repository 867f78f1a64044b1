/**
 * The shapes the reading pass builds and the resolve pass finishes: draft procedures and steps
 * (provisional ids, the context they were read in) before they become the step graph's
 * {@link Procedure}s and {@link Step}s.
 */
import type { VFile } from 'vfile';
import type { Grammar } from '../../grammar/load-grammar.js';
import type { Action, CommandAction, GuideFormat, InsertBefore, StepGraph } from '../../ir/types.js';
import type { Block } from '../../parse/blocks.js';
import type { Replaceable } from '../../parse/html-to-mdast.js';

/** What the extractor reads: the block stream of one guide (src/parse/blocks.ts) and its grammar. */
export interface ExtractInput {
  blocks: Block[];
  grammar: Grammar;
  format: GuideFormat;
  /** Receives diagnostics (lost commands, SQL outside a session, …) as vfile messages. */
  file: VFile;
  /** Placeholders the markup names (HTML `<em class="replaceable">`). */
  replaceables: Replaceable[];
}

/** The part of the step graph the extractor builds. */
export type Extracted = Pick<StepGraph, 'title' | 'roles' | 'procedures' | 'placeholders' | 'literals' | 'missing'>;

/**
 * A step while the guide is read: opened by a list item or paragraph (its text and 1-based guide
 * line), with the decisions taken on its text; its actions carry provisional ids.
 */
export interface DraftStep {
  /** Empty while reading; a provisional id (`s-N`) once the resolve pass keeps the step. */
  id: string;
  text: string;
  line: number;
  depth: number;
  item: boolean;
  role: string | null;
  when: string | null;
  optional: boolean;
  forbidden: boolean;
  lost: boolean;
  /** An item under a note marker (`- 補足：`): explains its parent, never a manual step. */
  note: boolean;
  /** The condition of a block offered instead of the one before (after a lone "または"), or null. */
  alternative: string | null;
  /** The markup condition of the block that opened the step (`.. only:: rdo`), see markup-conditions.ts. */
  markupWhen: string | null;
  /** A command the item's inline code runs again (repeated-command.ts): its action when the step has none. */
  repeats?: Omit<CommandAction, 'id'>;
  /** The line the step's text says its added lines go before (insert-anchor.ts). */
  insertBefore?: InsertBefore;
  actions: Action[];
}

/** A procedure while the guide is read: a section (heading text and line) and its draft steps. */
export interface DraftProc {
  id: string;
  title: string;
  line: number;
  /** Role named by the text around the procedure (intro paragraph, enclosing heading). */
  contextRole: string | null;
  /** Condition of an enclosing heading. */
  headingWhen: string | null;
  steps: DraftStep[];
}

/** An action before it has an id: any {@link Action} kind without its `id`. */
export type NewAction = Action extends infer A ? (A extends Action ? Omit<A, 'id'> : never) : never;
