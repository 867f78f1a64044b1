/**
 * The tokenizer of src/nlp: Japanese sentences into IPADIC tokens with offsets into the original
 * text, ASCII code masked first (./../mask.ts) so `NOVA_DBPASS` or `/etc/nova/nova.conf` come back
 * as one proper noun with its original surface.
 *
 * The dictionary is loaded once, lazily, when a decision first needs tokens (about half a second:
 * callers check a cheap pattern first; {@link isTokenizerLoaded} lets tests prove it). Which
 * tokenizer then serves is ./select.ts's decision: tejun's lattice over kuromoji's dictionary when
 * kuromoji's internals pass the start-up check, else (or with `TEJUN_TOKENIZER=kuromoji`)
 * kuromoji's own public tokenizer; both give the same tokens.
 *
 * The files of this folder, one job each: ./dictionary-loader.ts (finding and loading the
 * dictionary), ./target-map.ts (the compact word → entries map), ./trie.ts (the trie walk),
 * ./lattice.ts (lattice and Viterbi search of one piece), ./shape-check.ts (the start-up check),
 * ./stock.ts (kuromoji's own tokenizer), ./select.ts (the choice), ./pieces.ts (pieces, their cache
 * and positions), ./internals.ts and ./types.ts (shapes).
 */
import { maskCode } from '../mask.js';
import { cachedPieces, offsetMapper, splitPieces, tokensOfPieces, type Masked } from './pieces.js';
import { getTokenizer } from './select.js';
import type { Token, TokenPrefix } from './types.js';

export { isTokenizerLoaded } from './select.js';
export type { Token, TokenPrefix } from './types.js';

/**
 * The longest text tokenized, in UTF-16 code units: a longer text (a scraped page's run-on
 * paragraph, a 100 KB word) is tokenized up to here only, so a decision's cost is bounded
 * whatever the guide holds. Far above any sentence a guide's decisions read (a few hundred).
 */
export const MAX_TOKENIZED = 8192;

/** `text` cut to {@link MAX_TOKENIZED} code units, never inside a surrogate pair (offsets into it are offsets into `text`). */
function capped(text: string): string {
  if (text.length <= MAX_TOKENIZED) return text;
  const end = /[\ud800-\udbff]/.test(text[MAX_TOKENIZED - 1]!) ? MAX_TOKENIZED - 1 : MAX_TOKENIZED;
  return text.slice(0, end);
}

/** Content-keyed cache of tokenizations (most recent last). */
const cache = new Map<string, Token[]>();
/** How many tokenizations the cache keeps. */
export const CACHE_SIZE = 512;

/**
 * Tokenizes a sentence after masking ASCII code. Results are cached by content. White-space
 * tokens are dropped. Only the first {@link MAX_TOKENIZED} code units are tokenized.
 * @param text one sentence or a short paragraph.
 * @returns the tokens in order, offsets into `text`.
 * @throws (rejects) when the dictionary cannot be loaded.
 */
export async function tokenize(text: string): Promise<Token[]> {
  text = capped(text);
  const hit = cache.get(text);
  if (hit) {
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const source = cachedPieces(await getTokenizer());
  const masked = maskCode(text);
  const pieces = splitPieces(masked.text);
  const tokens = tokensOfPieces(source, text, masked, pieces, pieces.length);
  cache.set(text, tokens);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return tokens;
}

/**
 * The tokens of `text` as far as a decision can need them: those of every piece (see
 * ./pieces.ts `splitPieces`) up to the last one in which `needed` matches, and of `extra` pieces
 * after it. Equal to the first tokens of {@link tokenize}`(text)`, since each piece is tokenized
 * on its own; no piece is tokenized when `needed` matches none. `needed` is tested on the masked
 * text (code spans replaced, see ./../mask.ts): a word inside code is never a Japanese word.
 * @param needed a non-global pattern for the words the decision reads (it must hold every
 *   token the decision looks for), or an offset in `text`: the pieces up to the one that holds
 *   that character. @param extra pieces kept after the last match (lookahead).
 * @throws (rejects) when the dictionary cannot be loaded.
 */
export async function tokenizeThrough(text: string, needed: RegExp | number, extra: number): Promise<TokenPrefix> {
  text = capped(text);
  if (cache.has(text)) return { tokens: await tokenize(text), complete: true };
  const masked = maskCode(text);
  const pieces = splitPieces(masked.text);
  let last = -1;
  if (typeof needed === 'number') {
    // The piece that holds the character at offset `needed` of the original text.
    const map = offsetMapper(text, masked.spans);
    let mStart = 0;
    for (let p = 0; p < pieces.length; p++) {
      if (map(mStart, 'start').at > needed) break;
      last = p;
      mStart += pieces[p]!.length;
    }
  } else {
    for (let p = pieces.length - 1; p >= 0; p--) {
      if (needed.test(pieces[p]!)) {
        last = p;
        break;
      }
    }
  }
  if (last < 0) return { tokens: [], complete: pieces.length === 0 };
  const count = last + 1 + extra;
  if (count >= pieces.length) return { tokens: await tokenize(text), complete: true };
  return { tokens: tokensOfPieces(cachedPieces(await getTokenizer()), text, masked, pieces, count), complete: false };
}

/** The last text {@link piecesOf} split (the decisions ask about one text several times in a row). */
let lastPieces: { text: string; masked: Masked; pieces: string[] } | undefined;

/** `text` masked (see ./../mask.ts) and split into pieces, kept for the last text asked again. */
function piecesOf(text: string): { masked: Masked; pieces: string[] } {
  if (lastPieces?.text !== text) {
    const masked = maskCode(text);
    lastPieces = { text, masked, pieces: splitPieces(masked.text) };
  }
  return lastPieces;
}

/**
 * The pieces of `text` in which `pattern` matches, tested on the masked text as
 * {@link tokenizeThrough} tests it; no tokenizing, no dictionary.
 * @param pattern a non-global pattern.
 * @returns how many pieces the text has, and the indices (ascending) of those that match.
 */
export function matchingPieces(text: string, pattern: RegExp): { count: number; matches: number[] } {
  text = capped(text);
  const { pieces } = piecesOf(text);
  const matches: number[] = [];
  for (let p = 0; p < pieces.length; p++) if (pattern.test(pieces[p]!)) matches.push(p);
  return { count: pieces.length, matches };
}

/**
 * The tokens of the first `count` pieces of `text`: the first tokens of {@link tokenize}`(text)`,
 * offsets and all (the whole of it, complete, when `count` reaches the last piece). For a decision
 * that widens its window piece by piece.
 * @throws (rejects) when the dictionary cannot be loaded.
 */
export async function tokenizePieces(text: string, count: number): Promise<TokenPrefix> {
  text = capped(text);
  if (cache.has(text)) return { tokens: await tokenize(text), complete: true };
  const { masked, pieces } = piecesOf(text);
  if (count >= pieces.length) return { tokens: await tokenize(text), complete: true };
  if (count <= 0) return { tokens: [], complete: false };
  return { tokens: tokensOfPieces(cachedPieces(await getTokenizer()), text, masked, pieces, count), complete: false };
}
