/**
 * The extractor: the block stream of any dialect in, the step graph's procedures, steps, actions,
 * placeholders, literals and missing steps out. A pipeline of two passes:
 *
 * 1. reading (reader/): blocks in order, keeping the context an operator keeps while reading (the
 *    section and procedure, the host role the text names, the file an instruction says to edit and
 *    its INI section, an open editor, an open database client session, the account `su` switched
 *    to, a condition that governs the items below it, a command continued into the next block);
 * 2. resolving (resolve.ts): settings snippets, empty steps, roles and conditions of procedures,
 *    placeholders, stable ids, literals.
 *
 * Japanese decisions (roles, conditions, optional/forbidden steps, placeholder descriptions, manual
 * steps) are asked of src/nlp, which loads kuromoji only when a sentence needs it.
 */
import { readBlocks } from './reader/read-blocks.js';
import { Reader } from './reader/reader.js';
import type { ExtractInput, Extracted } from './reader/types.js';
import { resolve } from './resolve.js';

export type { ExtractInput, Extracted } from './reader/types.js';

/**
 * Extracts the step graph's content from blocks.
 * @throws never for bad input: problems become messages on `input.file`.
 */
export async function blocksToSteps(input: ExtractInput): Promise<Extracted> {
  const reader = new Reader(input);
  await readBlocks(reader);
  return resolve(reader);
}
