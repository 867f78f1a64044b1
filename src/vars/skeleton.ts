/**
 * `tejun vars`: a YAML skeleton listing every placeholder of one or more guides, for the operator
 * to fill in and pass back with `--vars`.
 */
import { Document, Pair, Scalar, YAMLMap } from 'yaml';
import type { Placeholder, StepGraph } from '../ir/types.js';

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

/**
 * The vars skeleton of `graphs`: a YAML mapping with one key per distinct placeholder name
 * (merged across guides), each value empty (null: an empty value counts as unbound when loaded
 * back with {@link loadVars}), each preceded by comments giving its Japanese description(s), the
 * guide:line of every use and `(secret)` when any use is secret. Built with the yaml Document API
 * (keys quoted as YAML requires). Deterministic; an empty list of placeholders gives `{}`.
 */
export function varsSkeleton(graphs: StepGraph[]): string {
  const doc = new Document(new YAMLMap());
  const map = doc.contents as YAMLMap;
  for (const entry of mergeByName(graphs)) {
    const key = new Scalar(entry.name);
    key.commentBefore = entryComment(entry);
    const value = new Scalar(null);
    map.items.push(new Pair(key, value));
  }
  doc.commentBefore =
    ' Site values for tejun (tejun compile --vars FILE). One key per placeholder of the guides;\n' +
    ' fill in each value (a string; quote it when in doubt). Empty values stay unbound.';
  return doc.toString({ nullStr: '', lineWidth: 0 });
}
