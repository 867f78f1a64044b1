/**
 * Binding placeholders to actions and to site values: which placeholders apply to an action,
 * where they occur in its text, and whether every one of them has a value.
 *
 * Shared by the bash, Ansible and checklist generators.
 */
import type { Action, Message, Placeholder, StepGraph } from '../ir/types.js';
import type { GenerateOptions } from './types.js';
import { entityShortForm, occursAt, shortEntityAt } from '../ir/occurrence.js';

/**
 * Placeholders that apply to `action`: those with `scope` null (every whole-token occurrence
 * anywhere) and those whose `scope` lists `action.id`. Ordered longest name first (ties by name,
 * so the order is deterministic), which is the order {@link splitByPlaceholders} tries them in.
 */
export function placeholdersFor(graph: StepGraph, action: Action): Placeholder[] {
  return graph.placeholders
    .filter((p) => p.scope === null || p.scope === undefined || p.scope.includes(action.id))
    .sort(byLongestName);
}

/**
 * {@link placeholdersFor} for every action of `graph` at once: returns a function from an action
 * to the same array `placeholdersFor(graph, action)` returns (same placeholders, same order),
 * built in one pass over the placeholders and their scopes, and cached per action id. For a
 * generator that asks once per action: `placeholdersFor` filters every placeholder's scope list
 * and sorts again at each call, which on one long guide is O(actions × placeholders × scope).
 * The arrays returned are shared between calls (do not mutate them) and reflect the graph as it
 * was when the index was built. Never throws.
 */
export function placeholderIndex(graph: StepGraph): (action: Action) => Placeholder[] {
  /** Placeholders with their index in graph.placeholders, the tie-break of the stable sort. */
  type Entry = { p: Placeholder; index: number };
  const order = (a: Entry, b: Entry): number => byLongestName(a.p, b.p) || a.index - b.index;
  const global: Entry[] = [];
  /** Action id → placeholders scoped to it, each once. */
  const scoped = new Map<string, Entry[]>();
  graph.placeholders.forEach((p, index) => {
    if (p.scope === null || p.scope === undefined) {
      global.push({ p, index });
      return;
    }
    for (const id of p.scope) {
      const list = scoped.get(id);
      if (!list) scoped.set(id, [{ p, index }]);
      else if (list[list.length - 1]!.index !== index) list.push({ p, index });
    }
  });
  global.sort(order);
  const globalSorted = global.map((e) => e.p);
  const byId = new Map<string, Placeholder[]>();
  return (action) => {
    const own = scoped.get(action.id);
    if (!own) return globalSorted;
    let list = byId.get(action.id);
    if (!list) {
      // Merge of two lists sorted the same way: what placeholdersFor's filter + stable sort gives.
      own.sort(order);
      list = [];
      let g = 0;
      let o = 0;
      while (g < global.length || o < own.length) {
        const next = o >= own.length || (g < global.length && order(global[g]!, own[o]!) < 0) ? global[g++]! : own[o++]!;
        list.push(next.p);
      }
      byId.set(action.id, list);
    }
    return list;
  };
}

/** Longest token (or name) first, then by name (code-unit order). */
function byLongestName(a: Placeholder, b: Placeholder): number {
  const la = (a.token ?? a.name).length;
  const lb = (b.token ?? b.name).length;
  return lb - la || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** A literal run of text, or one whole-token occurrence of a placeholder. */
export type Segment = { text: string } | { placeholder: Placeholder };

/** One spelling of a placeholder in text: its token (or name), or an entity reference without its `;`. */
type Form = { p: Placeholder; form: string; bare: boolean };

/** The spellings of `p`: its token (or name), and for an entity reference `&name;` also `&name` (ir/occurrence.ts). */
function formsOf(p: Placeholder): Form[] {
  const form = p.token ?? p.name;
  const short = entityShortForm(form);
  return short ? [{ p, form, bare: false }, { p, form: short, bare: true }] : [{ p, form, bare: false }];
}

/** True when form `f` occurs in `text` at `at`. */
function formAt(text: string, at: number, f: Form): boolean {
  return f.bare ? shortEntityAt(text, at, f.form) : occursAt(text, at, f.form);
}

/**
 * Splits `text` into literal runs and placeholder occurrences.
 *
 * An occurrence is whole-token: the character before and the one after it (if any) are not
 * `[A-Za-z0-9_]`; the name itself may contain any characters (`/path/to/ca.crt`,
 * `neutron@example.com`). Scanning goes left to right; at each position the longest matching
 * name wins (pass `placeholders` longest first, as {@link placeholdersFor} returns them; the
 * function sorts a copy anyway). Adjacent literal characters are merged into one `{ text }`;
 * empty text yields `[]`. Concatenating the segments (placeholder → its token, else its name)
 * gives back `text`, except where an entity reference placeholder (`&version;`) was written
 * without its `;` (`&version/src`: SGML's short form, see {@link formsOf}), which is an
 * occurrence too. A placeholder with a `token` (`<password>`) matches the token, not the name.
 */
export function splitByPlaceholders(text: string, placeholders: Placeholder[]): Segment[] {
  // Only names that occur in the text can match (trying every name at every position was 0.3 s
  // per 2 MB of guides in the warm profile, bench/PROFILE.md); the scan below jumps to the
  // nearest occurrence of a remaining name and tries the names there.
  const sorted = placeholders
    .filter((p) => (p.token ?? p.name).length > 0)
    .flatMap(formsOf)
    .filter((f) => text.includes(f.form))
    .sort((a, b) => b.form.length - a.form.length || byLongestName(a.p, b.p));
  if (sorted.length === 0) return text ? [{ text }] : [];
  const out: Segment[] = [];
  let literal = '';
  let i = 0;
  // The next occurrence of each name at or after i, searched again only once i has passed it
  // (searching every name from every position was cubic on a text with many placeholders).
  const nextAt = sorted.map((f) => text.indexOf(f.form));
  while (i < text.length) {
    // No name starts before the nearest occurrence of one: that stretch is literal as a whole.
    let next = text.length;
    for (let k = 0; k < sorted.length; k++) {
      let at = nextAt[k]!;
      if (at >= 0 && at < i) nextAt[k] = at = text.indexOf(sorted[k]!.form, i);
      if (at >= 0 && at < next) next = at;
    }
    if (next > i) {
      literal += text.slice(i, next);
      i = next;
      if (i >= text.length) break;
    }
    const match = sorted.find((f) => formAt(text, i, f));
    if (match) {
      if (literal) out.push({ text: literal });
      literal = '';
      out.push({ placeholder: match.p });
      i += match.form.length;
    } else {
      literal += text[i];
      i += 1;
    }
  }
  if (literal) out.push({ text: literal });
  return out;
}


/**
 * Checks that every placeholder of the graph has a value in `options.vars` (keyed by
 * placeholder name). Returns one `error` Message per unbound name, ruleId
 * `unbound-placeholder`, whose reason names the placeholder, its description and its guide
 * line; line/column are the placeholder's source. Returns `[]` when `options.allowUnbound`.
 * Placeholders that occur in no action are checked too (the guide asked for them).
 */
export function checkBindings(graph: StepGraph, options: GenerateOptions): Message[] {
  if (options.allowUnbound) return [];
  const vars = options.vars ?? {};
  return graph.placeholders
    .filter((p) => !Object.prototype.hasOwnProperty.call(vars, p.name))
    .map((p) => ({
      ruleId: 'unbound-placeholder',
      severity: 'error' as const,
      reason:
        `Unexpected unbound placeholder \`${p.name}\`` +
        (p.description ? ` (${p.description})` : '') +
        ` at ${graph.source.path}:${p.source.line}, expected a value for it in the vars file` +
        ` (or --allow-unbound)`,
      line: p.source.line,
      column: p.source.column ?? 1,
    }));
}
