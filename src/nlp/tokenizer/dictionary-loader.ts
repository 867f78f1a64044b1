/**
 * Loads kuromoji's IPADIC dictionary for tejun's lattice: where the files are, and a load that
 * drives kuromoji's own `DictionaryLoader` with three changes that leave every dictionary value
 * the same (test/nlp-tokenizer-loader.test.ts):
 * - the files come decompressed from dist/dict when `npm run build` wrote them there
 *   (scripts/dictionary.mjs) for the installed kuromoji, else from kuromoji's .gz files, gunzipped
 *   in one chunk each ({@link gunzipChunkSize});
 * - each file's bytes are handed over as their own ArrayBuffer (kuromoji's Node loader copies each
 *   one: ~100 MB more transient RSS);
 * - the word id → entry ids map is ./target-map.ts's compact map.
 */
import { readFile, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { gunzip } from 'node:zlib';
import { PACKAGE_ROOT } from '../../grammar/load-grammar.js';
import type { KuromojiModules } from './internals.js';
import { checkLoader } from './shape-check.js';
import { compactTargetMap } from './target-map.js';

/** The kuromoji dictionary folder (gzipped files), resolved from the installed package, with a trailing slash. */
export function dictionaryPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('kuromoji/package.json')), 'dict') + '/';
}

/** The installed kuromoji's version (its package.json). */
export function kuromojiVersion(): string {
  const require = createRequire(import.meta.url);
  return (JSON.parse(readFileSync(require.resolve('kuromoji/package.json'), 'utf8')) as { version: string }).version;
}

/** Where `npm run build` decompresses the dictionary (scripts/dictionary.mjs): <package>/dist/dict. */
export const RAW_DICTIONARY_DIR = join(PACKAGE_ROOT, 'dist', 'dict');

/**
 * The folder of the decompressed dictionary when it can be used: its manifest.json names the
 * installed kuromoji version and every file it lists is there with the listed size.
 * @param dir the folder to check (default {@link RAW_DICTIONARY_DIR}).
 * @returns the folder with a trailing slash, or undefined (then the .gz files are read).
 */
export function rawDictionaryPath(dir: string = RAW_DICTIONARY_DIR): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { kuromoji?: string; files?: Record<string, number> };
    if (manifest.kuromoji !== kuromojiVersion() || !manifest.files || Object.keys(manifest.files).length === 0) return undefined;
    for (const [name, size] of Object.entries(manifest.files)) {
      if (statSync(join(dir, name)).size !== size) return undefined;
    }
    return dir + '/';
  } catch {
    return undefined;
  }
}

/**
 * The output chunk size for gunzipping `compressed` in one piece: the uncompressed size the gzip
 * trailer records (ISIZE, its last 4 bytes, little-endian, modulo 2^32), clamped to at least 64 KiB
 * and at most 256 MiB or deflate's largest ratio (1032:1) times the compressed size.
 * With zlib's default 16 KiB chunks, the ~60 MB of dictionary come back in thousands of pieces that
 * the main thread then concatenates. A wrong ISIZE (a damaged file) only means more pieces, never
 * a wrong result.
 * @param compressed a gzip file's bytes.
 * @returns a chunk size in bytes.
 */
export function gunzipChunkSize(compressed: Uint8Array): number {
  if (compressed.length < 18) return 64 * 1024;
  const n = compressed.length;
  const isize = (compressed[n - 4]! | (compressed[n - 3]! << 8) | (compressed[n - 2]! << 16) | (compressed[n - 1]! << 24)) >>> 0;
  return Math.max(64 * 1024, Math.min(isize, 256 * 1024 * 1024, 1032 * n));
}

/** `bytes` as an ArrayBuffer of their own: the Buffer's when it is all of it, else a copy (a slice of a pooled buffer). */
function ownBuffer(bytes: Buffer): ArrayBuffer {
  const whole = bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength;
  return whole ? (bytes.buffer as ArrayBuffer) : new Uint8Array(bytes).buffer;
}

/**
 * kuromoji's tokenizer object (`new Tokenizer(dic)`, as `kuromoji.builder({ dicPath }).build()`
 * makes it) over the dictionary loaded as the module comment says. The object is not checked
 * here: ./shape-check.ts does that before anything reads it.
 * @param modules kuromoji's DictionaryLoader and Tokenizer (checked by `checkModules`).
 * @param dicPath the dictionary folder (.gz files), with a trailing slash.
 * @param rawPath the decompressed dictionary folder ({@link rawDictionaryPath}), if usable.
 * @throws ShapeMismatch (at once) when the new loader's dictionaries differ from what it expects
 *   (./shape-check.ts `checkLoader`).
 * @throws (rejects) the loader's error when a file cannot be read or decompressed.
 */
export function loadTokenizerObject(modules: KuromojiModules, dicPath: string, rawPath?: string): Promise<object> {
  const loader = new modules.DictionaryLoader(dicPath);
  checkLoader(loader);
  const tokenInfo = loader.dic.token_info_dictionary;
  const loadTargetMap = tokenInfo.loadTargetMap.bind(tokenInfo);
  tokenInfo.loadTargetMap = (bytes: Uint8Array) => {
    const compact = compactTargetMap(bytes);
    if (!compact) return loadTargetMap(bytes);
    tokenInfo.target_map = compact;
    return tokenInfo;
  };
  // DictionaryLoader leaves loadArrayBuffer to its subclasses ("should be overwrite"): this is ours.
  loader.loadArrayBuffer = (file, callback) => {
    if (rawPath) {
      readFile(join(rawPath, basename(file).replace(/\.gz$/u, '')), (error, bytes) => (error ? callback(error) : callback(null, ownBuffer(bytes))));
      return;
    }
    readFile(file, (error, compressed) => {
      if (error) return callback(error);
      gunzip(compressed, { chunkSize: gunzipChunkSize(compressed) }, (error2, bytes) => (error2 ? callback(error2) : callback(null, ownBuffer(bytes))));
    });
  };
  return new Promise((resolve, reject) => {
    loader.load((error, dic) => (error ? reject(error) : resolve(new modules.Tokenizer(dic))));
  });
}
