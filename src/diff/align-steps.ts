/**
 * Aligns the steps and actions of two versions of one procedure by what they do, never by their
 * position or number. Passes, each on what the previous ones left:
 * 1. same action: equal identity (INI file/section/key; command, SQL, file content with
 *    placeholders abstracted; manual text);
 * 2. same service operation in another form (`service X start` ↔ `systemctl start X.service`,
 *    `chkconfig X on` ↔ `systemctl enable X.service`), grouped by service;
 * 3. setting moved: same file, same name once the section is folded in
 *    (`[DEFAULT] neutron_url` ↔ `[neutron] url`), or same key in another section;
 * 4. changed in place: commands or SQL with the same signature (`keystone user-role-add`), file
 *    edits of the same file;
 * 5. lost: a step whose command one copy of the guide lost (graph.missing) and the step of the
 *    other version that still has it;
 * 6. folded: a manual step of one version whose sentence the other version kept inside another
 *    step's sentence (no change for the operator).
 * What is left was added or removed. Steps without actions (forbidden steps) align by sentence.
 */
import type { Action, Procedure, Step, StepGraph } from '../ir/types.js';
import { exactKey, flatKey, serviceOps, signature, textContains, textOverlap } from './action-keys.js';

/** An action with the step that holds it. */
export interface Item {
  action: Action;
  step: Step;
}

/** How two versions of an action (or group of actions) correspond. */
export type Match =
  | { how: 'same'; old: Item; new: Item }
  | { how: 'service'; unit: string; old: Item[]; new: Item[] }
  | { how: 'moved'; old: Item; new: Item }
  | { how: 'changed'; old: Item; new: Item }
  | { how: 'lost'; lostIn: 'old' | 'new'; old: Item[]; new: Item[]; missing: { text: string; line: number } }
  | { how: 'folded'; old: Item | null; new: Item | null; into: Step };

/** The alignment of two versions of one procedure. */
export interface StepAlignment {
  matches: Match[];
  /** Actions of the old version with no counterpart (removed), in guide order. */
  oldLeft: Item[];
  /** Actions of the new version with no counterpart (added), in guide order. */
  newLeft: Item[];
  /** Steps without actions (forbidden steps) of each version with no counterpart. */
  oldBare: Step[];
  newBare: Step[];
}

const MIN_STEP_TEXT = 0.7;
const MIN_LOST_TEXT = 0.6;

function items(p: Procedure): Item[] {
  return p.steps.flatMap((step) => step.actions.map((action) => ({ action, step })));
}

function norm(s: string): string {
  return s.replace(/\s+/g, '');
}

/**
 * Aligns two versions of a procedure.
 * @param og the old graph (for placeholders and missing steps), op its procedure; ng, np the new ones.
 */
export function alignSteps(og: StepGraph, op: Procedure, ng: StepGraph, np: Procedure): StepAlignment {
  const matches: Match[] = [];
  let olds = items(op);
  let news = items(np);
  const take = (list: Item[], used: Set<Item>) => list.filter((x) => !used.has(x));

  // 1. Same action.
  {
    const used = new Set<Item>();
    const byKey = new Map<string, Item[]>();
    for (const it of news) {
      const k = exactKey(ng, it.action);
      byKey.set(k, [...(byKey.get(k) ?? []), it]);
    }
    for (const it of olds) {
      const list = byKey.get(exactKey(og, it.action));
      const partner = list?.shift();
      if (!partner) continue;
      matches.push({ how: 'same', old: it, new: partner });
      used.add(it).add(partner);
    }
    olds = take(olds, used);
    news = take(news, used);
  }

  // 2. Service operations in another form, grouped by unit.
  {
    const used = new Set<Item>();
    const ops = (list: Item[]) => list.flatMap((it) => (it.action.kind === 'command' ? serviceOps(it.action.run).map((o) => ({ ...o, it })) : []));
    const newOps = ops(news);
    const groups = new Map<string, { old: Item[]; new: Item[] }>();
    for (const o of ops(olds)) {
      const k = newOps.findIndex((n) => n.unit === o.unit && n.op === o.op);
      if (k < 0) continue;
      const n = newOps.splice(k, 1)[0]!;
      const g = groups.get(o.unit) ?? { old: [], new: [] };
      if (!g.old.includes(o.it)) g.old.push(o.it);
      if (!g.new.includes(n.it)) g.new.push(n.it);
      groups.set(o.unit, g);
      used.add(o.it).add(n.it);
    }
    for (const [unit, g] of groups) matches.push({ how: 'service', unit, old: g.old, new: g.new });
    olds = take(olds, used);
    news = take(news, used);
  }

  // 3. Settings moved to another section or name; 4. changed in place.
  const pairUp = (how: 'moved' | 'changed', same: (a: Action, b: Action) => boolean) => {
    const used = new Set<Item>();
    for (const o of olds) {
      const n = news.find((x) => !used.has(x) && same(o.action, x.action));
      if (!n) continue;
      matches.push({ how, old: o, new: n });
      used.add(o).add(n);
    }
    olds = take(olds, used);
    news = take(news, used);
  };
  pairUp('moved', (a, b) => a.kind === 'ini' && b.kind === 'ini' && a.file === b.file && (flatKey(a.section, a.key) === flatKey(b.section, b.key) || a.key === b.key));
  pairUp('changed', (a, b) => {
    if ((a.kind === 'command' || a.kind === 'sql') && b.kind === a.kind) return signature(a.run) === signature(b.run) && serviceOps(a.run).length === 0;
    if (a.kind === 'file' && b.kind === 'file') return a.file === b.file;
    return false;
  });

  // 5. Lost in one copy: the manual step standing for the lost command, and the other version's
  // step that still has a command.
  const lost = (lostIn: 'old' | 'new') => {
    const graph = lostIn === 'new' ? ng : og;
    const texts = new Set(graph.missing.map((m) => norm(m.text)));
    const mine = lostIn === 'new' ? news : olds;
    const theirs = lostIn === 'new' ? olds : news;
    const usedMine = new Set<Item>();
    const usedTheirs = new Set<Item>();
    // Best first over every (lost sentence, step with commands left) pair, by how much of the
    // shorter sentence the other holds.
    const lostItems = mine.filter((it) => it.action.kind === 'manual' && texts.has(norm(it.action.text)));
    const steps = [...new Set(theirs.filter((t) => t.action.kind !== 'manual').map((t) => t.step))];
    const pairs: Array<{ it: Item; step: Step; score: number }> = [];
    for (const it of lostItems) for (const step of steps) pairs.push({ it, step, score: textOverlap(step.text, (it.action as { text: string }).text) });
    pairs.sort((a, b) => b.score - a.score);
    const partner = new Map<Item, Step>();
    const stepTaken = new Set<Step>();
    for (const p of pairs) {
      if (p.score < MIN_LOST_TEXT || partner.has(p.it) || stepTaken.has(p.step)) continue;
      partner.set(p.it, p.step);
      stepTaken.add(p.step);
    }
    for (const it of lostItems) {
      const m = graph.missing.find((x) => norm(x.text) === norm((it.action as { text: string }).text))!;
      const best = partner.get(it);
      const counterpart = best ? theirs.filter((t) => t.step === best && t.action.kind !== 'manual') : [];
      counterpart.forEach((t) => usedTheirs.add(t));
      usedMine.add(it);
      const missing = { text: m.text, line: m.source.line };
      matches.push(lostIn === 'new' ? { how: 'lost', lostIn, old: counterpart, new: [it], missing } : { how: 'lost', lostIn, old: [it], new: counterpart, missing });
    }
    if (lostIn === 'new') {
      news = take(news, usedMine);
      olds = take(olds, usedTheirs);
    } else {
      olds = take(olds, usedMine);
      news = take(news, usedTheirs);
    }
  };
  lost('new');
  lost('old');

  // 6. Manual steps folded into another step's sentence.
  {
    const used = new Set<Item>();
    // A manual action of one side whose text a step of the other side holds.
    const fold = (items: Item[], side: 'old' | 'new', steps: Step[]) => {
      for (const it of items) {
        if (it.action.kind !== 'manual') continue;
        const into = steps.find((s) => textContains(s.text, (it.action as { text: string }).text));
        if (!into) continue;
        matches.push(side === 'old' ? { how: 'folded', old: it, new: null, into } : { how: 'folded', old: null, new: it, into });
        used.add(it);
      }
    };
    fold(olds, 'old', np.steps);
    fold(news, 'new', op.steps);
    olds = take(olds, used);
    news = take(news, used);
  }

  // Steps without actions align by sentence.
  const oldBare = op.steps.filter((s) => s.actions.length === 0);
  const newBare = np.steps.filter((s) => s.actions.length === 0);
  const bareUsed = new Set<Step>();
  for (const s of oldBare) {
    const t = newBare.find((x) => !bareUsed.has(x) && textOverlap(s.text, x.text) >= MIN_STEP_TEXT);
    if (t) bareUsed.add(s).add(t);
  }
  return { matches, oldLeft: olds, newLeft: news, oldBare: oldBare.filter((s) => !bareUsed.has(s)), newBare: newBare.filter((s) => !bareUsed.has(s)) };
}
