/**
 * Reading a guide: bytes from disk (or given), decoded to text in whatever encoding they are in
 * (see decode-guide.ts), hashed, wrapped in a VFile that carries the diagnostics of every later
 * pass.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { VFile } from 'vfile';
import { decodeGuide } from './decode-guide.js';
import { refuseDocumentFormats } from './document-signature.js';
import { GuideError } from './guide-error.js';

/**
 * Largest guide read, in bytes (16 MiB). Published guides are well under 1 MiB (the largest in
 * guides/ is 270 KiB); a larger file is refused before it is read rather than parsed for minutes.
 */
export const MAX_GUIDE_BYTES = 16 * 1024 * 1024;

/** A guide read into memory. `text` keeps the file's line structure (line N of text is line N of the file). */
export interface GuideInput {
  file: VFile;
  text: string;
  /** SHA-256 of the bytes as stored, hex. */
  sha256: string;
  /** The encoding the bytes were decoded from (IANA spelling: `UTF-8`, `Shift_JIS`, `EUC-JP`, …). */
  encoding: string;
}

/** Options of {@link readGuide}. */
export interface ReadGuideOptions {
  /** Largest guide accepted, in bytes; default {@link MAX_GUIDE_BYTES}. */
  maxBytes?: number;
}

/**
 * Reads and decodes a guide. The encoding is found and decoded by {@link decodeGuide}; a
 * declared charset the bytes contradict becomes a `charset-mismatch` warning on `file`.
 * @param path the guide path, kept as given in `file.path` and in the graph.
 * @param bytes the guide's bytes when already in memory (the path is then only a name).
 * @throws {GuideError} `read-guide` when the file cannot be read (ENOENT, EACCES, a directory),
 *   `guide-too-large` above `maxBytes`, `empty-guide` for a file with no text,
 *   `unsupported-format` for a PDF, Word, OpenDocument or RTF file, and the
 *   `binary-guide` / `undecodable-guide` errors of {@link decodeGuide}.
 */
export async function readGuide(path: string, bytes?: Uint8Array, options: ReadGuideOptions = {}): Promise<GuideInput> {
  const maxBytes = options.maxBytes ?? MAX_GUIDE_BYTES;
  let data: Uint8Array;
  if (bytes) {
    data = bytes;
  } else {
    try {
      const info = await stat(path);
      if (!info.isFile()) throw new GuideError('read-guide', `Unexpected ${info.isDirectory() ? 'directory' : 'special file'} ${path}, expected a regular guide file`);
      if (info.size > maxBytes) throw tooLarge(path, info.size, maxBytes);
      data = await readFile(path);
    } catch (error) {
      if (error instanceof GuideError) throw error;
      const e = error as NodeJS.ErrnoException;
      throw new GuideError('read-guide', `Unexpected ${e.code ?? 'error'} reading ${path}, expected a readable guide file: ${e.message}`);
    }
  }
  if (data.length > maxBytes) throw tooLarge(path, data.length, maxBytes);
  refuseDocumentFormats(data, path);
  const decoded = decodeGuide(data, path);
  if (decoded.text.trim() === '') {
    throw new GuideError('empty-guide', `Unexpected ${data.length === 0 ? 'empty file' : 'file with only white space'} ${path}, expected a guide`);
  }
  const sha256 = createHash('sha256').update(data).digest('hex');
  const file = new VFile({ path, value: decoded.text });
  for (const w of decoded.warnings) {
    const m = file.message(w.reason, { place: { line: w.line, column: w.column }, ruleId: w.ruleId, source: 'tejun' });
    m.fatal = false;
  }
  return { file, text: decoded.text, sha256, encoding: decoded.encoding };
}

function tooLarge(path: string, size: number, maxBytes: number): GuideError {
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return new GuideError('guide-too-large', `Unexpected ${mib(size)} guide ${path}, expected at most ${mib(maxBytes)} (split it into chapters)`);
}
