/**
 * The dictionary words that start at a position of a piece, found by walking kuromoji's
 * double-array trie (package `doublearray`) in place. kuromoji's `ViterbiBuilder` calls
 * `trie.commonPrefixSearch(rest of the piece)` at every position, which first encodes the whole
 * rest to UTF-8 (quadratic in the piece's length) and makes an object per word found; this walk
 * encodes one character at a time, only as far as the trie goes.
 */
import type { Trie } from './internals.js';

/** Where {@link prefixWords} writes the words it finds: their lengths (UTF-16) and trie values, shortest first. */
export interface PrefixWords {
  lengths: number[];
  values: number[];
}

/** A fresh, empty {@link PrefixWords} (reused by its owner from position to position). */
export function prefixWordsBuffer(): PrefixWords {
  return { lengths: [], values: [] };
}

/**
 * The dictionary words that are prefixes of `piece.slice(pos)`, as `trie.commonPrefixSearch`
 * returns them (its `k.length` into `out.lengths`, its `v` into `out.values`, same order).
 * The walk reads the trie's base/check arrays one UTF-8 byte at a time (ROOT_ID 0, TERM_CODE 0,
 * a leaf's value `-base - 1`, as `doublearray` 0.0.2 stores them). `piece` must hold no UTF-16
 * surrogate (the lattice hands such pieces to kuromoji's own search); should a word end inside a
 * character (never in IPADIC), the trie's own search decides.
 * @returns how many words were found (the first that many entries of `out` are set).
 */
export function prefixWords(trie: Trie, piece: string, pos: number, out: PrefixWords): number {
  const bc = trie.bc;
  let found = 0;
  let parent = 0; // ROOT_ID
  for (let i = pos; i < piece.length; i++) {
    const code = piece.charCodeAt(i);
    const n = code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
    for (let b = 0; b < n; b++) {
      const byte =
        n === 1 ? code
        : n === 2 ? (b === 0 ? (code >>> 6) | 0xc0 : (code & 0x3f) | 0x80)
        : b === 0 ? (code >>> 12) | 0xe0
        : b === 1 ? ((code >> 6) & 0x3f) | 0x80
        : (code & 0x3f) | 0x80;
      const child = bc.getBase(parent) + byte;
      if (bc.getCheck(child) !== parent) return found;
      parent = child;
      const terminal = bc.getBase(parent); // + TERM_CODE (0)
      if (bc.getCheck(terminal) === parent) {
        if (b < n - 1) return fromSearch(trie, piece, pos, out);
        const base = bc.getBase(terminal);
        out.lengths[found] = i - pos + 1;
        // A word that is not a leaf has no value (`v` absent in commonPrefixSearch's result).
        out.values[found] = base <= 0 ? -base - 1 : (undefined as unknown as number);
        found++;
      }
    }
  }
  return found;
}

/** {@link prefixWords} through the trie's own search (the corner it hands over). */
function fromSearch(trie: Trie, piece: string, pos: number, out: PrefixWords): number {
  const words = trie.commonPrefixSearch(piece.slice(pos));
  for (let v = 0; v < words.length; v++) {
    out.lengths[v] = words[v]!.k.length;
    out.values[v] = words[v]!.v as number;
  }
  return words.length;
}
