/**
 * Placeholders a command shows as a name to choose: `linstor node create cinder-node-name
 * 192.168.1.100`, where `cinder-node-name` stands for the node's own name (the grammar's
 * `namePlaceholder` pattern: a lower-case hyphenated word ending in `-name`). Each is scoped to
 * the commands that hold it.
 */
import type { Grammar } from '../grammar/load-grammar.js';
import type { Action } from '../ir/types.js';
import { eachGroup, type PlaceholderFinding } from './placeholders.js';

/**
 * The name placeholders of the commands among `actions`, one finding per command and name, in
 * order, without a description (the guide gives none beside the command); [] when the grammar has
 * no `namePlaceholder` pattern.
 */
export function findNamePlaceholders(actions: readonly Action[], g: Grammar): PlaceholderFinding[] {
  const re = g.namePlaceholder;
  if (!re) return [];
  const out: PlaceholderFinding[] = [];
  for (const a of actions) {
    if (a.kind !== 'command' || !a.run.includes('-name')) continue;
    eachGroup(re, a.run, (name) => out.push({ name, description: null, line: a.source.line, scope: [a.id] }));
  }
  return out;
}
