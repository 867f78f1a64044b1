/**
 * `tejun vars`: a YAML skeleton listing every placeholder of one or more guides, for the operator
 * to fill in and pass back with `--vars`.
 */
import { Document, Pair, Scalar, YAMLMap } from 'yaml';
import type { Placeholder, SiteVariable, StepGraph } from '../ir/types.js';

/** One placeholder name and every place (guide:line, description, secret) that asks for it. */
interface Entry {
  name: string;
  uses: Array<{ guide: string; placeholder: Placeholder }>;
}

/** Placeholders merged by name across graphs, in first-seen order (graph order, then guide order). */
function mergeByName(graphs: StepGraph[]): Entry[] {
  const entries = new Map<string, Entry>();
  for (const graph of graphs) {
    for (const p of graph.placeholders) {
      const entry = entries.get(p.name) ?? { name: p.name, uses: [] };
      entry.uses.push({ guide: graph.source.path, placeholder: p });
      entries.set(p.name, entry);
    }
  }
  return [...entries.values()];
}

/** One comment line (YAML comments cannot hold line breaks: folded into spaces). */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029\u0085]+/g, ' ').trim();
}

/** The comment above one entry: description(s), guide:line of each use, `secret` when any is. */
function entryComment(entry: Entry): string {
  const lines: string[] = [];
  const descriptions = [...new Set(entry.uses.map((u) => u.placeholder.description).filter((d): d is string => !!d))];
  for (const d of descriptions) lines.push(` ${oneLine(d)}`);
  const where = entry.uses.map((u) => `${u.guide}:${u.placeholder.source.line}`);
  const secret = entry.uses.some((u) => u.placeholder.secret);
  lines.push(` ${oneLine(where.join(', '))}${secret ? ' (secret)' : ''}`);
  return lines.join('\n');
}

/** A guide's file name (no folders), as `tejun vars` cites it. */
function guideName(graph: StepGraph): string {
  return graph.source.path;
}

/** One site variable merged by name across graphs. */
interface VariableEntry {
  name: string;
  uses: Array<{ guide: string; variable: SiteVariable }>;
}

/** The comment above one variable: meaning, the guide's words, its value in the guides, uses, splits and joins. */
function variableComment(entry: VariableEntry, decisions: Map<string, string[]>): string {
  const lines: string[] = [];
  const meanings = [...new Set(entry.uses.map((u) => u.variable.meaning))];
  for (const m of meanings) lines.push(` ${oneLine(m)}`);
  const descriptions = [...new Set(entry.uses.map((u) => u.variable.description).filter((d): d is string => !!d))];
  for (const d of descriptions) lines.push(` ${oneLine(d)}`);
  const secret = entry.uses.some((u) => u.variable.secret);
  const examples = [...new Set(entry.uses.map((u) => u.variable.example).filter((x): x is string => x !== null))];
  const literal = entry.uses.some((u) => u.variable.example !== null && u.variable.spellings.includes(u.variable.example));
  if (examples.length > 0 && !secret) lines.push(` guide value: ${oneLine(examples.join(', '))}${literal ? ' (kept where the guide writes it literally, when left empty)' : ''}`);
  if (literal && secret) lines.push(' the guide writes it literally; left empty, it is unbound (compile --use-guide-values takes the guide\'s own)');
  const where = entry.uses.map((u) => {
    const at = [...new Set(u.variable.uses.map((x) => x.line))];
    return `${u.guide}:${(at.length ? at : [u.variable.source.line]).join(',')}`;
  });
  lines.push(` ${oneLine(where.join(' '))}${secret ? ' (secret)' : ''}`);
  for (const d of decisions.get(entry.name) ?? []) lines.push(` ${oneLine(d)}`);
  return lines.join('\n');
}

/** Each variable's splits and joins, as comment lines (`split in GUIDE: …`). */
function decisionLines(graphs: StepGraph[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const graph of graphs) {
    for (const d of graph.variableDecisions ?? []) {
      for (const v of d.variables) out.set(v, [...(out.get(v) ?? []), `${d.kind} in ${guideName(graph)}: ${d.reason}`]);
    }
  }
  return out;
}

/**
 * The vars skeleton of `graphs`: a YAML mapping with one key per distinct site variable name
 * (graph.variables, merged across guides: one site file serves every guide of a site; a graph
 * without variables lists its placeholders by name), each value empty (null: an empty value
 * counts as unbound when loaded back with {@link loadVars}), each preceded by comments giving its
 * meaning, the guide's description(s), the guide's own value (not for a secret), the
 * guide:lines of every use, `(secret)` when any use is secret, and the splits and joins it comes
 * from (one spelling of the guide for several values, several spellings for one). Built with the
 * yaml Document API (keys quoted as YAML requires). Deterministic; nothing to list gives `{}`.
 */
export function varsSkeleton(graphs: StepGraph[]): string {
  const doc = new Document(new YAMLMap());
  const map = doc.contents as YAMLMap;
  const entries = new Map<string, VariableEntry>();
  const legacy: StepGraph[] = [];
  for (const graph of graphs) {
    if (!graph.variables) {
      legacy.push(graph);
      continue;
    }
    for (const v of graph.variables) {
      const entry = entries.get(v.name) ?? { name: v.name, uses: [] };
      entry.uses.push({ guide: guideName(graph), variable: v });
      entries.set(v.name, entry);
    }
  }
  const decisions = decisionLines(graphs);
  for (const entry of entries.values()) {
    const key = new Scalar(entry.name);
    key.commentBefore = variableComment(entry, decisions);
    map.items.push(new Pair(key, new Scalar(null)));
  }
  for (const entry of mergeByName(legacy)) {
    if (entries.has(entry.name)) continue;
    const key = new Scalar(entry.name);
    key.commentBefore = entryComment(entry);
    map.items.push(new Pair(key, new Scalar(null)));
  }
  doc.commentBefore =
    ' Site values for tejun (tejun compile --vars FILE). One key per site variable of the guides,\n' +
    ' named by what the value is for (grammars/site-variables.yaml), so one file serves every guide;\n' +
    ' fill in each value (a string; quote it when in doubt). Empty values stay unbound, except a\n' +
    " value the guide writes literally and is no secret: it keeps the guide's value.";
  return doc.toString({ nullStr: '', lineWidth: 0 });
}
