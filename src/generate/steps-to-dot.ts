/**
 * The Graphviz DOT picture of a step graph: a `digraph` with one cluster per role (lane), inside
 * it one cluster per procedure (its title), inside that the procedure's steps on that role; the
 * steps are linked in guide order. Conditional steps are hexagons showing the condition, manual
 * steps trapeziums, optional steps dashed, forbidden steps greyed; a legend cluster says so.
 * The same layout as the Mermaid picture (step-lanes.ts).
 *
 * Every string from the guide goes through {@link dotString}, so no title can change the graph's
 * structure (checked with Graphviz `dot -Tsvg` in test/graph-dot.test.ts).
 */
import type { StepGraph } from '../ir/types.js';
import { cleanLabel, conditionLine, LEGEND, laneTitle, stepLanes, stepNodeIds, truncateLabel, type DrawnStep } from './step-lanes.js';

/** Options of {@link stepsToDot}. */
export interface DotOptions {
  /** Longest step text shown, in code points (longer texts end with `…`). Default 40. */
  maxLabel?: number;
}

/**
 * `text` as a DOT double-quoted string, quotes included: cleaned to one line
 * ({@link cleanLabel}), `\` doubled (so Graphviz's label escapes `\n`, `\N`, `\G`… never apply),
 * `"` written `\"` and `&` written `&amp;` (Graphviz decodes HTML entities in every label, so
 * `&amp;` in a guide would otherwise show as `&`). Shape: string → string; never throws.
 */
export function dotString(text: string): string {
  return `"${cleanLabel(text).replace(/[\\"&]/g, (c) => (c === '&' ? '&amp;' : `\\${c}`))}"`;
}

/** A label of several lines from the guide: each escaped, joined with DOT's centred `\n`. */
function label(lines: string[]): string {
  return lines.map((l) => dotString(l).slice(1, -1)).join('\\n');
}

/** Attributes of the legend's nodes, one per mark. */
const STYLE = {
  step: 'shape=box, style="rounded"',
  manual: 'shape=trapezium, style="filled", fillcolor="#fff4d6", color="#b7791f"',
  conditional: 'shape=hexagon, style="filled", fillcolor="#e8f1ff", color="#2b6cb0"',
  optional: 'shape=box, style="rounded,dashed"',
  forbidden: 'shape=box, style="rounded,filled,dashed", fillcolor="#eeeeee", color="#999999", fontcolor="#777777"',
} as const;

/** Fill and line colours by mark (forbidden wins over conditional, conditional over manual). */
const COLOURS = {
  forbidden: 'fillcolor="#eeeeee", color="#999999", fontcolor="#777777"',
  conditional: 'fillcolor="#e8f1ff", color="#2b6cb0"',
  manual: 'fillcolor="#fff4d6", color="#b7791f"',
} as const;

/**
 * The attribute list of a step's node: shape hexagon (conditional), trapezium (manual) or box;
 * filled when marked, dashed when optional or forbidden.
 */
function stepAttributes(s: DrawnStep, max: number): string {
  const lines = [truncateLabel(s.step.text, max)];
  if (s.when) lines.push(conditionLine(s.when, max));
  const shape = s.when ? 'hexagon' : s.manual ? 'trapezium' : 'box';
  const style = [
    ...(s.when || s.manual || s.forbidden ? ['filled'] : []),
    ...(shape === 'box' ? ['rounded'] : []),
    ...(s.optional || s.forbidden ? ['dashed'] : []),
  ];
  const colours = s.forbidden ? COLOURS.forbidden : s.when ? COLOURS.conditional : s.manual ? COLOURS.manual : null;
  return [`label="${label(lines)}"`, `shape=${shape}`, `style="${style.join(',')}"`, ...(colours ? [colours] : [])].join(', ');
}

/**
 * Draws `graph` as Graphviz DOT source, ending with a newline. Node ids are `s_<step id>` (stable
 * as the step ids are), lanes `cluster_lane_N`, procedure boxes `cluster_p_N_M` (procedure N in
 * lane M, 1-based), legend nodes `legend_<kind>`. The graph's label is the guide's title.
 * Deterministic; never throws.
 */
export function stepsToDot(graph: StepGraph, options: DotOptions = {}): string {
  const max = Math.max(1, options.maxLabel ?? 40);
  const { lanes, steps } = stepLanes(graph);
  const ids = stepNodeIds(steps);
  const out = [
    'digraph tejun {',
    `  graph [label=${dotString(graph.title)}, labelloc=t, fontname="sans-serif", rankdir=TB, newrank=true];`,
    '  node [fontname="sans-serif", shape=box, style="rounded"];',
    '  edge [color="#555555"];',
  ];
  lanes.forEach((lane, l) => {
    out.push(`  subgraph cluster_lane_${l + 1} {`, `    label=${dotString(laneTitle(lane.role))}; style="filled"; fillcolor="#f7f7f7"; color="#bbbbbb";`);
    for (const part of lane.parts) {
      out.push(`    subgraph cluster_p_${part.procedureIndex + 1}_${l + 1} {`, `      label=${dotString(part.procedure.title)}; style="filled"; fillcolor="#ffffff"; color="#888888";`);
      for (const s of part.steps) out.push(`      ${ids[s.order]} [${stepAttributes(s, max)}];`);
      out.push('    }');
    }
    out.push('  }');
  });
  out.push('  subgraph cluster_legend {', '    label="凡例"; style="dashed"; color="#bbbbbb";');
  for (const entry of LEGEND) out.push(`    legend_${entry.kind} [label=${dotString(entry.text)}, ${STYLE[entry.kind]}];`);
  out.push('  }');
  for (let i = 0; i + 1 < ids.length; i += 1) out.push(`  ${ids[i]} -> ${ids[i + 1]};`);
  out.push('}');
  return `${out.join('\n')}\n`;
}
