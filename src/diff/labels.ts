/** How reports name each kind of change: a sign (`+` added, `-` removed, `~` changed, `!` lost) and words. */
import type { Change, ChangeKind, DiffSide, GraphDiff } from './types.js';

/** Sign and English label of a change kind. */
export const LABELS: Record<ChangeKind, { sign: '+' | '-' | '~' | '!'; label: string }> = {
  'procedure-added': { sign: '+', label: 'procedure added' },
  'procedure-removed': { sign: '-', label: 'procedure removed' },
  'role-changed': { sign: '~', label: 'runs on other hosts' },
  'step-added': { sign: '+', label: 'step added' },
  'step-removed': { sign: '-', label: 'step removed' },
  'setting-changed': { sign: '~', label: 'setting value changed' },
  'setting-moved': { sign: '~', label: 'setting moved' },
  'setting-added': { sign: '+', label: 'setting added' },
  'setting-removed': { sign: '-', label: 'setting removed' },
  'command-form-changed': { sign: '~', label: 'command changed form' },
  'command-changed': { sign: '~', label: 'command changed' },
  'command-added': { sign: '+', label: 'command added' },
  'command-removed': { sign: '-', label: 'command removed' },
  'file-changed': { sign: '~', label: 'file edit changed' },
  'file-added': { sign: '+', label: 'file edit added' },
  'file-removed': { sign: '-', label: 'file edit removed' },
  'manual-added': { sign: '+', label: 'manual step added' },
  'manual-removed': { sign: '-', label: 'manual step removed' },
  'command-lost': { sign: '!', label: 'command lost' },
  'placeholder-added': { sign: '+', label: 'placeholder added' },
  'placeholder-removed': { sign: '-', label: 'placeholder removed' },
  'placeholder-renamed': { sign: '~', label: 'placeholder renamed' },
};

/** `path:line` of a side, or `-` when the item has no place in that guide. */
export function where(s: DiffSide | null): string {
  return s ? `${s.path}:${s.line}` : '-';
}

/** One-line summary of the counts: `3 settings moved, 1 step added …`, or `no differences`. */
export function summaryLine(d: GraphDiff): string {
  const parts = Object.entries(d.counts).map(([k, n]) => `${n} × ${LABELS[k as ChangeKind].label}`);
  const unchanged = d.procedures.filter((p) => p.status === 'unchanged').length;
  return d.equal ? `no differences (${unchanged} procedures alike)` : `${parts.join(', ')}; ${unchanged} procedures unchanged`;
}

/** The texts a change shows for its old and new side (null: none), with the added/removed step's actions. */
export function texts(c: Change): { old: string | null; new: string | null } {
  return { old: c.old?.text ?? null, new: c.new?.text ?? null };
}

/**
 * Which sides of a change hold code (commands, settings, file lines, placeholder names) rather than
 * the guide's prose (step sentences, titles, roles): renderers quote code and escape prose.
 */
export function codeSides(c: Change): { old: boolean; new: boolean } {
  switch (c.kind) {
    case 'procedure-added':
    case 'procedure-removed':
    case 'role-changed':
    case 'step-added':
    case 'step-removed':
    case 'manual-added':
    case 'manual-removed':
      return { old: false, new: false };
    case 'command-lost': {
      const lostInNew = c.note?.includes('new copy') ?? false;
      return { old: lostInNew, new: !lostInNew };
    }
    default:
      return { old: true, new: true };
  }
}
