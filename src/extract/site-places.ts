/**
 * Places of site values: where the command or setting that uses a value says what it is for
 * (grammars/site-variables.yaml: `commands`, `urls`, `settings`), with the account it belongs to
 * and the name of its meaning (src/vars/meanings.ts).
 */
import type { Action, Literal, LiteralKind, Placeholder, SiteVariableUse } from '../ir/types.js';
import { nameMeaning, usualValue, type Shape, type SiteTable } from '../vars/meanings.js';

/** A value at a place whose meaning is known. */
export interface Place {
  action: string;
  field: SiteVariableUse['field'];
  /** 0-based offset of the value in the field. */
  at: number;
  text: string;
  line: number;
  meaning: string;
  kind: LiteralKind;
  /** The variable name and the meaning in words. */
  name: string;
  about: string;
}

/** The INI actions by file and section, to find the key that names a password's account. */
function settingsByBlock(actions: Action[]): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const a of actions) {
    if (a.kind !== 'ini') continue;
    const block = `${a.file}\0${a.section}`;
    if (!out.has(block)) out.set(block, new Map());
    out.get(block)!.set(a.key, a.value);
  }
  return out;
}

/**
 * Every place of `actions` whose value the table gives a meaning, first shape wins per place.
 * A value the table ignores (`$my_ip`, `localhost`) is no place. A host, region or e-mail place
 * only counts when its value is a literal or a placeholder of the guide (a fixed word such as
 * `keystone` is not a site value); a secret place always counts. Accounts written as a
 * placeholder are read as the usual value its description names ("通常は nova"), else as the
 * placeholder's name in lower case. Never throws.
 */
export function readPlaces(actions: Action[], placeholders: Placeholder[], literals: Literal[], roles: Map<string, string>, table: SiteTable): Place[] {
  const byToken = new Map(placeholders.map((p) => [p.token ?? p.name, p]));
  const literalValues = new Set(literals.map((l) => l.value));
  const blocks = settingsByBlock(actions);
  const out: Place[] = [];
  const seen = new Set<string>();
  const account = (user: string | undefined): string => {
    if (!user) return '';
    const p = byToken.get(user);
    if (!p) return user;
    return usualValue(p.description, table) ?? user.toLowerCase();
  };
  // user null: the account is not known; a placeholder then keeps its own name.
  const add = (a: Action, field: SiteVariableUse['field'], at: number, text: string, meaning: string, user: string | null): void => {
    const key = `${a.id}\0${field}\0${at}`;
    if (seen.has(key) || !text || table.ignore.some((re) => re.test(text))) return;
    const entry = table.meanings.get(meaning)!;
    if (entry.kind !== 'secret' && !byToken.has(text) && !literalValues.has(text)) return;
    seen.add(key);
    const role = roles.get(a.id) ?? '';
    const named = nameMeaning(table, meaning, user ?? '', role);
    if (user === null && byToken.has(text)) named.name = byToken.get(text)!.variable;
    out.push({ action: a.id, field, at, text, line: a.source.line, meaning, kind: entry.kind, ...named });
  };
  const shapes = (a: Action, field: SiteVariableUse['field'], text: string, list: Shape[]): void => {
    for (const shape of list) {
      const re = new RegExp(shape.pattern.source, `${shape.pattern.flags}g`);
      for (const m of text.matchAll(re)) {
        const groups = m.indices?.groups;
        const user = account(m.groups?.user ?? shape.user);
        if (groups?.value && m.groups?.value) add(a, field, groups.value[0], m.groups.value, shape.meaning, user);
        if (shape.hostMeaning && groups?.host && m.groups?.host) add(a, field, groups.host[0], m.groups.host, shape.hostMeaning, '');
      }
    }
  };
  for (const a of actions) {
    if (a.kind === 'manual') continue;
    if (a.kind === 'command' || a.kind === 'sql') shapes(a, 'run', a.run ?? '', table.commands);
    if (a.kind === 'ini') setting(a, blocks, table, account, add, byToken);
    const fields: Array<[SiteVariableUse['field'], string]> =
      a.kind === 'ini' ? [['value', a.value]] : a.kind === 'file' ? [['content', a.content]] : [['run', a.run ?? '']];
    for (const [field, text] of fields) if (text.includes('://')) shapes(a, field, text, table.urls);
  }
  return out;
}

/** The place of an INI setting's value, when a `settings` shape names its key. */
function setting(
  a: Extract<Action, { kind: 'ini' }>,
  blocks: Map<string, Map<string, string>>,
  table: SiteTable,
  account: (user: string | undefined) => string,
  add: (a: Action, field: SiteVariableUse['field'], at: number, text: string, meaning: string, user: string | null) => void,
  byToken: Map<string, Placeholder>,
): void {
  const shape = table.settings.find((s) => s.key.test(a.key) && (!s.section || s.section.test(a.section)));
  if (!shape) return;
  let text = a.value.trim();
  let at = a.value.indexOf(text);
  if (shape.valuePattern) {
    const m = shape.valuePattern.exec(a.value);
    const g = m?.indices?.groups?.value;
    if (!m?.groups?.value || !g) return;
    at = g[0];
    text = m.groups.value;
  }
  let user = '';
  const entry = table.meanings.get(shape.meaning)!;
  if (entry.kind === 'secret') {
    const prefix = a.key.replace(table.passwordSuffix, '');
    const block = blocks.get(`${a.file}\0${a.section}`);
    const key = table.userKeys.map((k) => `${prefix}${k}`).find((k) => block?.has(k));
    if (key) user = account(block!.get(key));
    // No account beside it: a placeholder's own name says whose it is (`RABBIT_PASS`); a literal is
    // the account the meaning has without one (`users: {'': …}`), else the service the file is of.
    else if (byToken.has(text)) {
      add(a, 'value', at, text, shape.meaning, null);
      return;
    } else if (!entry.users || !Object.prototype.hasOwnProperty.call(entry.users, '')) user = /^\/etc\/([\w-]+)\//.exec(a.file)?.[1] ?? '';
  }
  add(a, 'value', at, text, shape.meaning, user);
}
