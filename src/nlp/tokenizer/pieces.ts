/**
 * From pieces to tejun's tokens. kuromoji's `tokenize(text)` splits its text after every 、 and 。
 * and builds one lattice per piece, so the tokens of a piece never depend on the text around it:
 * tejun tokenizes piece by piece (through a cache of pieces shared by a paragraph, its sentences
 * and its titles) and places each piece's tokens with kuromoji's own position arithmetic, then
 * maps them back from the masked text (./../mask.ts) to the original.
 */
import { maskCode } from '../mask.js';
import type { PieceTokenizer, RawToken, Token } from './types.js';

/** Masked text and where its symbols came from (./../mask.ts). */
export type Masked = ReturnType<typeof maskCode>;

/** The tokens of one piece (1-based positions within the piece): a tokenizer's, possibly cached. */
export type PieceSource = (piece: string) => readonly RawToken[];

/**
 * Splits text into the pieces kuromoji tokenizes one at a time: after every 、 and 。, the rest
 * (if not empty) last; no empty piece. The same pieces as kuromoji's `Tokenizer.splitByPunctuation`
 * (test/nlp-tokenizer-same.test.ts compares them).
 */
export function splitPieces(text: string): string[] {
  const pieces: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3001 || c === 0x3002) {
      pieces.push(text.slice(from, i + 1));
      from = i + 1;
    }
  }
  if (from < text.length) pieces.push(text.slice(from));
  return pieces;
}

/** How many pieces each tokenizer's piece cache keeps. */
export const PIECE_CACHE_SIZE = 4096;

/** Per tokenizer, its cached piece source ({@link cachedPieces}). */
const cachedSources = new WeakMap<PieceTokenizer, PieceSource>();

/** Called with every piece a cache misses, before it is tokenized (see {@link onPieceTokenized}). */
let pieceListener: ((piece: string) => void) | null = null;

/**
 * Registers a function called with every piece that is tokenized (a piece cache miss: what reaches
 * the lattice), or none (`null`). For benchmarks (bench/extract.mjs counts the pieces and their
 * callers) and tests; it must not throw.
 */
export function onPieceTokenized(listener: ((piece: string) => void) | null): void {
  pieceListener = listener;
}

/**
 * `tokenizer`'s tokens of a piece through its cache of {@link PIECE_CACHE_SIZE} pieces (most
 * recently used kept), one cache per tokenizer.
 */
export function cachedPieces(tokenizer: PieceTokenizer): PieceSource {
  const known = cachedSources.get(tokenizer);
  if (known) return known;
  const pieces = new Map<string, readonly RawToken[]>();
  const source: PieceSource = (piece) => {
    const hit = pieces.get(piece);
    if (hit) {
      pieces.delete(piece);
      pieces.set(piece, hit);
      return hit;
    }
    pieceListener?.(piece);
    const made = tokenizer.tokenizePiece(piece);
    pieces.set(piece, made);
    if (pieces.size > PIECE_CACHE_SIZE) pieces.delete(pieces.keys().next().value as string);
    return made;
  };
  cachedSources.set(tokenizer, source);
  return source;
}

/**
 * Maps offsets in the masked text back to the original: a position inside a symbol maps to the
 * start (for a token start) or the end (for a token end) of the span it replaced.
 */
export function offsetMapper(original: string, spans: Masked['spans']): (m: number, side: 'start' | 'end') => { at: number; masked: boolean } {
  const pieces: Array<{ mStart: number; mEnd: number; oStart: number; oEnd: number }> = [];
  let shift = 0;
  for (const span of spans) {
    const mStart = span.start + shift;
    pieces.push({ mStart, mEnd: mStart + span.symbol.length, oStart: span.start, oEnd: span.start + span.original.length });
    shift += span.symbol.length - span.original.length;
  }
  return (m, side) => {
    let delta = 0;
    for (const p of pieces) {
      const inside = side === 'start' ? m >= p.mStart && m < p.mEnd : m > p.mStart && m <= p.mEnd;
      if (inside) return { at: side === 'start' ? p.oStart : p.oEnd, masked: true };
      if (p.mEnd > m) break;
      delta = p.oEnd - p.mEnd;
    }
    return { at: Math.min(m + delta, original.length), masked: false };
  };
}

/**
 * Calls `visit` with the tokens of the first `count` pieces and the `word_position` kuromoji's
 * `tokenize` of the whole text gives each (1-based): a piece's tokens are placed after the
 * position of the last token before it, not after the piece's end (the two differ when that
 * token is longer than one character, "」、").
 */
export function forEachRawToken(source: PieceSource, pieces: string[], count: number, visit: (t: RawToken, position: number) => void): void {
  let lastPos = 0;
  for (let p = 0; p < count; p++) {
    const raw = source(pieces[p]!);
    const base = lastPos;
    for (let r = 0; r < raw.length; r++) visit(raw[r]!, base + raw[r]!.word_position);
    if (raw.length > 0) lastPos = base + raw[raw.length - 1]!.word_position;
  }
}

/**
 * The tokens of the first `count` pieces of `pieces` (the masked text of `text`, split by
 * {@link splitPieces}), mapped back to `text`: exactly the first tokens of kuromoji's `tokenize`
 * of the whole masked text. White-space tokens are dropped; a token holding a masked symbol is a
 * proper noun with its original surface.
 */
export function tokensOfPieces(source: PieceSource, text: string, masked: Masked, pieces: string[], count: number): Token[] {
  // Without masked spans the masked text is the text: an offset maps to itself (clamped to the
  // text, as offsetMapper does), with no object per offset.
  const map = masked.spans.length > 0 ? offsetMapper(text, masked.spans) : null;
  const tokens: Token[] = [];
  forEachRawToken(source, pieces, count, (t, position) => {
    const mStart = position - 1;
    const mEnd = mStart + t.surface_form.length;
    let startAt: number;
    let endAt: number;
    let spanned = false;
    if (map) {
      const start = map(mStart, 'start');
      const end = map(mEnd, 'end');
      startAt = start.at;
      endAt = end.at;
      spanned = start.masked || end.masked;
    } else {
      startAt = Math.min(mStart, text.length);
      endAt = Math.min(mEnd, text.length);
    }
    const surface = text.slice(startAt, endAt);
    if (surface.trim() === '') return;
    const isMasked = spanned || (t.surface_form.includes('XMSK') && /XMSK[A-Z]+/u.test(t.surface_form));
    tokens.push({
      surface,
      pos: isMasked ? '名詞' : t.pos,
      posDetail: isMasked ? '固有名詞' : t.pos_detail_1,
      basic: isMasked || t.basic_form === '*' ? surface : t.basic_form,
      conjugatedForm: t.conjugated_form,
      start: startAt,
      end: endAt,
      masked: isMasked,
    });
  });
  return tokens;
}

/**
 * All tokens of `text` from `tokenizer`, without any cache: masked, split, tokenized piece by
 * piece and mapped back, as `tokenize` computes them. For tests that compare two tokenizers.
 */
export function tokensWith(tokenizer: PieceTokenizer, text: string): Token[] {
  const masked = maskCode(text);
  const pieces = splitPieces(masked.text);
  return tokensOfPieces((piece) => tokenizer.tokenizePiece(piece), text, masked, pieces, pieces.length);
}

/**
 * kuromoji's raw tokens of `text` (not masked) as tejun computes them, piece by piece through
 * `tokenizer`'s piece cache, with the `word_position` kuromoji's `tokenize` would give: for tests,
 * to compare with kuromoji's own `tokenize`.
 */
export function rawTokensOf(tokenizer: PieceTokenizer, text: string): RawToken[] {
  const pieces = splitPieces(text);
  const out: RawToken[] = [];
  forEachRawToken(cachedPieces(tokenizer), pieces, pieces.length, (t, position) => out.push({ ...t, word_position: position }));
  return out;
}
