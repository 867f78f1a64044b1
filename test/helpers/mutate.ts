/**
 * Mutations of real guides for property-based fuzzing (fast-check): a window of a guide's lines
 * with lines dropped, duplicated, swapped and truncated, and scraping noise, prompts, fences, `¥`,
 * full-width spaces and CRs injected. Shared by test/fuzz.test.ts and scripts/fuzz.mjs.
 */
import fc from 'fast-check';

/** Text injected at a line: noise scraping leaves, prompts, fences, continuations, odd white space. */
const INJECT = [
  'Copy to Clipboard', 'Copied!', 'Toggle word wrap', '# ', '$ ', 'mysql> ', 'MariaDB [(none)]> ', '```', '```bash', '~~~',
  '========>', '========<', '¥', ' ¥', '\u3000', '\r', '\t', '    # yum install -y x ¥', '手順9.9 ', '  1. ', '- ', '> ',
  '<pre>', '</pre>', '<em class="replaceable">', '[対象: controller]', 'PASSWORD', '$(touch /tmp/x)', '`id`', '{{ x }}', '{%', '---',
];

/** One edit of a line list. */
type Edit =
  | { op: 'drop'; at: number }
  | { op: 'dup'; at: number }
  | { op: 'swap'; at: number; with: number }
  | { op: 'truncate'; at: number; keep: number }
  | { op: 'inject'; at: number; col: number; text: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('dup' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat(), keep: fc.nat({ max: 80 }) }),
  fc.record({ op: fc.constant('inject' as const), at: fc.nat(), col: fc.nat({ max: 40 }), text: fc.oneof(fc.constantFrom(...INJECT), fc.string({ maxLength: 6 })) }),
);

/** Applies `edits` to `lines` (indices taken modulo the current length). Pure. */
export function applyEdits(lines: readonly string[], edits: readonly Edit[]): string[] {
  const out = [...lines];
  for (const e of edits) {
    if (out.length === 0) out.push('');
    const i = e.at % out.length;
    if (e.op === 'drop') out.splice(i, 1);
    else if (e.op === 'dup') out.splice(i, 0, out[i]!);
    else if (e.op === 'swap') {
      const j = e.with % out.length;
      [out[i], out[j]] = [out[j]!, out[i]!];
    } else if (e.op === 'truncate') out[i] = out[i]!.slice(0, e.keep);
    else out[i] = out[i]!.slice(0, e.col) + e.text + out[i]!.slice(e.col);
  }
  return out;
}

/**
 * A mutated guide: a window of at most `maxLines` lines of one of `guides` (name and lines),
 * edited 0–30 times; the result is the guide's name (for its extension) and the text.
 */
export function mutatedGuide(guides: readonly { name: string; lines: string[] }[], maxLines = 300): fc.Arbitrary<{ name: string; text: string }> {
  return fc
    .record({ g: fc.nat({ max: guides.length - 1 }), start: fc.nat(), len: fc.integer({ min: 1, max: maxLines }), edits: fc.array(edit, { maxLength: 30 }) })
    .map(({ g, start, len, edits }) => {
      const guide = guides[g]!;
      // HTML keeps its head (the format is detected from it), text and Markdown any window.
      const from = guide.name.endsWith('.html') ? 0 : start % guide.lines.length;
      const window = guide.lines.slice(from, from + (guide.name.endsWith('.html') ? Math.max(len, 60) : len));
      return { name: guide.name, text: applyEdits(window, edits).join('\n') };
    });
}
