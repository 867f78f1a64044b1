/**
 * A diff as Markdown (GitHub flavoured): the two guides, a summary, then one section per procedure
 * that differs with one list item per change, `path:line` in both guides. Guide prose is escaped;
 * commands and settings are code spans.
 */
import { codeSides, LABELS, summaryLine, where } from './labels.js';
import type { Change, GraphDiff, ProcedureDiff } from './types.js';

/** Escapes Markdown syntax in guide prose (emphasis, links, HTML, tables, headings). */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]<>()#+!|~]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

/** A code span holding `s` whatever backticks it contains. */
export function codeSpan(s: string): string {
  const one = s.replace(/\s*\n\s*/g, ' ');
  const longest = Math.max(0, ...[...one.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = one.startsWith('`') || one.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${one}${pad}${fence}`;
}

/**
 * Renders `d` as a Markdown report.
 * @returns the document, ending with a newline.
 */
export function diffToMarkdown(d: GraphDiff): string {
  const out: string[] = [];
  out.push(`# Differences between two versions of a guide`, '');
  out.push('| | guide | title | dialect |', '|---|---|---|---|');
  out.push(`| old | ${codeSpan(d.old.path)} | ${escapeMarkdown(d.old.title)} | ${d.old.dialect} |`);
  out.push(`| new | ${codeSpan(d.new.path)} | ${escapeMarkdown(d.new.title)} | ${d.new.dialect} |`, '');
  out.push(`**Summary:** ${summaryLine(d)}.`, '');
  const item = (c: Change) => {
    const { sign, label } = LABELS[c.kind];
    const code = codeSides(c);
    const show = (t: string, isCode: boolean) => (isCode ? codeSpan(t) : escapeMarkdown(t));
    out.push(`- **${sign} ${label}** (${codeSpan(where(c.old))} → ${codeSpan(where(c.new))})`);
    if (c.old?.text != null && c.new?.text != null) {
      out.push(`  - old: ${show(c.old.text, code.old)}`, `  - new: ${show(c.new.text, code.new)}`);
    } else if (c.new?.text != null) {
      out.push(`  - ${show(c.new.text, code.new)}`);
    } else if (c.old?.text != null) {
      out.push(`  - ${show(c.old.text, code.old)}`);
    }
    const shown = c.new?.text ?? c.old?.text;
    for (const a of c.actions ?? []) if (a !== shown) out.push(`  - ${codeSpan(a)}`);
    if (c.note) out.push(`  - _${escapeMarkdown(c.note)}_`);
  };
  const section = (p: ProcedureDiff) => {
    const title = p.old && p.new ? (p.old.title === p.new.title ? escapeMarkdown(p.new.title) : `${escapeMarkdown(p.old.title)} → ${escapeMarkdown(p.new.title)}`) : escapeMarkdown((p.new ?? p.old)!.title);
    out.push(`## ${title}`, '');
    for (const c of p.changes) item(c);
    out.push('');
  };
  for (const p of d.procedures) if (p.status !== 'unchanged') section(p);
  if (d.placeholders.length) {
    out.push('## Placeholders', '');
    for (const c of d.placeholders) item(c);
    out.push('');
  }
  if (d.lost.length) {
    out.push('## Commands lost outside any procedure', '');
    for (const c of d.lost) item(c);
    out.push('');
  }
  const alike = d.procedures.filter((p) => p.status === 'unchanged');
  if (alike.length) {
    out.push('## Unchanged procedures', '');
    for (const p of alike) out.push(`- ${escapeMarkdown(p.old!.title)} → ${escapeMarkdown(p.new!.title)} (${codeSpan(`${d.old.path}:${p.old!.line}`)} → ${codeSpan(`${d.new.path}:${p.new!.line}`)})`);
    out.push('');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
