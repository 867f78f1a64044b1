/**
 * Warnings about a guide's shape that the parsers forgive silently: a Markdown code fence never
 * closed (everything after it becomes code) and an HTML page cut short (no `</html>`, or the file
 * ends inside a tag). Each is a warning at the line it concerns; the guide is still read.
 */
import type { GuideFormat } from '../ir/types.js';

/** One shape warning, 1-based line/column. */
export interface ShapeWarning {
  ruleId: 'unterminated-fence' | 'truncated-html';
  reason: string;
  line: number;
  column: number;
}

/** A CommonMark fence opener or closer: up to 3 spaces, then 3+ backticks or tildes. */
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/**
 * Shape warnings of a guide.
 * @param lines the guide's lines (line N at index N-1), as split by `splitLines`.
 * @param format the detected format; text guides have no shape to check.
 */
export function lintGuide(lines: readonly string[], format: GuideFormat): ShapeWarning[] {
  if (format === 'markdown') return unterminatedFence(lines);
  if (format === 'html') return truncatedHtml(lines);
  return [];
}

function unterminatedFence(lines: readonly string[]): ShapeWarning[] {
  let open: { marker: string; line: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const m = FENCE.exec(lines[i]!);
    if (!m) continue;
    const marker = m[1]!;
    if (!open) {
      if (marker[0] === '`' && m[2]!.includes('`')) continue; // inline code, not a fence
      open = { marker, line: i + 1 };
    } else if (marker[0] === open.marker[0] && marker.length >= open.marker.length && m[2]!.trim() === '') {
      open = null;
    }
  }
  if (!open) return [];
  return [{ ruleId: 'unterminated-fence', reason: `Unexpected end of file inside the code block opened at line ${open.line}, expected a closing ${open.marker}`, line: open.line, column: 1 }];
}

function truncatedHtml(lines: readonly string[]): ShapeWarning[] {
  let last = lines.length - 1;
  while (last > 0 && lines[last]!.trim() === '') last--;
  const tail = lines.slice(Math.max(0, last - 200), last + 1).join('\n');
  const column = lines[last]!.length + 1;
  if (/<[A-Za-z/!][^>]*$/.test(tail.slice(-4096))) {
    return [{ ruleId: 'truncated-html', reason: 'Unexpected end of file inside a tag, expected a complete page (was it cut short?)', line: last + 1, column }];
  }
  if (!/<\/html\s*>/i.test(tail) && !/<\/body\s*>/i.test(tail)) {
    return [{ ruleId: 'truncated-html', reason: 'Unexpected end of file before </body> or </html>, expected a complete page (was it cut short?)', line: last + 1, column }];
  }
  return [];
}
