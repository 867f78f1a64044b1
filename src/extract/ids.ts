/**
 * Stable ids derived from meaning, not position: a procedure's id comes from its title without the
 * guide's numbering (`手順8.5 ` / `8.4.3. ` / `第8章 `), an action's from that title and the
 * action's identity (INI file/section/key, normalised command or SQL statement with the
 * placeholders abstracted, file and content, manual text), a step's from that title and the
 * identities of its actions (its text when it has none). So a guide that gains a paragraph, or
 * whose sections are renumbered, keeps every other id, and a regenerated runbook differs only
 * where the guide changed.
 */
import * as crypto from 'node:crypto';

/**
 * The hex SHA-1 of a string (UTF-8). Node's one-shot `crypto.hash` (Node ≥ 20.12; not yet in
 * @types/node 20) where it exists: the same digest without a Hash object per id, which the
 * extraction profile showed at ~0.2 s per 5 MB of guide; `createHash` elsewhere.
 */
const sha1Hex: (data: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (data) => (crypto as unknown as { hash(algorithm: string, data: string, encoding: 'hex'): string }).hash('sha1', data, 'hex')
    : (data) => crypto.createHash('sha1').update(data).digest('hex');
import type { Action, Placeholder, Procedure } from '../ir/types.js';

/** Hands out ids `<prefix>-<8 hex of sha1(key)>`, with `-2`, `-3` … for a key seen again. */
export class IdMaker {
  private readonly seen = new Map<string, number>();

  /**
   * @param prefix `p` (procedure), `s` (step) or `a` (action).
   * @param parts the meaning the id stands for; joined with NUL before hashing.
   */
  make(prefix: string, ...parts: string[]): string {
    const base = `${prefix}-${sha1Hex(parts.join('\u0000')).slice(0, 8)}`;
    const n = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  }
}

/**
 * Leading numbering of a procedure or section title, as the Red Hat and upstream guides write it:
 * `手順8.5 `, `Procedure 8.5. `, `8.4.5.6.1. `, `第8章 `, `Chapter 8. `, `1.2 `.
 */
const NUMBERING = /^\s*(?:(?:手順|表|図|Procedure|Chapter|Section|Table|Figure)\s*)?(?:第\s*)?\d+(?:[.．-]\d+)*[.．]?(?:\s*章)?\s+/iu;

/**
 * The meaning of a procedure title: its numbering removed and whitespace collapsed.
 * `手順8.5 Compute Service データベースの作成` → `Compute Service データベースの作成`.
 */
export function titleKey(title: string): string {
  const stripped = title.replace(NUMBERING, '');
  return (stripped || title).replace(/\s+/g, ' ').trim();
}

/** Abstracted form of a placeholder occurrence in an action's identity. */
const SLOT = '\u27e8\u27e9';

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces each whole-token occurrence of a placeholder name with one slot, so an action whose
 * guide renames `PASSWORD` to `NOVA_PASS` keeps its id. `names` are the placeholders that apply
 * to this action (global ones and those scoped to it).
 */
export function abstractPlaceholders(text: string, names: readonly string[]): string {
  let out = text;
  // Longest first: `NOVA_PASS` before `PASS`. Only names the text holds can match.
  for (const name of names.filter((n) => text.includes(n)).sort((a, b) => b.length - a.length)) {
    out = out.replace(slotPattern(name), SLOT);
  }
  return out;
}

const slotPatterns = new Map<string, RegExp>();

/** The whole-token pattern of a placeholder name, compiled once per name (global flag: used with replace only). */
function slotPattern(name: string): RegExp {
  let re = slotPatterns.get(name);
  if (!re) {
    re = new RegExp(`(?<![\\w-])${escapeRe(name)}(?![\\w-])`, 'g');
    slotPatterns.set(name, re);
  }
  return re;
}

/**
 * The identity of an action: what it does, independent of where the guide says it.
 * command/sql: the whitespace-normalised statement with placeholders abstracted; ini: file,
 * section and key (not the value: a changed value is the same setting changed); file: path and
 * content; manual: the text.
 * @param names placeholder names that apply to this action.
 */
export function actionIdentity(a: Action, names: readonly string[] = []): string[] {
  switch (a.kind) {
    case 'command':
    case 'sql':
      return [a.kind, abstractPlaceholders(a.run.replace(/\s+/g, ' ').trim(), names)];
    case 'ini':
      return [a.kind, a.file, a.section, a.key];
    case 'file':
      return [a.kind, a.file, abstractPlaceholders(a.content, names)];
    case 'manual':
      return [a.kind, a.text.replace(/\s+/g, ' ').trim()];
  }
}

/**
 * Gives every procedure, step and action of an extracted guide its stable id (in place), and
 * rewrites the references to action ids (`sql.session`, `placeholder.scope`) to match.
 * Procedure: `p-` + hash(title key). Step: `s-` + hash(title key, identities of its actions, or its
 * text when it has none). Action: `a-` + hash(title key, identity). A key seen again in the guide
 * gets `-2`, `-3` … in reading order.
 */
export function assignStableIds(procedures: Procedure[], placeholders: Placeholder[]): void {
  const ids = new IdMaker();
  const global = placeholders.filter((p) => p.scope === null).map((p) => p.name);
  const scoped = placeholders.filter((p) => p.scope !== null);
  // Action id → names scoped to it, built once (a lookup per action kept this pass linear).
  const scopedNames = new Map<string, string[]>();
  for (const x of scoped) for (const id of x.scope!) scopedNames.set(id, [...(scopedNames.get(id) ?? []), x.name]);
  const renamed = new Map<string, string>();
  for (const p of procedures) {
    const key = titleKey(p.title);
    p.id = ids.make('p', key);
    for (const s of p.steps) {
      const identities: string[] = [];
      for (const a of s.actions) {
        const own = scopedNames.get(a.id);
        const names = own ? [...global, ...own] : global;
        const identity = actionIdentity(a, names);
        identities.push(identity.join('\u0001'));
        const id = ids.make('a', key, ...identity);
        renamed.set(a.id, id);
        a.id = id;
      }
      s.id = identities.length ? ids.make('s', key, ...identities) : ids.make('s', key, s.text.replace(/\s+/g, ' ').trim());
    }
  }
  for (const p of procedures) for (const s of p.steps) for (const a of s.actions) if (a.kind === 'sql') a.session = renamed.get(a.session) ?? a.session;
  for (const ph of scoped) ph.scope = ph.scope!.map((id) => renamed.get(id) ?? id).sort();
}
