/**
 * Reading a boundary (the end of a block group the source format marks, e.g. the end of a list):
 * a step whose text promised a command but got none before it is lost in this copy of the guide.
 */
import type { BoundaryBlock, Block } from '../../parse/blocks.js';
import type { Reader } from './reader.js';

/**
 * Reads boundary block `b`; `next` is the next block that is not a boundary (undefined at the end
 * of the guide). A step with text and no action whose block is not followed by code becomes a
 * manual action, a missing step and a `lost-command` warning on `r.file`.
 */
export function readBoundary(r: Reader, b: BoundaryBlock, next: Block | undefined): void {
  const s = r.step;
  if (!s || s.actions.length > 0 || s.lost || s.forbidden || !s.text) return;
  if (next?.type === 'code') return;
  s.lost = true;
  r.missing.push({ text: s.text, source: { line: s.line } });
  r.file.message(`Unexpected end of block with no command, expected the command for 「${s.text}」 (lost in this copy of the guide)`, { place: { line: b.line, column: 1 }, ruleId: 'lost-command', source: 'tejun' });
  r.addActionTo(s, { kind: 'manual', text: s.text, source: { line: s.line } });
}
