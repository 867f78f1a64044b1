/**
 * What an action means, for aligning two versions of a guide: exact keys (the stable-id identity
 * with placeholders abstracted), loose keys (what a procedure is about: INI file and key, command
 * signature, service), service operations (`service X start`, `chkconfig X on`, `systemctl
 * enable X.service`), and a text similarity for titles and step sentences.
 */
import { actionIdentity } from '../extract/ids.js';
import type { Action, Placeholder, StepGraph } from '../ir/types.js';

/** Placeholder names that apply to `a` in `g` (global ones and those scoped to it). */
export function placeholderNames(g: StepGraph, a: Action): string[] {
  return g.placeholders.filter((p: Placeholder) => p.scope === null || p.scope.includes(a.id)).map((p) => p.name);
}

/** Exact identity of an action: equal keys in two guides mean the same action (ini: same setting). */
export function exactKey(g: StepGraph, a: Action): string {
  return actionIdentity(a, placeholderNames(g, a)).join('\u0001');
}

/** One service operation a command performs: `start`, `stop`, `restart`, `enable`, `disable` of a unit. */
export interface ServiceOp {
  op: string;
  /** Unit name without `.service`: `openstack-nova-api`. */
  unit: string;
}

/**
 * The service operations of a command, whatever init system it uses:
 * `service X start` → start X; `chkconfig X on` → enable X; `systemctl start X.service Y` → start X, start Y.
 * @returns [] when the command manages no service.
 */
export function serviceOps(run: string): ServiceOp[] {
  const w = run.trim().split(/\s+/);
  const unit = (u: string) => u.replace(/\.service$/, '');
  if (w[0] === 'service' && w.length === 3 && /^(?:start|stop|restart|reload)$/.test(w[2]!)) return [{ op: w[2]!, unit: unit(w[1]!) }];
  if (w[0] === 'chkconfig' && w.length === 3 && /^(?:on|off)$/.test(w[2]!)) return [{ op: w[2] === 'on' ? 'enable' : 'disable', unit: unit(w[1]!) }];
  if (w[0] === 'systemctl' && w.length >= 3 && /^(?:start|stop|restart|reload|enable|disable)$/.test(w[1]!)) {
    const units = w.slice(2).filter((x) => !x.startsWith('-'));
    return units.map((u) => ({ op: w[1]!, unit: unit(u) }));
  }
  return [];
}

/** The command's signature: its first two words that are not options (`keystone user-role-add`, `yum install`). */
export function signature(run: string): string {
  return run.trim().split(/\s+/).filter((x) => !x.startsWith('-')).slice(0, 2).join(' ').toLowerCase();
}

/**
 * A setting's name with its section folded in, so a setting moved from `[DEFAULT] neutron_url` to
 * `[neutron] url` keeps its name: `DEFAULT` keys stay as they are, others become `section_key`.
 */
export function flatKey(section: string, key: string): string {
  return section === 'DEFAULT' ? key : `${section}_${key}`;
}

/**
 * What an action is about, loosely (for aligning procedures): ini → file and {@link flatKey}; command → its service units or its signature; sql → its first two words; file →
 * the path; manual → null (prose is compared as text).
 */
export function looseKeys(a: Action): string[] {
  switch (a.kind) {
    case 'ini':
      return [`ini:${a.file}:${flatKey(a.section, a.key)}`];
    case 'command': {
      const ops = serviceOps(a.run);
      return ops.length ? ops.map((o) => `svc:${o.unit}`) : [`cmd:${signature(a.run)}`];
    }
    case 'sql':
      return [`sql:${signature(a.run)}`];
    case 'file':
      return [`file:${a.file}`];
    case 'manual':
      return [];
  }
}

/** Normalised text for similarity: lower case, no white space, no numbering. */
function norm(s: string): string {
  return s.toLowerCase().replace(/\s+/g, '');
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  const t = norm(s);
  for (let i = 0; i < t.length - 1; i++) {
    const b = t.slice(i, i + 2);
    m.set(b, (m.get(b) ?? 0) + 1);
  }
  return m;
}

/** The bigrams two texts share (counted with multiplicity) and how many each has. */
function sharedBigrams(a: string, b: string): { common: number; na: number; nb: number } {
  const x = bigrams(a);
  const y = bigrams(b);
  let common = 0;
  let na = 0;
  let nb = 0;
  for (const [k, n] of x) {
    common += Math.min(n, y.get(k) ?? 0);
    na += n;
  }
  for (const n of y.values()) nb += n;
  return { common, na, nb };
}

/** Dice coefficient of the character bigrams of two texts, 0–1 (1: identical after normalising). */
export function textSimilarity(a: string, b: string): number {
  if (norm(a) === norm(b)) return 1;
  const { common, na, nb } = sharedBigrams(a, b);
  return na + nb === 0 ? 0 : (2 * common) / (na + nb);
}

/**
 * Overlap coefficient of the character bigrams of two texts, 0–1: how much of the shorter text the
 * longer one holds (a short sentence kept inside a scraped run of sentences scores high).
 */
export function textOverlap(a: string, b: string): number {
  const { common, na, nb } = sharedBigrams(a, b);
  return Math.min(na, nb) === 0 ? 0 : common / Math.min(na, nb);
}

/** True when one normalised text contains the other (a manual step folded into a longer sentence). */
export function textContains(a: string, b: string): boolean {
  const x = norm(a);
  const y = norm(b);
  return x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x));
}

/** An action in words, as reports print it: `file [section] key = value`, the command, the file's first line. */
export function describe(a: Action): string {
  switch (a.kind) {
    case 'command':
    case 'sql':
      return a.run;
    case 'ini':
      return `${a.file} [${a.section}] ${a.key} = ${a.value}`;
    case 'file': {
      const lines = a.content.split('\n');
      return `${a.file} += ${lines[0]}${lines.length > 1 ? ` (+${lines.length - 1} lines)` : ''}`;
    }
    case 'manual':
      return a.text;
  }
}
