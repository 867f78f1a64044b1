/**
 * Site variables: every site value of a guide (a placeholder or a literal) by what it is for.
 *
 * A pass over the resolved actions, after the placeholders and literals are found:
 *   1. places: the shapes of grammars/site-variables.yaml (a GRANT's password, a connection URL's
 *      user, password and host, an INI `password` beside its `username`, `my_ip`) say what the
 *      value at a place of an action is for, and for whom;
 *   2. occurrences: every whole-token occurrence of each spelling (a placeholder's token or name,
 *      a literal's value, a value read at a place) in every action; one at a place takes the
 *      place's meaning, any other the meaning of the nearest place of the same spelling, or the
 *      spelling's own (a placeholder's name, a host the guide names as a node);
 *   3. variables: occurrences grouped by the name of their meaning (src/vars/meanings.ts), with
 *      the splits (one spelling, several variables) and joins (several spellings, one variable).
 */
import type { Action, Literal, Placeholder, Procedure, SiteVariable, SiteVariableDecision, SiteVariableUse } from '../ir/types.js';
import { nameMeaning, siteTable, upperSnake, usualValue, type SiteTable } from '../vars/meanings.js';
import type { HostMention } from './literals.js';
import { readPlaces, type Place } from './site-places.js';
import { occurrences, shortEntityOccurrences } from '../ir/occurrence.js';

/** The fields of an action that hold text, with their names. */
export function actionFields(a: Action): Array<{ field: SiteVariableUse['field']; text: string }> {
  switch (a.kind) {
    case 'command':
    case 'sql':
      return [{ field: 'run', text: a.run ?? '' }];
    case 'ini':
      return [
        { field: 'file', text: a.file },
        { field: 'section', text: a.section },
        { field: 'key', text: a.key },
        { field: 'value', text: a.value },
      ];
    case 'file':
      return [
        { field: 'file', text: a.file },
        { field: 'content', text: a.content },
      ];
    case 'manual':
      return [{ field: 'text', text: a.text }];
  }
}

/** One spelling to look for: a placeholder (limited to its scope) or a literal. */
interface Spelling {
  text: string;
  placeholder: Placeholder | null;
  literal: Literal | null;
  /** Action ids it may stand in; null: anywhere. */
  scope: Set<string> | null;
}

/** An occurrence with its variable name and meaning decided. */
interface Named extends SiteVariableUse {
  name: string;
  about: string;
  kind: SiteVariable['kind'];
  secret: boolean;
  spelling: Spelling;
}

/** The role of every action (its step's role), by id. */
function actionRoles(procedures: Procedure[]): Map<string, string> {
  const roles = new Map<string, string>();
  for (const p of procedures) for (const s of p.steps) for (const a of s.actions) roles.set(a.id, s.role ?? p.role ?? '');
  return roles;
}

/** The role a host mention names: the role of the first action at or after its line. */
function mentionRoles(hosts: HostMention[], actions: Action[], roles: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  const sorted = [...actions].sort((a, b) => a.source.line - b.source.line);
  for (const h of hosts) {
    if (out.has(h.host)) continue;
    const next = sorted.find((a) => a.source.line >= h.line && a.kind !== 'manual') ?? sorted.find((a) => a.source.line >= h.line);
    const role = next ? roles.get(next.id) : '';
    if (role) out.set(h.host, role);
  }
  return out;
}

/** The name for a spelling without a place that says its meaning. */
function ownName(s: Spelling, table: SiteTable, nodeRoles: Map<string, string>, secrets: Map<string, string>): Omit<Named, keyof SiteVariableUse | 'spelling'> {
  if (s.placeholder) {
    return { name: s.placeholder.variable, about: `value the guide writes as ${s.placeholder.token ?? s.placeholder.name}`, kind: 'placeholder', secret: s.placeholder.secret };
  }
  const literal = s.literal!;
  const role = nodeRoles.get(literal.value);
  if (role && literal.kind === 'host') return { ...nameMeaning(table, 'node-host', '', role), kind: 'host', secret: false };
  if (literal.kind === 'secret') {
    if (!secrets.has(literal.value)) secrets.set(literal.value, `SECRET_${secrets.size + 1}`);
    return { name: secrets.get(literal.value)!, about: 'a secret the guide writes literally', kind: 'secret', secret: true };
  }
  return { name: `${upperSnake(literal.kind)}_${upperSnake(literal.value)}`, about: `${literal.kind} value the guide writes literally`, kind: literal.kind, secret: false };
}

/** Result of {@link findSiteVariables}. */
export interface SiteVariables {
  variables: SiteVariable[];
  decisions: SiteVariableDecision[];
}

/**
 * The site variables of the resolved `procedures`: one per meaning (see the module comment),
 * in order of first use, each with every use; placeholders the actions never use get a variable
 * of their own without uses (the guide asks for them). Never throws on guide text; throws only
 * when the shipped table is broken.
 */
export function findSiteVariables(procedures: Procedure[], placeholders: Placeholder[], literals: Literal[], hosts: HostMention[]): SiteVariables {
  const table = siteTable();
  const actions = procedures.flatMap((p) => p.steps.flatMap((s) => s.actions));
  const roles = actionRoles(procedures);
  const places = readPlaces(actions, placeholders, literals, roles, table);
  const spellings = new Map<string, Spelling>();
  for (const p of placeholders) {
    const text = p.token ?? p.name;
    if (!spellings.has(text)) spellings.set(text, { text, placeholder: p, literal: null, scope: p.scope ? new Set(p.scope) : null });
  }
  for (const l of literals) if (!spellings.has(l.value)) spellings.set(l.value, { text: l.value, placeholder: null, literal: l, scope: null });
  for (const place of places) {
    if (!spellings.has(place.text)) spellings.set(place.text, { text: place.text, placeholder: null, literal: { value: place.text, kind: place.kind, source: { line: place.line } }, scope: null });
  }
  const placeAt = new Map(places.map((p) => [`${p.action}\0${p.field}\0${p.at}`, p]));
  const placesOf = new Map<string, Place[]>();
  for (const p of places) {
    const list = placesOf.get(p.text);
    if (list) list.push(p);
    else placesOf.set(p.text, [p]);
  }
  for (const list of placesOf.values()) list.sort((a, b) => a.line - b.line);
  const nodeRoles = mentionRoles(hosts, actions, roles);
  const secrets = new Map<string, string>();
  // Longest spelling first: an occurrence inside a longer one is the longer one's.
  const ordered = [...spellings.values()].sort((a, b) => b.text.length - a.text.length || (a.text < b.text ? -1 : 1));
  const uses: Named[] = [];
  for (const a of actions) {
    for (const { field, text } of actionFields(a)) {
      const taken: Array<[number, number]> = [];
      for (const s of ordered) {
        if (s.scope && !s.scope.has(a.id)) continue;
        // A literal in a file path, a section or a key is a name of the guide's own, not a site value.
        if (!s.placeholder && (field === 'file' || field === 'section' || field === 'key')) continue;
        // A placeholder that is an entity reference (`&version;`) is also written without its `;`.
        const short = s.placeholder ? shortEntityOccurrences(text, s.text) : [];
        if (!text.includes(s.text) && short.length === 0) continue;
        const found = [...occurrences(text, s.text).map((at) => ({ at, written: s.text })), ...short.map((at) => ({ at, written: s.text.slice(0, -1) }))];
        for (const { at, written } of found) {
          const end = at + written.length;
          if (taken.some(([x, y]) => at < y && end > x)) continue;
          taken.push([at, end]);
          const place = placeAt.get(`${a.id}\0${field}\0${at}`) ?? nearest(placesOf.get(s.text), a.source.line);
          const named = place
            ? { name: place.name, about: place.about, kind: place.kind, secret: place.kind === 'secret' }
            : ownName(s, table, nodeRoles, secrets);
          const meaning = placeAt.has(`${a.id}\0${field}\0${at}`) ? place!.meaning : null;
          uses.push({ ...named, action: a.id, field, at, text: written, line: a.source.line, meaning, spelling: s });
        }
      }
    }
  }
  return group(uses, placeholders, spellings, table);
}

/**
 * The place of a spelling nearest to `line` (the last at or before it, else the first after it);
 * `places` is sorted by line (binary search: a spelling may have many places and many uses).
 */
function nearest(places: Place[] | undefined, line: number): Place | undefined {
  if (!places?.length) return undefined;
  let lo = 0;
  let hi = places.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (places[mid]!.line <= line) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? places[lo - 1] : places[0];
}

/** Uses grouped into variables (by name, in order of first use), with the splits and joins. */
function group(uses: Named[], placeholders: Placeholder[], spellings: Map<string, Spelling>, table: SiteTable): SiteVariables {
  uses.sort((a, b) => a.line - b.line || a.at - b.at);
  const byName = new Map<string, Named[]>();
  for (const u of uses) {
    const list = byName.get(u.name);
    if (list) list.push(u);
    else byName.set(u.name, [u]);
  }
  const variables: SiteVariable[] = [];
  for (const [name, list] of byName) {
    const spelled = [...new Set(list.map((u) => u.text))];
    const described = list.map((u) => u.spelling.placeholder).find((p) => p?.description && describes(p, name, uses))?.description ?? null;
    const literal = list.find((u) => !u.spelling.placeholder);
    const usual = list.map((u) => usualValue(u.spelling.placeholder?.description ?? null, table)).find((v) => v !== null) ?? null;
    const first = list[0]!;
    variables.push({
      name,
      kind: list.find((u) => u.kind !== 'placeholder')?.kind ?? first.kind,
      meaning: first.about,
      description: described,
      example: literal ? literal.text : usual,
      secret: list.some((u) => u.secret || (u.spelling.placeholder?.secret ?? false)),
      spellings: spelled,
      uses: list.map(({ action, field, at, text, line, meaning }) => ({ action, field, at, text, line, meaning })),
      source: { line: first.spelling.placeholder?.source.line ?? first.line },
    });
  }
  // Placeholders no action uses: still values the guide asks for.
  const used = new Set(uses.map((u) => u.spelling.text));
  for (const p of placeholders) {
    const text = p.token ?? p.name;
    if (used.has(text) || variables.some((v) => v.name === p.variable)) continue;
    variables.push({ name: p.variable, kind: 'placeholder', meaning: `value the guide writes as ${text}`, description: p.description, example: usualValue(p.description, table), secret: p.secret, spellings: [text], uses: [], source: p.source });
  }
  return { variables, decisions: decisions(uses, variables, spellings) };
}

/**
 * True when the description of placeholder `p` is about variable `name`: `p` stands for that
 * variable only, or, when it is split, that variable has the use nearest the line of the
 * description (the guide describes a placeholder right by the use it explains).
 */
function describes(p: Placeholder, name: string, uses: Named[]): boolean {
  const of = uses.filter((u) => u.spelling.placeholder === p);
  if (new Set(of.map((u) => u.name)).size < 2) return true;
  const closest = [...of].sort((a, b) => Math.abs(a.line - p.source.line) - Math.abs(b.line - p.source.line))[0];
  return closest?.name === name;
}

/** The splits (a spelling behind several variables) and joins (a variable with several spellings). */
function decisions(uses: Named[], variables: SiteVariable[], spellings: Map<string, Spelling>): SiteVariableDecision[] {
  const out: SiteVariableDecision[] = [];
  const bySpelling = new Map<string, Named[]>();
  for (const u of uses) {
    const list = bySpelling.get(u.text);
    if (list) list.push(u);
    else bySpelling.set(u.text, [u]);
  }
  for (const s of spellings.keys()) {
    const of = bySpelling.get(s) ?? [];
    const names = [...new Set(of.map((u) => u.name))];
    if (names.length < 2) continue;
    const parts = names.map((n) => {
      const lines = [...new Set(of.filter((u) => u.name === n).map((u) => u.line))];
      return `${n} (${of.find((u) => u.name === n)!.about}; line ${lines.join(', ')})`;
    });
    out.push({ kind: 'split', spellings: [s], variables: names, lines: [...new Set(of.map((u) => u.line))], reason: `\`${s}\` stands for ${names.length} values: ${parts.join('; ')}` });
  }
  for (const v of variables) {
    if (v.spellings.length < 2) continue;
    const parts = v.spellings.map((s) => `\`${s}\` (line ${[...new Set(v.uses.filter((u) => u.text === s).map((u) => u.line))].join(', ')})`);
    out.push({ kind: 'join', spellings: v.spellings, variables: [v.name], lines: [...new Set(v.uses.map((u) => u.line))], reason: `${parts.join(' and ')} are one value: the ${v.meaning}` });
  }
  return out;
}
