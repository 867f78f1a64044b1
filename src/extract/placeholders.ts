/**
 * Placeholders: the values the operator supplies. They come from the guide's definitions
 * ("PASSWORD は、…に置き換えます", "Replace NOVA_PASS with …", a password table), from HTML
 * `<em class="replaceable">` markup, and from use: an ALL-CAPS name with a value-like suffix
 * (`NEUTRON_DBPASS`, `RABBITMQ_HOST`) or an `<angle-bracketed>` word in a command.
 */
import type { Action, Placeholder } from '../ir/types.js';
import { hasShortEntity } from '../ir/occurrence.js';

/** A placeholder as one pass found it. */
export interface PlaceholderFinding {
  name: string;
  description: string | null;
  /** Guide line of the definition or first use. */
  line: number;
  /** Action ids the name stands for a value in (lower-case names), or null for "everywhere". */
  scope: string[] | null;
}

const VALUE_SUFFIX = /_(?:PASS|DBPASS|PASSWORD|SECRET|TOKEN|HOST|HOSTNAME|IP|ADDRESS|EMAIL|ID|NAME|INTERFACE|URL|PORT|KEY|USER|CIDR|GATEWAY|NETWORK|RANGE|DEVICE)$/;
const CAPS = /^[A-Z][A-Z0-9_]*$/;

/** The text of an action that may hold placeholders. */
export function actionTexts(a: Action): string[] {
  switch (a.kind) {
    case 'command':
    case 'sql':
      return [a.run];
    case 'ini':
      return [a.file, a.section, a.key, a.value];
    case 'file':
      return [a.file, a.content];
    case 'manual':
      return [a.text];
  }
}

/** True when `name` stands in `text` as a whole token (not inside a longer identifier). */
export function hasToken(text: string, name: string): boolean {
  return text.includes(name) && tokenPattern(name).test(text);
}

const tokenPatterns = new Map<string, RegExp>();

/** The whole-token pattern of `name`, compiled once per name (no global flag: `test` keeps no state). */
function tokenPattern(name: string): RegExp {
  let re = tokenPatterns.get(name);
  if (!re) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    re = new RegExp(`(?<![A-Za-z0-9_])${escaped}(?![A-Za-z0-9_])`, 'u');
    tokenPatterns.set(name, re);
  }
  return re;
}

/** Placeholders used in actions without being defined: value-like ALL-CAPS names and `<word>`s. */
export function findUsedPlaceholders(actions: Action[]): PlaceholderFinding[] {
  const out: PlaceholderFinding[] = [];
  // Names the guide assigns (`export OS_SERVICE_TOKEN=…`, `ADMIN_PASSWORD=${ADMIN_PASSWORD:-x}` in a
  // script it writes) are shell variables, not placeholders.
  const assigned = new Set<string>();
  // Each pattern only where the text holds what every match of it holds (=, _, <).
  for (const a of actions) {
    const text = a.kind === 'command' ? a.run : a.kind === 'file' ? a.content : '';
    if (text.includes('=')) eachGroup(ASSIGNED, text, (name) => assigned.add(name));
  }
  // So are the keys an INI action sets (`CONFIG_CONTROLLER_HOST=…` in an answer file).
  for (const a of actions) if (a.kind === 'ini') assigned.add(a.key);
  for (const a of actions) {
    if (a.kind === 'manual') continue;
    for (const text of actionTexts(a)) {
      if (text.includes('_')) {
        eachGroup(CAPS_NAME, text, (name) => {
          if (VALUE_SUFFIX.test(name) && !assigned.has(name)) out.push({ name, description: null, line: a.source.line, scope: null });
        });
      }
      if (a.kind === 'command' && text.includes('<')) {
        eachGroup(BRACKETED_NAME, text, (name) => out.push({ name, description: null, line: a.source.line, scope: [a.id] }));
      }
    }
  }
  return out;
}

const ASSIGNED = /(?:^|[\s;])(?:export\s+)?([A-Z][A-Z0-9_]*)=/g;
const CAPS_NAME = /(?<![\w$])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?![\w=])/g;
const BRACKETED_NAME = /<([a-z][\w-]*)>/g;

/**
 * Calls `visit` with the first group of every match of the global pattern `re` in `text`, in
 * order, as `for (const m of text.matchAll(re))` would, without the copy of `re` and the iterator
 * `matchAll` makes per call. `re` matches no empty string and is used by nothing else meanwhile:
 * its `lastIndex` is set to 0 first and is 0 again after the last match.
 */
export function eachGroup(re: RegExp, text: string, visit: (group: string) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) visit(m[1]!);
}

/**
 * Merges findings into one placeholder per name, in order of first line. The first finding with a
 * description gives it; ALL-CAPS names apply everywhere (scope null), other names only to the
 * actions their findings name, or to the actions holding them when no finding names any, or,
 * when none of the named actions holds the name, to the last action at or before the
 * placeholder's first line that does. A lower-case name written `<name>` in every action of its
 * scope gets `token: '<name>'`.
 * @param isSecret decides the secret flag from the name and description.
 */
export function mergePlaceholders(findings: PlaceholderFinding[], actions: Action[], isSecret: (name: string, description: string | null) => boolean): Placeholder[] {
  const byName = new Map<string, PlaceholderFinding & { scopes: Set<string> | null }>();
  for (const f of findings) {
    const name = f.name.trim();
    if (!name) continue;
    const known = byName.get(name);
    if (!known) {
      byName.set(name, { ...f, name, scopes: f.scope ? new Set(f.scope) : null });
      continue;
    }
    if (known.description === null && f.description) known.description = f.description;
    known.line = Math.min(known.line, f.line);
    if (known.scopes && f.scope) f.scope.forEach((id) => known.scopes!.add(id));
  }
  const variables = new Set<string>();
  const out: Placeholder[] = [];
  // Every action by id, once: scanning all actions for each placeholder's scope was quadratic in a long guide.
  const byId = new Map<string, Action>();
  for (const a of actions) if (!byId.has(a.id)) byId.set(a.id, a);
  // Every action's texts, once (not once per placeholder).
  const texts = actions.map(actionTexts);
  for (const p of [...byName.values()].sort((a, b) => a.line - b.line)) {
    let scope: string[] | null = null;
    if (!CAPS.test(p.name)) {
      const named = p.scopes ? [...p.scopes] : [];
      const holders = actions.filter((_a, i) => texts[i]!.some((t) => hasToken(t, p.name) || hasShortEntity(t, p.name)));
      const holding = holders.map((a) => a.id);
      const held = new Set(holding);
      scope = (named.length ? named.filter((id) => held.has(id)) : holding).sort();
      // Defined after other commands came in between (a definition list under a command, with a
      // `file …` check shown inside it): the last action before the definition that holds it.
      if (named.length && scope.length === 0) {
        const before = holders.filter((a) => a.source.line <= p.line).sort((a, b) => b.source.line - a.source.line)[0];
        if (before) scope = [before.id];
      }
    }
    // Written `<name>` in every action it stands in: the brackets are part of what is replaced.
    const bracketed = `<${p.name}>`;
    // The actions in scope, by id (ids are unique; the order does not matter to `every`).
    const inScope = (scope ?? []).flatMap((id) => byId.get(id) ?? []);
    const token = inScope.length > 0 && inScope.every((a) => actionTexts(a).some((t) => t.includes(bracketed))) ? bracketed : null;
    out.push({
      name: p.name,
      description: p.description,
      secret: isSecret(p.name, p.description),
      source: { line: p.line },
      variable: uniqueVariable(p.name, variables),
      scope,
      ...(token ? { token } : {}),
    });
  }
  return out;
}

/** Upper snake case identifier for a placeholder (`/path/to/ca.crt` → `PATH_TO_CA_CRT`), unique in `taken`. */
export function uniqueVariable(name: string, taken: Set<string>): string {
  let base = name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase() || 'VALUE';
  if (/^\d/.test(base)) base = `V_${base}`;
  let v = base;
  for (let n = 2; taken.has(v); n++) v = `${base}_${n}`;
  taken.add(v);
  return v;
}
