/**
 * Site variables into what the generators bind: before a generator runs, every use of a site
 * variable (graph.variables, src/extract/site-values.ts) in an action's text is replaced by the
 * variable's name, and the graph's placeholders become one per variable (scoped to the actions
 * that use it), so that bind.ts substitutes the site's value for the guide's literal or
 * placeholder in every use, and one site file keyed by meaning (`NOVA_DBPASS`, `CONTROLLER_HOST`)
 * serves every guide.
 *
 * Values: the site file's value of the variable's name; else, for a value the guide writes
 * literally, the guide's own value (never for a secret, unless `options.useGuideValues`). A site
 * file written with a guide's own placeholder names (`PASSWORD:`, `IP:`) and without the
 * variable's name binds each use spelled that way as before (the placeholder is kept there, by
 * its own name), unless that name is the name of another variable of the guide.
 */
import type { Action, Placeholder, SiteVariable, StepGraph } from '../ir/types.js';
import type { GenerateOptions } from './types.js';

/** An action field as `SiteVariableUse.field` names it. */
type Field = SiteVariable['uses'][number]['field'];

/** `action` with the uses of variables (offsets in its fields) replaced by the variables' names. */
function rewrite(action: Action, edits: Array<{ field: Field; at: number; length: number; name: string }>): Action {
  const copy = { ...action } as Record<string, unknown>;
  const byField = new Map<Field, typeof edits>();
  for (const e of edits) push(byField, e.field, e);
  for (const [field, list] of byField) {
    let text = String(copy[field] ?? '');
    for (const e of [...list].sort((a, b) => b.at - a.at)) text = text.slice(0, e.at) + e.name + text.slice(e.at + e.length);
    copy[field] = text;
  }
  return copy as unknown as Action;
}

/** Appends `item` to the list of `key` in `map`. */
function push<K, V>(map: Map<K, V[]>, key: K, item: V): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/** True when `record` has `key` as its own property. */
const has = (record: Record<string, unknown>, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);

/**
 * The value of `v` under `options` when the site file names it (its own name) or it is a literal
 * the guide writes and may keep (see the module comment), or null (unbound, or bound per spelling).
 */
function valueOf(v: SiteVariable, options: GenerateOptions): { value: string } | null {
  const vars = options.vars ?? {};
  if (has(vars, v.name)) return { value: vars[v.name]! };
  const literal = v.example !== null && v.spellings.includes(v.example);
  if (literal && (!v.secret || options.useGuideValues)) return { value: v.example! };
  return null;
}

/**
 * The placeholder of the guide a use keeps when the site file is written with the guide's own
 * placeholder names: the site file names the use's spelling (a placeholder of the guide that is
 * not the name of another variable) and not the variable. Null: the use is bound by the variable.
 */
function aliasOf(v: SiteVariable, text: string, options: GenerateOptions, names: Set<string>, byToken: Map<string, Placeholder>): Placeholder | null {
  const vars = options.vars ?? {};
  if (has(vars, v.name)) return null;
  const p = byToken.get(text);
  if (!p || names.has(p.name) || p.name === v.name || !has(vars, p.name)) return null;
  return p;
}

/** The description generators show: the meaning, the guide's spellings when they differ from the name, the guide's words. */
function describe(v: SiteVariable): string {
  const spelled = v.spellings.filter((s) => s !== v.name && s !== v.example);
  if (v.kind === 'placeholder' && v.description) return v.description;
  return [v.meaning, spelled.length ? ` (written ${spelled.join(', ')} in the guide)` : '', v.description ? `: ${v.description}` : ''].join('');
}

/** A bound value, or null. */
type Bound = ReturnType<typeof valueOf>;

/**
 * What a literal spelling is shown as in prose (step texts, procedure titles): the bound value of
 * its variable, or the variable's name when it is a secret, unbound, or split between variables.
 */
function shownLiterals(variables: SiteVariable[], values: Map<string, Bound>): Map<string, string> {
  const of = new Map<string, SiteVariable[]>();
  for (const v of variables) for (const s of v.spellings) if (s === v.example || v.kind !== 'placeholder') of.set(s, [...(of.get(s) ?? []), v]);
  const out = new Map<string, string>();
  for (const [spelling, list] of of) {
    // Only literals: a placeholder name in prose is the guide's own word for the value.
    if (!list.some((v) => v.example === spelling)) continue;
    const v = list[0]!;
    const bound = values.get(v.name);
    out.set(spelling, list.length === 1 && !v.secret && bound ? bound.value : v.name);
  }
  return out;
}

/** `text` with each whole-token occurrence of a key of `map` replaced by its value (longest key first). */
function replaceTokens(text: string, map: Map<string, string>): string {
  if (!text || map.size === 0) return text;
  const keys = [...map.keys()].filter((k) => text.includes(k)).sort((a, b) => b.length - a.length);
  if (keys.length === 0) return text;
  const escaped = keys.map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  const re = new RegExp(`(?<![A-Za-z0-9_])(?:${escaped.join('|')})(?![A-Za-z0-9_])`, 'g');
  return text.replace(re, (k) => map.get(k) ?? k);
}

/**
 * The graph's literals as the site has them: a literal a variable spells takes the variable's
 * bound value (one literal per distinct value when it is split); others stay.
 */
function boundLiterals(graph: StepGraph, variables: SiteVariable[], values: Map<string, Bound>): StepGraph['literals'] {
  const out: StepGraph['literals'] = [];
  const seen = new Set<string>();
  for (const l of graph.literals) {
    const bound = variables.filter((v) => v.spellings.includes(l.value)).map((v) => values.get(v.name)?.value).filter((x): x is string => x !== undefined);
    for (const value of bound.length ? bound : [l.value]) {
      if (seen.has(`${l.kind}\0${value}`)) continue;
      seen.add(`${l.kind}\0${value}`);
      out.push({ ...l, value });
    }
  }
  return out;
}

/**
 * `graph` and `options` as the generators see them when the graph has site variables: actions
 * with every use replaced by the variable's name, one placeholder per variable (description: the
 * guide's words, else the meaning; scope: the actions that use it; `graph.literals` left as they
 * are), and `options.vars` holding a value for each bound variable (see the module comment;
 * `varsFile.lines` follows aliases). A graph without `variables` (written before they existed,
 * or built by hand) is returned as it is. Pure: neither argument is changed. Never throws.
 */
export function withSiteVariables(graph: StepGraph, options: GenerateOptions): { graph: StepGraph; options: GenerateOptions } {
  const { variables, variableDecisions: _decisions, ...rest } = graph;
  if (!variables || variables.length === 0) return { graph, options };
  const names = new Set(variables.map((v) => v.name));
  const byToken = new Map(graph.placeholders.map((p) => [p.token ?? p.name, p]));
  const edits = new Map<string, Array<{ field: Field; at: number; length: number; name: string }>>();
  const placeholders = new Map<string, Placeholder>();
  const scopes = new Map<string, Set<string>>();
  const scope = (name: string, action: string) => scopes.set(name, (scopes.get(name) ?? new Set()).add(action));
  for (const v of variables) {
    placeholders.set(v.name, { name: v.name, description: describe(v), secret: v.secret, source: v.source, variable: v.name, scope: [] });
    scopes.set(v.name, new Set());
    // Used in no action: the site file may still name it as the guide does.
    const unused = v.uses.length === 0 ? v.spellings.map((t) => aliasOf(v, t, options, names, byToken)).find((p) => p) : null;
    if (unused) {
      placeholders.delete(v.name);
      placeholders.set(unused.name, { ...unused, scope: [] });
      scopes.set(unused.name, new Set());
    }
    for (const u of v.uses) {
      const alias = aliasOf(v, u.text, options, names, byToken);
      if (alias) {
        // Kept as the guide writes it, bound by the site file's value of that placeholder.
        if (!placeholders.has(alias.name)) placeholders.set(alias.name, { ...alias, scope: [] });
        scope(alias.name, u.action);
        continue;
      }
      push(edits, u.action, { field: u.field, at: u.at, length: u.text.length, name: v.name });
      scope(v.name, u.action);
    }
  }
  const values = new Map(variables.map((v) => [v.name, valueOf(v, options)]));
  const shown = shownLiterals(variables, values);
  const procedures = graph.procedures.map((p) => ({
    ...p,
    title: replaceTokens(p.title, shown),
    steps: p.steps.map((s) => ({ ...s, text: replaceTokens(s.text, shown), actions: s.actions.map((a) => (edits.has(a.id) ? rewrite(a, edits.get(a.id)!) : a)) })),
  }));
  // A variable whose every use is bound by the guide's own placeholder names is not asked for.
  const kept = [...placeholders.values()]
    .filter((p) => !names.has(p.name) || scopes.get(p.name)!.size > 0 || variables.find((v) => v.name === p.name)!.uses.length === 0)
    .map((p) => ({ ...p, scope: [...(scopes.get(p.name) ?? [])].sort() }));
  const vars: Record<string, string> = {};
  const define = (record: Record<string, unknown>, key: string, value: unknown) =>
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  for (const [k, value] of Object.entries(options.vars ?? {})) define(vars, k, value);
  for (const v of variables) {
    const bound = values.get(v.name);
    if (bound && !has(vars, v.name)) define(vars, v.name, bound.value);
  }
  return {
    // Without `variables`: the result is bound already (binding it again changes nothing).
    graph: { ...rest, procedures, placeholders: kept, literals: boundLiterals(graph, variables, values) },
    options: { ...options, vars },
  };
}
