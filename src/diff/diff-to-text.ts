/**
 * A diff for the terminal: one block per procedure that differs, one line per change with its
 * sign, its words and `path:line` in both guides. ANSI colour only when asked (the CLI asks when
 * stdout is a TTY and NO_COLOR is unset).
 */
import { LABELS, summaryLine, where } from './labels.js';
import type { Change, GraphDiff, ProcedureDiff } from './types.js';

/** Rendering options: `color` adds ANSI SGR colours (green added, red removed, yellow changed, magenta lost). */
export interface TextOptions {
  color: boolean;
}

const SGR = { '+': '32', '-': '31', '~': '33', '!': '35', bold: '1', dim: '2' } as const;

/**
 * Renders `d` as terminal text.
 * @returns lines joined with `\n`, ending with a newline.
 */
export function diffToText(d: GraphDiff, opts: TextOptions = { color: false }): string {
  const paint = (code: string, s: string) => (opts.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const out: string[] = [];
  out.push(paint(SGR.bold, `--- ${d.old.path}  ${d.old.title}`), paint(SGR.bold, `+++ ${d.new.path}  ${d.new.title}`));
  const change = (c: Change, indent: string) => {
    const { sign, label } = LABELS[c.kind];
    const head = `${indent}${sign} ${label}`;
    out.push(paint(SGR[sign], head) + paint(SGR.dim, `  (${where(c.old)} → ${where(c.new)})`));
    if (c.old?.text != null && c.new?.text != null) {
      out.push(`${indent}    ${paint(SGR['-'], `- ${c.old.text}`)}`, `${indent}    ${paint(SGR['+'], `+ ${c.new.text}`)}`);
    } else {
      const t = c.new?.text ?? c.old?.text;
      if (t != null) out.push(`${indent}    ${t}`);
    }
    for (const a of c.actions ?? []) if (a !== (c.new?.text ?? c.old?.text)) out.push(`${indent}      ${paint(SGR.dim, a)}`);
    if (c.note) out.push(`${indent}    ${paint(SGR.dim, `(${c.note})`)}`);
  };
  const procedure = (p: ProcedureDiff) => {
    const title = p.old && p.new ? (p.old.title === p.new.title ? p.new.title : `${p.old.title}  →  ${p.new.title}`) : (p.new ?? p.old)!.title;
    out.push('', paint(SGR.bold, title));
    for (const c of p.changes) change(c, '  ');
  };
  for (const p of d.procedures) if (p.status !== 'unchanged') procedure(p);
  if (d.placeholders.length) {
    out.push('', paint(SGR.bold, 'Placeholders'));
    for (const c of d.placeholders) change(c, '  ');
  }
  if (d.lost.length) {
    out.push('', paint(SGR.bold, 'Commands lost outside any procedure'));
    for (const c of d.lost) change(c, '  ');
  }
  out.push('', summaryLine(d));
  return `${out.join('\n')}\n`;
}
