/**
 * A diff as one self-contained HTML page: inline CSS, no script and no external asset; the step
 * graph pictures, when given, are embedded as Mermaid source (`<pre class="mermaid">`). Every text
 * taken from a guide is escaped.
 */
import { LABELS, summaryLine, where } from './labels.js';
import type { Change, GraphDiff, ProcedureDiff } from './types.js';

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Options: Mermaid sources of the step graphs of the old and the new guide, embedded as they are. */
export interface HtmlOptions {
  mermaid?: { old?: string; new?: string };
}

const CSS = `body{font-family:system-ui,sans-serif;margin:2em;max-width:72em;line-height:1.45}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em;border-bottom:1px solid #ccc}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}
li{margin:.4em 0}.where{color:#666;font-size:.85em}code{background:#f4f4f4;padding:0 .2em}
.add{color:#116611}.del{color:#aa1111}.chg{color:#8a6d00}.lost{color:#8a1188}
pre.mermaid{background:#fafafa;border:1px solid #ddd;padding:.5em;overflow:auto}`;

const CLASS = { '+': 'add', '-': 'del', '~': 'chg', '!': 'lost' } as const;

/**
 * Renders `d` as an HTML document.
 * @returns the page, ending with a newline.
 */
export function diffToHtml(d: GraphDiff, opts: HtmlOptions = {}): string {
  const e = escapeHtml;
  const out: string[] = [];
  out.push('<!DOCTYPE html>', '<html lang="ja">', '<head>', '<meta charset="utf-8">', `<title>tejun diff: ${e(d.old.title)} → ${e(d.new.title)}</title>`, `<style>${CSS}</style>`, '</head>', '<body>');
  out.push('<h1>Differences between two versions of a guide</h1>');
  out.push('<table><tr><th></th><th>guide</th><th>title</th><th>dialect</th></tr>');
  for (const [k, g] of [['old', d.old], ['new', d.new]] as const) out.push(`<tr><th>${k}</th><td><code>${e(g.path)}</code></td><td>${e(g.title)}</td><td>${e(g.dialect)}</td></tr>`);
  out.push('</table>', `<p><strong>Summary:</strong> ${e(summaryLine(d))}.</p>`);
  const item = (c: Change) => {
    const { sign, label } = LABELS[c.kind];
    const parts = [`<li class="${CLASS[sign]}"><strong>${e(sign)} ${e(label)}</strong> <span class="where">${e(where(c.old))} → ${e(where(c.new))}</span>`];
    if (c.old?.text != null && c.new?.text != null) {
      parts.push(`<br><span class="del">− <code>${e(c.old.text)}</code></span><br><span class="add">+ <code>${e(c.new.text)}</code></span>`);
    } else {
      const t = c.new?.text ?? c.old?.text;
      if (t != null) parts.push(`<br><code>${e(t)}</code>`);
    }
    const shown = c.new?.text ?? c.old?.text;
    const actions = (c.actions ?? []).filter((a) => a !== shown);
    if (actions.length) parts.push(`<ul>${actions.map((a) => `<li><code>${e(a)}</code></li>`).join('')}</ul>`);
    if (c.note) parts.push(`<br><em>${e(c.note)}</em>`);
    out.push(`${parts.join('')}</li>`);
  };
  const list = (heading: string, changes: Change[]) => {
    out.push(`<h2>${heading}</h2>`, '<ul>');
    changes.forEach(item);
    out.push('</ul>');
  };
  const title = (p: ProcedureDiff) => (p.old && p.new ? (p.old.title === p.new.title ? e(p.new.title) : `${e(p.old.title)} → ${e(p.new.title)}`) : e((p.new ?? p.old)!.title));
  for (const p of d.procedures) if (p.status !== 'unchanged') list(title(p), p.changes);
  if (d.placeholders.length) list('Placeholders', d.placeholders);
  if (d.lost.length) list('Commands lost outside any procedure', d.lost);
  const alike = d.procedures.filter((p) => p.status === 'unchanged');
  if (alike.length) out.push('<h2>Unchanged procedures</h2>', '<ul>', ...alike.map((p) => `<li>${title(p)}</li>`), '</ul>');
  for (const [k, src] of [['old', opts.mermaid?.old], ['new', opts.mermaid?.new]] as const) {
    if (src) out.push(`<h2>Step graph (${k})</h2>`, `<pre class="mermaid">${e(src)}</pre>`);
  }
  out.push('</body>', '</html>');
  return `${out.join('\n')}\n`;
}
