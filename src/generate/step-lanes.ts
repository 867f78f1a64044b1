/**
 * The layout shared by the picture generators (steps-to-mermaid.ts, steps-to-dot.ts): the steps
 * of a step graph in guide order, grouped into one lane per role and, inside a lane, one box per
 * procedure, each step with the marks a picture shows (manual, conditional, optional, forbidden).
 *
 * Pure data over the step graph; no syntax of any picture language here.
 */
import type { Procedure, Role, Step, StepGraph } from '../ir/types.js';

/** One step as drawn. */
export interface DrawnStep {
  step: Step;
  procedure: Procedure;
  /** Index of the step in guide order over the whole graph (0-based). */
  order: number;
  /** The role the step runs on: its own, else its procedure's, else null (unspecified). */
  role: Role | null;
  /** Every action is `manual` (or the step has no action): the operator does it by hand. */
  manual: boolean;
  /**
   * The guide's condition for the step in its own words: the step's `when`, else its procedure's,
   * else the first action's; null when the step is unconditional.
   */
  when: string | null;
  /** The step or one of its actions is marked optional (オプション). */
  optional: boolean;
  /** The guide says not to do it (〜してはなりません). */
  forbidden: boolean;
}

/** The part of one procedure that runs on one lane's role: consecutive in guide order or not. */
export interface ProcedurePart {
  procedure: Procedure;
  /** Index of the procedure in `graph.procedures` (0-based). */
  procedureIndex: number;
  steps: DrawnStep[];
}

/** One lane: a role and the parts of the procedures that run on it, in guide order. */
export interface Lane {
  /** The role, or null for steps whose role the guide does not say. */
  role: Role | null;
  parts: ProcedurePart[];
}

/** The layout of a step graph: lanes, and every step in guide order. */
export interface StepLanes {
  lanes: Lane[];
  steps: DrawnStep[];
}

/**
 * Lays out `graph` for drawing. Lanes follow `graph.roles` (first-use order), then any other role
 * met in the steps, then the unspecified role (null) last; empty lanes are left out. Procedures
 * without steps are left out. Deterministic; never throws.
 */
export function stepLanes(graph: StepGraph): StepLanes {
  const steps: DrawnStep[] = [];
  graph.procedures.forEach((procedure) => {
    for (const step of procedure.steps) {
      const actionWhen = step.actions.find((a) => a.when)?.when ?? null;
      steps.push({
        step,
        procedure,
        order: steps.length,
        role: step.role ?? procedure.role ?? null,
        manual: step.actions.every((a) => a.kind === 'manual'),
        when: step.when || procedure.when || actionWhen || null,
        optional: Boolean(step.optional) || step.actions.some((a) => a.optional),
        forbidden: Boolean(step.forbidden),
      });
    }
  });
  const roles: (Role | null)[] = [...graph.roles];
  for (const s of steps) if (s.role !== null && !roles.includes(s.role)) roles.push(s.role);
  roles.push(null);
  const lanes: Lane[] = [];
  for (const role of roles) {
    const parts: ProcedurePart[] = [];
    for (const s of steps) {
      if (s.role !== role) continue;
      const procedureIndex = graph.procedures.indexOf(s.procedure);
      const last = parts.at(-1);
      if (last && last.procedureIndex === procedureIndex) last.steps.push(s);
      else parts.push({ procedure: s.procedure, procedureIndex, steps: [s] });
    }
    if (parts.length > 0) lanes.push({ role, parts });
  }
  return { lanes, steps };
}

/**
 * `text` made safe to put in any picture label: lone UTF-16 surrogates become U+FFFD, control,
 * format and separator characters and white-space runs fold to one space, ends trimmed.
 * Shape: string → string; never throws.
 */
export function cleanLabel(text: string): string {
  return text
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ')
    .trim();
}

/**
 * `text` cleaned ({@link cleanLabel}) and cut to at most `max` code points, the last one `…`
 * when cut. `max` ≥ 1.
 */
export function truncateLabel(text: string, max: number): string {
  const chars = Array.from(cleanLabel(text));
  return chars.length <= max ? chars.join('') : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** The condition line of a step's label: `条件: ` and the condition cut to `max`, cleaned. */
export function conditionLine(when: string, max: number): string {
  return cleanLabel(`条件: ${truncateLabel(when, max)}`);
}

/** The label of a lane: the role, or 役割未指定 for the unspecified role. */
export function laneTitle(role: Role | null): string {
  return role ?? '役割未指定';
}

/**
 * Node id of a step for a picture language: `s_` and the step's IR id with every character
 * outside `[A-Za-z0-9_]` replaced by `_` and a leading `s_` dropped (`s-07d46955` →
 * `s_07d46955`; IR ids are stable, so are the picture's), made unique
 * with a `_N` suffix when two steps would collide. Returns one id per step of `steps`, same order.
 */
export function stepNodeIds(steps: DrawnStep[]): string[] {
  const seen = new Set<string>();
  return steps.map((s) => {
    const base = `s_${s.step.id.replace(/[^A-Za-z0-9_]/g, '_').replace(/^s_/, '')}`;
    let id = base;
    for (let n = 2; seen.has(id); n += 1) id = `${base}_${n}`;
    seen.add(id);
    return id;
  });
}

/** Legend entries every picture shows, in this order: the kinds of step and how they look. */
export const LEGEND = [
  { kind: 'step', text: 'ステップ' },
  { kind: 'manual', text: '手作業 (コマンドなし)' },
  { kind: 'conditional', text: '条件付き' },
  { kind: 'optional', text: 'オプション' },
  { kind: 'forbidden', text: '実行しない' },
] as const;
