/**
 * The reading pass: every block of the guide, in order, to the handler for its type; the last
 * step ended and the guide's title settled.
 */
import type { Block, TextBlock } from '../../parse/blocks.js';
import { withoutCodeNotes } from '../code-notes.js';
import { readBoundary } from './boundary.js';
import { readCode } from './code.js';
import { readHeading } from './heading.js';
import type { Reader } from './reader.js';
import { readText } from './text.js';

/**
 * Reads every block of `r.blocks` into `r`: afterwards `r.procs` holds the draft procedures,
 * `r.findings` the placeholder findings, `r.hosts` the host mentions, `r.title` the title (the
 * first heading, else the first text).
 */
export async function readBlocks(r: Reader): Promise<void> {
  const blocks = r.blocks;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.type === 'heading') await readHeading(r, b);
    else if (b.type === 'text') await readText(r, b);
    else if (b.type === 'code') await readCode(r, withoutCodeNotes(b, r.g));
    else {
      let next: Block | undefined;
      for (let j = i + 1; j < blocks.length; j++) {
        if (blocks[j]!.type !== 'boundary') {
          next = blocks[j];
          break;
        }
      }
      readBoundary(r, b, next);
    }
  }
  r.finishStep();
  if (!r.title) r.title = blocks.find((b): b is TextBlock => b.type === 'text')?.text ?? '';
}
