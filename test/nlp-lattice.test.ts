/**
 * tejun builds kuromoji's lattice of a piece itself (src/nlp/kuromoji.ts `buildLattice`), without
 * kuromoji's per-position `SurrogateAwareString` of the rest of the piece. The lattice must be
 * kuromoji's own, node for node, and the tokens `tokenizePiece` gives must be those of kuromoji's
 * `tokenizeForSentence`, for every piece of every line of every guide, masked as tejun masks them
 * and raw, and for astral characters (where kuromoji's builder is used).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildLattice, getTokenizer, splitPieces, tokenizePiece } from '../src/nlp/kuromoji.js';
import { maskCode } from '../src/nlp/mask.js';
import { listGuides } from './helpers/paths.js';

interface Node {
  name: number;
  cost: number;
  start_pos: number;
  length: number;
  left_id: number;
  right_id: number;
  prev: unknown;
  surface_form: string;
  shortest_cost: number;
  type: string;
}
interface Lattice {
  nodes_end_at: Array<Node[] | undefined>;
  eos_pos: number;
}

/** Every piece of every guide line, masked and not masked, plus odd ones. */
function pieces(): string[] {
  const out = new Set<string>();
  for (const path of listGuides()) {
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      for (const piece of splitPieces(line)) out.add(piece);
      for (const piece of splitPieces(maskCode(line).text)) out.add(piece);
    }
  }
  for (const odd of ['', '、', '」、', 'ａｂｃ１２３', 'XMSKA XMSKB', '𠮷野家で食べる。', 'コントローラーノード\u{1F600}で、', '\t \u3000']) out.add(odd);
  return [...out];
}

/** A lattice as plain data: every node's fields, position by position (the `prev` link excluded). */
function plain(lattice: Lattice) {
  return {
    eos: lattice.eos_pos,
    length: lattice.nodes_end_at.length,
    at: lattice.nodes_end_at.map((nodes) =>
      nodes?.map((n) => [n.constructor.name, n.name, n.cost, n.start_pos, n.length, n.left_id, n.right_id, n.surface_form, n.shortest_cost, n.type, n.prev]),
    ),
  };
}

test('buildLattice gives kuromoji ViterbiBuilder.build\'s lattice for every piece of every guide line', async () => {
  const tokenizer = await getTokenizer();
  const builder = (tokenizer as unknown as { viterbi_builder: { build(s: string): Lattice } }).viterbi_builder;
  let nodes = 0;
  const all = pieces();
  for (const piece of all) {
    const expected = builder.build(piece);
    const made = buildLattice(tokenizer, piece) as Lattice;
    assert.equal(Object.getPrototypeOf(made), Object.getPrototypeOf(expected), 'kuromoji\'s own ViterbiLattice');
    assert.deepEqual(plain(made), plain(expected), piece);
    nodes += expected.nodes_end_at.reduce((n, x) => n + (x?.length ?? 0), 0);
  }
  assert.ok(all.length > 5_000 && nodes > 200_000, `${all.length} pieces, ${nodes} nodes`);
});

test('tokenizePiece gives kuromoji tokenizeForSentence\'s tokens for every piece of every guide line', async () => {
  const tokenizer = await getTokenizer();
  const stock = tokenizer as unknown as { tokenizeForSentence(s: string, tokens: unknown[]): unknown[] };
  for (const piece of pieces()) assert.deepEqual(tokenizePiece(tokenizer, piece), stock.tokenizeForSentence(piece, []), piece);
});
