/**
 * Turns aligned procedures and steps into the changes an operator acts on (see types.ts): values
 * that changed, settings that moved, commands that changed form, steps added or removed, commands
 * a copy lost, placeholders added, removed or renamed. Moves and renumbering are never changes:
 * nothing here looks at positions except to report them.
 */
import type { Action, Procedure, Step, StepGraph } from '../ir/types.js';
import { describe, serviceOps } from './action-keys.js';
import { alignProcedures } from './align-procedures.js';
import { alignSteps, type Item } from './align-steps.js';
import { CHANGE_KINDS, type Change, type ChangeKind, type DiffSide, type GraphDiff, type ProcedureDiff, type ProcedureRef } from './types.js';

const ADDED: Record<Action['kind'], ChangeKind> = { command: 'command-added', sql: 'command-added', ini: 'setting-added', file: 'file-added', manual: 'manual-added' };
const REMOVED: Record<Action['kind'], ChangeKind> = { command: 'command-removed', sql: 'command-removed', ini: 'setting-removed', file: 'file-removed', manual: 'manual-removed' };

function ref(p: Procedure): ProcedureRef {
  return { title: p.title, line: p.source.line, role: p.role };
}

/** Pairs of commands (old run, new run) seen as the same action, for placeholder renames. */
type RunPairs = Array<[string, string]>;

function textOf(a: Action): string {
  return a.kind === 'command' || a.kind === 'sql' ? a.run : a.kind === 'ini' ? a.value : a.kind === 'file' ? a.content : a.text;
}

/** The changes inside two aligned versions of one procedure. */
function procedureChanges(og: StepGraph, op: Procedure, ng: StepGraph, np: Procedure, runs: RunPairs): Change[] {
  const side = (g: StepGraph, line: number, text: string | null): DiffSide => ({ path: g.source.path, line, text });
  const o = (it: Item, text = describe(it.action)) => side(og, it.action.source.line, text);
  const n = (it: Item, text = describe(it.action)) => side(ng, it.action.source.line, text);
  const oAnchor = side(og, op.source.line, null);
  const nAnchor = side(ng, np.source.line, null);
  const step = (a: Step | null, b: Step | null) => ({ old: a?.text ?? null, new: b?.text ?? null });
  const out: Change[] = [];
  if ((op.role ?? null) !== (np.role ?? null)) {
    out.push({ kind: 'role-changed', old: side(og, op.source.line, op.role ?? '-'), new: side(ng, np.source.line, np.role ?? '-') });
  }
  const al = alignSteps(og, op, ng, np);
  for (const m of al.matches) {
    switch (m.how) {
      case 'same': {
        const a = m.old.action;
        const b = m.new.action;
        if (a.kind === 'ini' && b.kind === 'ini' && a.value !== b.value) {
          out.push({ kind: 'setting-changed', old: o(m.old), new: n(m.new), step: step(m.old.step, m.new.step) });
        } else if (textOf(a) !== textOf(b)) {
          out.push({ kind: a.kind === 'file' ? 'file-changed' : 'command-changed', old: o(m.old), new: n(m.new), step: step(m.old.step, m.new.step), note: 'placeholders renamed' });
        }
        if (a.kind === 'command' || a.kind === 'sql' || a.kind === 'ini') runs.push([textOf(a), textOf(b)]);
        break;
      }
      case 'service': {
        const before = m.old.map((x) => describe(x.action)).join('; ');
        const after = m.new.map((x) => describe(x.action)).join('; ');
        if (before !== after) out.push({ kind: 'command-form-changed', old: o(m.old[0]!, before), new: n(m.new[0]!, after), step: step(m.old[0]!.step, m.new[0]!.step), note: `service ${m.unit}` });
        break;
      }
      case 'moved': {
        const a = m.old.action;
        const b = m.new.action;
        out.push({ kind: 'setting-moved', old: o(m.old), new: n(m.new), step: step(m.old.step, m.new.step), ...(textOf(a) !== textOf(b) ? { note: 'value also changed' } : {}) });
        if (a.kind === 'ini' && b.kind === 'ini') runs.push([a.value, b.value]);
        break;
      }
      case 'changed': {
        const kind: ChangeKind = m.old.action.kind === 'file' ? 'file-changed' : 'command-changed';
        out.push({ kind, old: o(m.old), new: n(m.new), step: step(m.old.step, m.new.step) });
        runs.push([textOf(m.old.action), textOf(m.new.action)]);
        break;
      }
      case 'lost': {
        // The side that lost it shows the sentence and the line where the command should be.
        const gone = side(m.lostIn === 'new' ? ng : og, m.missing.line, m.missing.text);
        const kept = m.lostIn === 'new' ? m.old : m.new;
        const keptSide = kept.length ? side(m.lostIn === 'new' ? og : ng, kept[0]!.action.source.line, kept.map((x) => describe(x.action)).join('; ')) : m.lostIn === 'new' ? oAnchor : nAnchor;
        out.push({
          kind: 'command-lost',
          old: m.lostIn === 'new' ? keptSide : gone,
          new: m.lostIn === 'new' ? gone : keptSide,
          note: `lost from the ${m.lostIn} copy of the guide${kept.length ? '' : '; the other version has no such step'}`,
        });
        break;
      }
      case 'folded':
        break;
    }
  }
  // Left over: whole steps added or removed, else single actions.
  const leftovers = (left: Item[], added: boolean) => {
    const done = new Set<Step>();
    for (const it of left) {
      const s = it.step;
      const mine = left.filter((x) => x.step === s);
      if (mine.length === s.actions.length) {
        if (done.has(s)) continue;
        done.add(s);
        const here = side(added ? ng : og, s.source.line, s.text);
        const ops = s.actions.flatMap((a) => (a.kind === 'command' ? serviceOps(a.run) : []));
        const note = ops.length ? `${ops.map((x) => `${x.op} ${x.unit}`).join(', ')}: ${added ? 'new in this version' : 'no counterpart in the new version'}` : undefined;
        out.push({ kind: added ? 'step-added' : 'step-removed', old: added ? oAnchor : here, new: added ? here : nAnchor, actions: s.actions.map(describe), ...(note ? { note } : {}) });
        continue;
      }
      const ops = it.action.kind === 'command' ? serviceOps(it.action.run) : [];
      const note = ops.length ? `${ops.map((x) => `${x.op} ${x.unit}`).join(', ')}: ${added ? 'new in this version' : 'no counterpart in the new version'}` : undefined;
      const here = (added ? n : o)(it);
      out.push({ kind: (added ? ADDED : REMOVED)[it.action.kind], old: added ? oAnchor : here, new: added ? here : nAnchor, step: added ? step(null, s) : step(s, null), ...(note ? { note } : {}) });
    }
  };
  leftovers(al.oldLeft, false);
  leftovers(al.newLeft, true);
  for (const s of al.oldBare) out.push({ kind: 'step-removed', old: side(og, s.source.line, s.text), new: nAnchor, actions: [], ...(s.forbidden ? { note: 'a step the guide says not to do' } : {}) });
  for (const s of al.newBare) out.push({ kind: 'step-added', old: oAnchor, new: side(ng, s.source.line, s.text), actions: [], ...(s.forbidden ? { note: 'a step the guide says not to do' } : {}) });
  // In the order of the new guide, then the old.
  const at = (c: Change) => [c.new?.text !== null && c.new ? c.new.line : Number.MAX_SAFE_INTEGER, c.old?.line ?? 0];
  return out.sort((a, b) => at(a)[0]! - at(b)[0]! || at(a)[1]! - at(b)[1]!);
}

/** Tokens of a command or value, split where placeholders end. */
function tokens(s: string): string[] {
  return s.split(/([\s:@/'"=,]+)/).filter((x) => x !== '');
}

/** Placeholders added, removed, or renamed (an old name and a new name in the same place of an aligned action). */
function placeholderChanges(og: StepGraph, ng: StepGraph, runs: RunPairs): Change[] {
  const oldNames = new Map(og.placeholders.map((p) => [p.name, p]));
  const newNames = new Map(ng.placeholders.map((p) => [p.name, p]));
  const removed = new Set([...oldNames.keys()].filter((k) => !newNames.has(k)));
  const added = new Set([...newNames.keys()].filter((k) => !oldNames.has(k)));
  const out: Change[] = [];
  for (const [a, b] of runs) {
    const x = tokens(a);
    const y = tokens(b);
    if (x.length !== y.length) continue;
    for (let i = 0; i < x.length; i++) {
      if (x[i] !== y[i] && removed.has(x[i]!) && added.has(y[i]!)) {
        const p = oldNames.get(x[i]!)!;
        const q = newNames.get(y[i]!)!;
        out.push({ kind: 'placeholder-renamed', old: { path: og.source.path, line: p.source.line, text: p.name }, new: { path: ng.source.path, line: q.source.line, text: q.name } });
        removed.delete(p.name);
        added.delete(q.name);
      }
    }
  }
  for (const name of removed) {
    const p = oldNames.get(name)!;
    out.push({ kind: 'placeholder-removed', old: { path: og.source.path, line: p.source.line, text: name }, new: null, ...(p.description ? { note: p.description } : {}) });
  }
  for (const name of added) {
    const q = newNames.get(name)!;
    out.push({ kind: 'placeholder-added', old: null, new: { path: ng.source.path, line: q.source.line, text: name }, ...(q.description ? { note: q.description } : {}) });
  }
  return out;
}

/** Lost steps (graph.missing) that no manual action stands for, so no procedure reported them. */
function strayLost(g: StepGraph, lostIn: 'old' | 'new'): Change[] {
  const manual = new Set(g.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions.flatMap((a) => (a.kind === 'manual' ? [a.text.replace(/\s+/g, '')] : [])))));
  return g.missing
    .filter((m) => !manual.has(m.text.replace(/\s+/g, '')))
    .map((m) => {
      const here = { path: g.source.path, line: m.source.line, text: m.text };
      return { kind: 'command-lost' as const, old: lostIn === 'old' ? here : null, new: lostIn === 'new' ? here : null, note: `lost from the ${lostIn} copy of the guide` };
    });
}

/**
 * Diffs two step graphs by meaning.
 * @returns the diff; `equal` is true when no procedure, placeholder or lost command differs.
 */
export function diffGraphs(og: StepGraph, ng: StepGraph): GraphDiff {
  const runs: RunPairs = [];
  const procedures: ProcedureDiff[] = alignProcedures(og, ng).map((pair): ProcedureDiff => {
    if (pair.old && pair.new) {
      const changes = procedureChanges(og, pair.old, ng, pair.new, runs);
      return { status: changes.length ? 'changed' : 'unchanged', old: ref(pair.old), new: ref(pair.new), similarity: Math.round(pair.score * 100) / 100, changes };
    }
    const p = (pair.old ?? pair.new)!;
    const g = pair.old ? og : ng;
    const here: DiffSide = { path: g.source.path, line: p.source.line, text: p.title };
    const actions = p.steps.flatMap((s) => (s.actions.length ? s.actions.map(describe) : [s.text]));
    const change: Change = pair.old ? { kind: 'procedure-removed', old: here, new: null, actions } : { kind: 'procedure-added', old: null, new: here, actions };
    return { status: pair.old ? 'removed' : 'added', old: pair.old ? ref(pair.old) : null, new: pair.new ? ref(pair.new) : null, similarity: 0, changes: [change] };
  });
  const placeholders = placeholderChanges(og, ng, runs);
  const lost = [...strayLost(og, 'old'), ...strayLost(ng, 'new')];
  const counts: Partial<Record<ChangeKind, number>> = {};
  for (const c of [...procedures.flatMap((p) => p.changes), ...placeholders, ...lost]) counts[c.kind] = (counts[c.kind] ?? 0) + 1;
  const ordered: Partial<Record<ChangeKind, number>> = {};
  for (const k of CHANGE_KINDS) if (counts[k]) ordered[k] = counts[k];
  const input = (g: StepGraph) => ({ path: g.source.path, title: g.title, dialect: g.source.dialect, sha256: g.source.sha256 });
  return { old: input(og), new: input(ng), equal: Object.keys(ordered).length === 0, procedures, placeholders, lost, counts: ordered };
}
