/**
 * The Mermaid picture of a step graph: a `flowchart TB` with one subgraph (lane) per role, inside
 * it one subgraph per procedure (its title), inside that the procedure's steps on that role; the
 * steps are linked in guide order. Conditional steps are hexagons showing the condition, manual
 * steps trapezoids, optional steps dashed, forbidden steps greyed; a legend subgraph says so.
 *
 * Every string from the guide goes through {@link mermaidText}, so no title can change the
 * diagram's structure (checked with mermaid's own parser in test/graph-mermaid.test.ts).
 */
import type { StepGraph } from '../ir/types.js';
import { cleanLabel, conditionLine, LEGEND, laneTitle, stepLanes, stepNodeIds, truncateLabel, type DrawnStep } from './step-lanes.js';

/** Options of {@link stepsToMermaid}. */
export interface MermaidOptions {
  /** Longest step text shown, in code points (longer texts end with `…`). Default 40. */
  maxLabel?: number;
}

/**
 * ASCII characters written as themselves in a quoted Mermaid label; every other ASCII character is
 * written as a `#NN;` entity code. Quotes, `#`, `;`, `:` (Mermaid's `style …:…#…;` pre-pass),
 * square and curly brackets, `<>&`, backticks (Markdown strings), `$` (KaTeX), `%` and `\` are all encoded.
 */
const SAFE_ASCII = /[A-Za-z0-9 ,./_+\-!?@'*^=~()]/;

/**
 * `text` as the inside of a double-quoted Mermaid label: cleaned (one line, see
 * {@link cleanLabel}), every ASCII character outside {@link SAFE_ASCII} written as `#NN;`
 * (decimal code), which Mermaid shows as the character itself. Non-ASCII text (Japanese) is kept.
 * Shape: string → string (no quotes around it); never throws.
 */
export function mermaidText(text: string): string {
  // eslint-disable-next-line no-control-regex -- every ASCII character, control characters included
  return cleanLabel(text).replace(/[\x00-\x7f]/g, (c) => (SAFE_ASCII.test(c) ? c : `#${c.charCodeAt(0)};`));
}

/** `"…"` quoted label of a node, lines from the guide joined with Mermaid's `<br>`. */
function label(lines: string[]): string {
  return `"${lines.map(mermaidText).join('<br>') || ' '}"`;
}

/** A node statement for a step: shape by its marks. */
function stepNode(id: string, s: DrawnStep, max: number): string {
  const lines = [truncateLabel(s.step.text, max)];
  if (s.when) lines.push(conditionLine(s.when, max));
  const text = label(lines);
  return s.when ? `${id}{{${text}}}` : s.manual ? `${id}[/${text}\\]` : `${id}[${text}]`;
}

/** Nodes per edge-chain line. */
const CHAIN = 8;

/** Class definitions: colours and strokes of the marks. */
const CLASS_DEFS = [
  'classDef manual fill:#fff4d6,stroke:#b7791f',
  'classDef conditional fill:#e8f1ff,stroke:#2b6cb0',
  'classDef optional stroke-dasharray:5 3',
  'classDef forbidden fill:#eeeeee,stroke:#999999,color:#777777,stroke-dasharray:2 2',
];

/**
 * Draws `graph` as Mermaid flowchart source (no fence), ending with a newline. Node ids are
 * `s_<step id>` (stable as the step ids are), lanes `lane_N`, procedure boxes `p_N_M`
 * (procedure N in lane M, 1-based), legend nodes `legend_<kind>`. A graph with no step gives a
 * picture with only the legend. Deterministic; never throws.
 */
export function stepsToMermaid(graph: StepGraph, options: MermaidOptions = {}): string {
  const max = Math.max(1, options.maxLabel ?? 40);
  const { lanes, steps } = stepLanes(graph);
  const ids = stepNodeIds(steps);
  const idOf = new Map(steps.map((s, i) => [s, ids[i]!]));
  const out = ['flowchart TB'];
  lanes.forEach((lane, l) => {
    out.push(`  subgraph lane_${l + 1} [${label([laneTitle(lane.role)])}]`);
    for (const part of lane.parts) {
      out.push(`    subgraph p_${part.procedureIndex + 1}_${l + 1} [${label([cleanLabel(part.procedure.title)])}]`);
      for (const s of part.steps) out.push(`      ${stepNode(idOf.get(s)!, s, max)}`);
      out.push('    end');
    }
    out.push('  end');
  });
  out.push('  subgraph legend ["凡例"]', '    direction LR');
  for (const entry of LEGEND) {
    const text = label([entry.text]);
    const shape = entry.kind === 'conditional' ? `{{${text}}}` : entry.kind === 'manual' ? `[/${text}\\]` : `[${text}]`;
    out.push(`    legend_${entry.kind}${shape}`);
  }
  out.push('  end');
  // The steps in guide order, as chains of up to CHAIN nodes per line (each line starts with the
  // node the previous one ended on): about half the text of one edge per line.
  for (let i = 0; i + 1 < ids.length; i += CHAIN - 1) out.push(`  ${ids.slice(i, i + CHAIN).join(' --> ')}`);
  out.push(...CLASS_DEFS.map((d) => `  ${d}`));
  const classes: Record<string, string[]> = { manual: [], conditional: [], optional: [], forbidden: [] };
  steps.forEach((s, i) => {
    if (s.manual) classes.manual!.push(ids[i]!);
    if (s.when) classes.conditional!.push(ids[i]!);
    if (s.optional) classes.optional!.push(ids[i]!);
    if (s.forbidden) classes.forbidden!.push(ids[i]!);
  });
  for (const [name, members] of Object.entries(classes)) {
    out.push(`  class ${[...members, `legend_${name}`].join(',')} ${name}`);
  }
  return `${out.join('\n')}\n`;
}
