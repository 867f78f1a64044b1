/**
 * Which tokenizer serves the pieces, decided once, when the dictionary is first needed:
 * tejun's lattice (./lattice.ts) over kuromoji's dictionary when kuromoji's internals pass the
 * start-up check (./shape-check.ts), else kuromoji's own tokenizer (./stock.ts). The environment
 * variable `TEJUN_TOKENIZER=kuromoji` asks for kuromoji's own; `TEJUN_TOKENIZER=tejun` (or
 * unset) for the check and tejun's lattice.
 */
import { createRequire } from 'node:module';
import { dictionaryPath, loadTokenizerObject, rawDictionaryPath } from './dictionary-loader.js';
import type { KuromojiModules } from './internals.js';
import { tokenizePiece } from './lattice.js';
import { checkModules, checkProbes, checkTokenizer, ShapeMismatch } from './shape-check.js';
import { buildStockTokenizer } from './stock.js';
import type { PieceTokenizer } from './types.js';

/** The environment variable that chooses the tokenizer. */
export const TOKENIZER_ENV = 'TEJUN_TOKENIZER';

/** The warning code emitted when the shape check sends tejun to kuromoji's own tokenizer. */
export const FALLBACK_WARNING = 'TEJUN_TOKENIZER_FALLBACK';

/** What {@link selectTokenizer} uses; each has a default, tests replace them. */
export interface TokenizerSources {
  /** The value of {@link TOKENIZER_ENV} (default: from process.env). */
  env?: string | undefined;
  /** Requires and checks kuromoji's modules (default: `checkModules` with Node's require). */
  modules?: () => KuromojiModules;
  /** Loads kuromoji's tokenizer object for the lattice (default: `loadTokenizerObject` over the installed dictionary). */
  loadFast?: (modules: KuromojiModules) => Promise<object>;
  /** Builds kuromoji's own tokenizer (default: `buildStockTokenizer` over the installed dictionary). */
  loadStock?: (reason: string) => Promise<PieceTokenizer>;
  /** Reports a fallback the user did not ask for (default: `process.emitWarning` with code {@link FALLBACK_WARNING}). */
  warn?: (message: string) => void;
}

/**
 * The tokenizer to use. `TEJUN_TOKENIZER=kuromoji`: kuromoji's own. Otherwise kuromoji's modules
 * and the loaded tokenizer are checked and a few probe pieces tokenized both ways; any
 * {@link ShapeMismatch}, or another error thrown while loading (other than Node's file and zlib
 * errors) or checking the loaded tokenizer, gives kuromoji's own tokenizer, with a warning naming
 * the differences. An unknown value of the variable is warned about and ignored.
 * @throws (rejects) the dictionary loader's error when the files cannot be read or decompressed
 *   (an error with a string `code`, either way).
 */
export async function selectTokenizer(sources: TokenizerSources = {}): Promise<PieceTokenizer> {
  const env = 'env' in sources ? sources.env : process.env[TOKENIZER_ENV];
  const loadStock = sources.loadStock ?? ((reason: string) => buildStockTokenizer(dictionaryPath(), reason));
  const warn = sources.warn ?? ((message: string) => process.emitWarning(message, { code: FALLBACK_WARNING }));
  if (env === 'kuromoji') return loadStock(`${TOKENIZER_ENV}=kuromoji`);
  if (env && env !== 'tejun') warn(`${TOKENIZER_ENV}=${env} is neither "kuromoji" nor "tejun": ignored`);
  const fallBack = (mismatch: ShapeMismatch) => {
    warn(`${mismatch.message}; using kuromoji's own tokenizer (slower)`);
    return loadStock(mismatch.differences.join('; '));
  };
  let object: object;
  try {
    const modules = (sources.modules ?? (() => checkModules(createRequire(import.meta.url))))();
    object = await (sources.loadFast ?? ((m: KuromojiModules) => loadTokenizerObject(m, dictionaryPath(), rawDictionaryPath())))(modules);
  } catch (error) {
    if (error instanceof ShapeMismatch) return fallBack(error);
    // A file that cannot be read or inflated (Node's errors carry a string `code`) is no shape
    // question: kuromoji's own loader would fail too. Anything else (a TypeError in kuromoji's
    // loader fed what it no longer expects) is.
    if (typeof (error as { code?: unknown } | null)?.code === 'string') throw error;
    return fallBack(new ShapeMismatch([`loading the dictionary threw: ${String(error)}`]));
  }
  try {
    const internals = checkTokenizer(object);
    checkProbes(internals, tokenizePiece);
    return { kind: 'tejun', tokenizePiece: (piece) => tokenizePiece(internals, piece) };
  } catch (error) {
    // Reading fields that are not there can also throw (a TypeError in the lattice): a mismatch too.
    return fallBack(error instanceof ShapeMismatch ? error : new ShapeMismatch([`checking the loaded tokenizer threw: ${String(error)}`]));
  }
}

let chosen: Promise<PieceTokenizer> | undefined;
let loaded = false;

/**
 * The shared tokenizer ({@link selectTokenizer}, once per process); the first call starts
 * loading the dictionary, later calls share it.
 * @throws (rejects) the dictionary loader's error when the files cannot be read.
 */
export function getTokenizer(): Promise<PieceTokenizer> {
  if (!chosen) {
    loaded = true;
    chosen = selectTokenizer();
  }
  return chosen;
}

/** True once anything asked for the tokenizer (the dictionary load has started or finished). */
export function isTokenizerLoaded(): boolean {
  return loaded;
}
