/**
 * Site variables into what the generators bind: before a generator runs, every use of a site
 * variable (graph.variables, src/extract/site-values.ts) in an action's text is replaced by the
 * variable's name, and the graph's placeholders become one per variable (scoped to the actions
 * that use it), so that bind.ts substitutes the site's value for the guide's literal or
 * placeholder in every use, and one site file keyed by meaning (`NOVA_DBPASS`, `CONTROLLER_HOST`)
 * serves every guide.
 *
 * Values: the site file's value of the variable's name; else of one of its spellings (a site file
 * written for the guide's own placeholder names, `PASSWORD:`), unless that spelling is the name
 * of another variable of the guide; else, for a value the guide writes literally, the guide's own
 * value (never for a secret, unless `options.useGuideValues`).
 */
import type { Action, Placeholder, SiteVariable, StepGraph } from '../ir/types.js';
import type { GenerateOptions } from './types.js';

/** An action field as `SiteVariableUse.field` names it. */
type Field = SiteVariable['uses'][number]['field'];

/** `action` with the uses of variables (offsets in its fields) replaced by the variables' names. */
function rewrite(action: Action, edits: Array<{ field: Field; at: number; length: number; name: string }>): Action {
  const copy = { ...action } as Record<string, unknown>;
  const byField = new Map<Field, typeof edits>();
  for (const e of edits) byField.set(e.field, [...(byField.get(e.field) ?? []), e]);
  for (const [field, list] of byField) {
    let text = String(copy[field] ?? '');
    for (const e of [...list].sort((a, b) => b.at - a.at)) text = text.slice(0, e.at) + e.name + text.slice(e.at + e.length);
    copy[field] = text;
  }
  return copy as unknown as Action;
}

/** True when `record` has `key` as its own property. */
const has = (record: Record<string, unknown>, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);

/**
 * The value of `v` under `options` (see the module comment) and the site-file key it came from,
 * or null when it stays unbound.
 */
function valueOf(v: SiteVariable, options: GenerateOptions, names: Set<string>): { value: string; key: string | null } | null {
  const vars = options.vars ?? {};
  if (has(vars, v.name)) return { value: vars[v.name]!, key: v.name };
  const alias = v.spellings.find((s) => s !== v.name && !names.has(s) && has(vars, s));
  if (alias !== undefined) return { value: vars[alias]!, key: alias };
  const literal = v.example !== null && v.spellings.includes(v.example);
  if (literal && (!v.secret || options.useGuideValues)) return { value: v.example!, key: null };
  return null;
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
  const variables = graph.variables;
  if (!variables || variables.length === 0) return { graph, options };
  const edits = new Map<string, Array<{ field: Field; at: number; length: number; name: string }>>();
  for (const v of variables) {
    for (const u of v.uses) edits.set(u.action, [...(edits.get(u.action) ?? []), { field: u.field, at: u.at, length: u.text.length, name: v.name }]);
  }
  const names = new Set(variables.map((v) => v.name));
  const values = new Map(variables.map((v) => [v.name, valueOf(v, options, names)]));
  const shown = shownLiterals(variables, values);
  const procedures = graph.procedures.map((p) => ({
    ...p,
    title: replaceTokens(p.title, shown),
    steps: p.steps.map((s) => ({ ...s, text: replaceTokens(s.text, shown), actions: s.actions.map((a) => (edits.has(a.id) ? rewrite(a, edits.get(a.id)!) : a)) })),
  }));
  const placeholders: Placeholder[] = variables.map((v) => ({
    name: v.name,
    description: v.description ?? v.meaning,
    secret: v.secret,
    source: v.source,
    variable: v.name,
    scope: [...new Set(v.uses.map((u) => u.action))].sort(),
  }));
  const vars: Record<string, string> = {};
  const lines: Record<string, number> = {};
  const define = (record: Record<string, unknown>, key: string, value: unknown) =>
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  for (const [k, value] of Object.entries(options.vars ?? {})) define(vars, k, value);
  for (const [k, line] of Object.entries(options.varsFile?.lines ?? {})) define(lines, k, line);
  for (const v of variables) {
    const bound = values.get(v.name);
    if (!bound) continue;
    define(vars, v.name, bound.value);
    const line = bound.key === null ? undefined : options.varsFile?.lines[bound.key];
    if (line !== undefined) define(lines, v.name, line);
  }
  return {
    graph: { ...graph, procedures, placeholders, literals: boundLiterals(graph, variables, values) },
    options: { ...options, vars, ...(options.varsFile ? { varsFile: { ...options.varsFile, lines } } : {}) },
  };
}
