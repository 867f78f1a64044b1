/**
 * The kuromoji tokenizer, loaded once and lazily behind a cached promise, and a tokenize()
 * that masks ASCII code first (see ./mask.ts) and maps every token back to the original text.
 *
 * The dictionary is found next to the installed kuromoji package (resolved from this module, not
 * from the working directory). Loading it takes about half a second, so callers check a cheap
 * pattern first and tokenize only when a decision needs it; {@link isTokenizerLoaded} lets tests
 * prove it.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import kuromoji from 'kuromoji';
import { maskCode } from './mask.js';

/** One token of a sentence, with offsets into the original (unmasked) text. */
export interface Token {
  /** The token's text as it is in the original sentence (a masked span is restored whole). */
  surface: string;
  /** Part of speech (`名詞`, `動詞`, `助詞`, …); `名詞` for a masked span. */
  pos: string;
  /** First POS detail (`格助詞`, `サ変接続`, …); `固有名詞` for a masked span. */
  posDetail: string;
  /** Dictionary form (`置き換える` for `置き換え`); the surface when the dictionary has none. */
  basic: string;
  /** Conjugated form (`連用形`, …) or `*`. */
  conjugatedForm: string;
  /** UTF-16 offset of the token in the original text (inclusive). */
  start: number;
  /** UTF-16 offset just after the token in the original text. */
  end: number;
  /** True when the token is (or holds) a masked identifier, path, URL or inline code. */
  masked: boolean;
}

type KuromojiTokenizer = kuromoji.Tokenizer<kuromoji.IpadicFeatures>;

let tokenizerPromise: Promise<KuromojiTokenizer> | undefined;
let loaded = false;

/** The kuromoji dictionary folder, resolved from the installed package. */
export function dictionaryPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('kuromoji/package.json')), 'dict') + '/';
}

/** True once anything asked for the tokenizer (the dictionary load has started or finished). */
export function isTokenizerLoaded(): boolean {
  return loaded;
}

/**
 * The shared tokenizer; the first call starts loading the dictionary, later calls share it.
 * @throws (rejects) the dictionary loader's error when the files cannot be read.
 */
export function getTokenizer(): Promise<KuromojiTokenizer> {
  if (!tokenizerPromise) {
    loaded = true;
    tokenizerPromise = new Promise((resolve, reject) => {
      kuromoji.builder({ dicPath: dictionaryPath() }).build((error, tokenizer) => {
        if (error) reject(error);
        else resolve(tokenizer);
      });
    });
  }
  return tokenizerPromise;
}

/** Content-keyed cache of tokenizations (most recent last). */
const cache = new Map<string, Token[]>();
/** How many tokenizations the cache keeps. */
export const CACHE_SIZE = 512;

/**
 * Maps offsets in the masked text back to the original: a position inside a symbol maps to the
 * start (for a token start) or the end (for a token end) of the span it replaced.
 */
function offsetMapper(original: string, spans: ReturnType<typeof maskCode>['spans']) {
  const pieces: Array<{ mStart: number; mEnd: number; oStart: number; oEnd: number }> = [];
  let shift = 0;
  for (const span of spans) {
    const mStart = span.start + shift;
    pieces.push({ mStart, mEnd: mStart + span.symbol.length, oStart: span.start, oEnd: span.start + span.original.length });
    shift += span.symbol.length - span.original.length;
  }
  const map = (m: number, side: 'start' | 'end'): { at: number; masked: boolean } => {
    let delta = 0;
    for (const p of pieces) {
      const inside = side === 'start' ? m >= p.mStart && m < p.mEnd : m > p.mStart && m <= p.mEnd;
      if (inside) return { at: side === 'start' ? p.oStart : p.oEnd, masked: true };
      if (p.mEnd > m) break;
      delta = p.oEnd - p.mEnd;
    }
    return { at: Math.min(m + delta, original.length), masked: false };
  };
  return map;
}

/**
 * Tokenizes a sentence with kuromoji after masking ASCII code, so `NOVA_DBPASS` or
 * `/etc/nova/nova.conf` come back as one noun token with their original surface.
 * Results are cached by content. White-space tokens are dropped.
 * @param text one sentence or a short paragraph.
 * @returns the tokens in order, offsets into `text`.
 * @throws (rejects) when the dictionary cannot be loaded.
 */
export async function tokenize(text: string): Promise<Token[]> {
  const hit = cache.get(text);
  if (hit) {
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const tokenizer = await getTokenizer();
  const masked = maskCode(text);
  const map = offsetMapper(text, masked.spans);
  const tokens: Token[] = [];
  for (const t of tokenizer.tokenize(masked.text)) {
    const mStart = t.word_position - 1;
    const mEnd = mStart + t.surface_form.length;
    const start = map(mStart, 'start');
    const end = map(mEnd, 'end');
    const surface = text.slice(start.at, end.at);
    if (surface.trim() === '') continue;
    const isMasked = start.masked || end.masked || /XMSK[A-Z]+/u.test(t.surface_form);
    tokens.push({
      surface,
      pos: isMasked ? '名詞' : t.pos,
      posDetail: isMasked ? '固有名詞' : t.pos_detail_1,
      basic: isMasked || t.basic_form === '*' ? surface : t.basic_form,
      conjugatedForm: t.conjugated_form,
      start: start.at,
      end: end.at,
      masked: isMasked,
    });
  }
  cache.set(text, tokens);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return tokens;
}
