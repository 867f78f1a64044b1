/**
 * Plain-text guides to the block stream, through the dialect's line grammar.
 *
 * Red Hat plain-text exports (`redhat-text`): one line is one paragraph or list item, list nesting
 * is indentation, commands sit at prompts, output and literal lines (no Japanese) follow them.
 * Scraped pages (`redhat-scraped`): prose is broken at every inline code span, so lines are joined
 * into paragraphs; the page's widget text is noise, and where it stands as a boundary a block ended;
 * every block is shown twice (a copy without prompt glued onto the sentence before it), and the
 * copy is removed.
 */
import type { Grammar } from '../grammar/load-grammar.js';
import type { Block, CodeBlock, TextBlock } from './blocks.js';
import { hasJapanese, normalizeCodeLine, normalizeProse, normalizeRun } from './normalize.js';

/** A piece of a line: text (with its indentation) or a boundary left by the page's widget. */
type Fragment = { kind: 'text'; text: string; line: number; indent: number; lineStart: boolean } | { kind: 'boundary'; line: number };

/** Splits each line at the dialect's noise: non-boundary noise is removed, boundary noise splits. */
function fragments(lines: string[], g: Grammar): Fragment[] {
  const out: Fragment[] = [];
  lines.forEach((raw, i) => {
    const line = i + 1;
    let rest = raw;
    for (const n of g.noise) if (!n.boundary) rest = rest.replace(n.re, '');
    const boundaries = g.noise.filter((n) => n.boundary);
    let lineStart = true;
    while (rest.length > 0) {
      let cut: { at: number; end: number } | null = null;
      for (const n of boundaries) {
        n.re.lastIndex = 0;
        const m = n.re.exec(rest);
        if (m && (!cut || m.index < cut.at)) cut = { at: m.index, end: m.index + m[0].length };
      }
      const piece = cut ? rest.slice(0, cut.at) : rest;
      if (piece.trim()) {
        const norm = normalizeCodeLine(piece);
        out.push({ kind: 'text', text: norm.trim(), line, indent: norm.length - norm.trimStart().length, lineStart });
      }
      if (!cut) break;
      out.push({ kind: 'boundary', line });
      rest = rest.slice(cut.end);
      lineStart = false;
    }
    if (raw.trim() === '') out.push({ kind: 'text', text: '', line, indent: 0, lineStart: true });
  });
  return out;
}

/** The prompt rule matching a line, if any. */
function promptOf(text: string, g: Grammar) {
  return g.prompts.find((p) => p.re.test(text)) ?? null;
}

/** Splits `# a … # b …` (several prompted commands glued on one scraped line) into lines. */
function splitGlued(text: string): string[] {
  // `(?<!\s)`: a blank run is tried from its start only (linear; the same cuts).
  return text.split(/(?<!\s)\s+(?=#\s+[a-z][\w.-]*\s)/u);
}

/**
 * Reads a plain-text guide into blocks.
 * @param lines the guide's lines (index 0 = line 1).
 * @param g the dialect grammar (headings, list items, prompts, noise, duplicate blocks).
 */
export function textToBlocks(lines: string[], g: Grammar): Block[] {
  const out: Block[] = [];
  const scraped = g.duplicateBlocks;
  let para: TextBlock | null = null;
  let code: CodeBlock | null = null;
  const indents: number[] = [];

  const closePara = () => {
    if (para && para.text) out.push(para);
    para = null;
  };
  const closeCode = () => {
    if (!code) return;
    const block = code;
    code = null;
    if (scraped) dropDuplicate(out, block, g);
    out.push(block);
  };
  const depthFor = (indent: number, item: boolean): number => {
    if (indent === 0 && !item) {
      indents.length = 0;
      return 0;
    }
    if (item) {
      while (indents.length && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      return indents.length;
    }
    while (indents.length && indents[indents.length - 1]! > indent) indents.pop();
    return indents.length;
  };
  const addCode = (text: string, line: number, fenced: boolean) => {
    closePara();
    if (!code) code = { type: 'code', lines: [], line, depth: indents.length, fenced };
    const previous = code.lines[code.lines.length - 1];
    // A scraped page repeats a block right after itself (the copy glued after the widget text).
    if (scraped && previous && normalizeRun(previous.text) === normalizeRun(text)) return;
    code.lines.push({ text, line });
    if (fenced) code.fenced = true;
  };

  for (const f of fragments(lines, g)) {
    if (f.kind === 'boundary') {
      closePara();
      closeCode();
      out.push({ type: 'boundary', line: f.line });
      continue;
    }
    const t = f.text;
    if (!t) {
      closePara();
      closeCode();
      continue;
    }
    if (f.lineStart && f.indent === 0 && !code) {
      const heading = matchHeading(t, g);
      if (heading) {
        closePara();
        indents.length = 0;
        out.push({ ...heading, type: 'heading', line: f.line });
        continue;
      }
    }
    const current = code as CodeBlock | null;
    const last = current?.lines[current.lines.length - 1];
    const open = last !== undefined && g.continuation.test(last.text);
    if (promptOf(t, g)) {
      for (const piece of g.gluedPrompts ? splitGlued(t) : [t]) addCode(piece, f.line, true);
      continue;
    }
    if (current && (open || g.continuationLead?.test(t) || g.output.some((re) => re.test(t)))) {
      addCode(t, f.line, current.fenced);
      continue;
    }
    if (!hasJapanese(t)) {
      if (!scraped) {
        if (!code) depthFor(f.indent, false);
        addCode(t, f.line, false);
        continue;
      }
      const before = para as TextBlock | null;
      if (before && endsWithRun(before.text, t)) {
        addCode(t, f.line, false);
        continue;
      }
    }
    closeCode();
    const item = g.listItem?.exec(t);
    if (scraped) {
      // The page lost its list structure: a list marker glued after a sentence starts an item, and
      // a placeholder description (…に置き換えます。) ends the sentence run it belongs to.
      const pieces = t.split(/(?<=。)\s*(?=-\s+\S)|(?<=置き換えます。|置き換えてください。)\s*/u).filter((p) => p.trim());
      for (const [k, raw] of pieces.entries()) {
        const marker = /^-\s+(?=\S)/u.exec(raw);
        const startsItem = Boolean(marker) || k > 0 || (f.lineStart && Boolean(item));
        const text = marker ? raw.slice(marker[0].length) : k === 0 && item && f.lineStart ? raw.slice(item[0].length) : raw;
        if (startsItem || !para) {
          closePara();
          para = { type: 'text', text: normalizeProse(text), line: f.line, depth: 0, item: startsItem };
        } else {
          const p = para as TextBlock;
          p.text = normalizeProse(`${p.text} ${text}`);
        }
      }
      continue;
    }
    const depth = depthFor(f.indent, Boolean(item));
    out.push({ type: 'text', text: normalizeProse(item ? t.slice(item[0].length) : t), line: f.line, depth, item: Boolean(item) });
  }
  closePara();
  closeCode();
  return out;
}

/** A heading line of the dialect (`8.4.2. …`, `第8章 …`, `手順8.5 …`), or null. */
function matchHeading(t: string, g: Grammar): { depth: number; text: string; procedure: boolean } | null {
  for (const h of g.headings) {
    const m = h.re.exec(t);
    if (!m) continue;
    const depth = h.depthFromNumber ? Math.min(6, (m[1] ?? '').split('.').filter(Boolean).length) : h.depth ?? 6;
    return { depth, text: normalizeProse(t), procedure: h.procedure };
  }
  return null;
}

/** True when prose `text` ends with the command `run` (normal forms compared), a glued copy. */
function endsWithRun(text: string, run: string): boolean {
  const r = normalizeRun(run);
  return r.length >= 6 && normalizeRun(text).endsWith(r);
}

/**
 * Removes the unprompted copy of `block` that a scraped page glues onto the end of the text block
 * just before it (or shows as a line of its own), comparing normal forms.
 */
function dropDuplicate(out: Block[], block: CodeBlock, g: Grammar): void {
  const prev = out[out.length - 1];
  if (!prev || prev.type !== 'text') return;
  // Continuations (`\` at a line's end) joined with one space, the blanks around them dropped:
  // split and trimmed rather than /\s*\\\n\s*/g, which rescans every blank run (quadratic).
  const parts = block.lines.map((l) => l.text).join('\n').split('\\\n');
  const joined = parts.map((p, i) => (i > 0 ? p.trimStart() : p)).map((p, i) => (i < parts.length - 1 ? p.trimEnd() : p)).join(' ');
  const prompted = normalizeRun(joined.replace(/\n/g, ' '));
  const bare = normalizeRun(
    joined
      .split('\n')
      .map((l) => {
        const p = promptOf(l, g);
        return p ? l.replace(p.re, '') : l;
      })
      .join(' '),
  );
  const text = normalizeRun(prev.text);
  for (const copy of [prompted, bare]) {
    if (copy && text.endsWith(copy)) {
      prev.text = text.slice(0, text.length - copy.length).trim();
      if (!prev.text) out.pop();
      return;
    }
  }
}
