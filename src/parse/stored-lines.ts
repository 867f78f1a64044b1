/**
 * Line numbers of the guide file as stored, for guides whose lines hold bare CR characters.
 *
 * The readers split a guide on LF, CRLF and lone CR alike (src/parse/normalize.ts `splitLines`;
 * micromark does the same), which is right for reading: an editor that wrote a lone CR inside a
 * line meant a line break (`[memcache]\r...\rservers = localhost:11211`). But a file whose lines
 * end in LF (or CRLF) numbers its lines by those ends only, so every lone CR would push the
 * numbers of all later blocks one line down from the line of the file as stored (CONTRACT.md
 * "Lines"). This pass maps the split lines back: a piece after a lone CR keeps the stored line it
 * sits in. A file with no LF at all (old Mac line ends) numbers its lines by CR, and keeps them.
 */
import type { Block } from './blocks.js';

/**
 * The stored line of every line `splitLines(text)` gives (index 0 = split line 1), or null when
 * they are the same numbers (no lone CR inside an LF-ended file).
 * @param text the decoded guide text.
 */
export function storedLineNumbers(text: string): number[] | null {
  if (!text.includes('\n') || !/\r(?!\n)/.test(text)) return null;
  const map: number[] = [];
  let stored = 1;
  map.push(stored);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      stored++;
      map.push(stored);
    } else if (c === '\r') {
      if (text[i + 1] === '\n') continue; // CRLF: the LF ends the line
      map.push(stored); // a lone CR: a new piece of the same stored line
    }
  }
  return map;
}

/**
 * The blocks with every line (block, heading, text, code line) turned from a split line into the
 * stored line `map` gives for it ({@link storedLineNumbers}); a line beyond the map is kept.
 * Several code lines may then share one stored line, in order.
 */
export function renumberBlocks(blocks: readonly Block[], map: readonly number[]): Block[] {
  const at = (line: number): number => map[line - 1] ?? line;
  return blocks.map((b): Block => {
    if (b.type === 'code') return { ...b, line: at(b.line), lines: b.lines.map((l) => ({ text: l.text, line: at(l.line) })) };
    return { ...b, line: at(b.line) };
  });
}

/** `line` of a split line as its stored line (`map` from {@link storedLineNumbers}, or null for the same). */
export function storedLine(map: readonly number[] | null, line: number): number {
  return map ? (map[line - 1] ?? line) : line;
}
