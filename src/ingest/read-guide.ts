/**
 * Reading a guide: bytes from disk (or given), decoded to text, hashed, wrapped in a VFile that
 * carries the diagnostics of every later pass.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { VFile } from 'vfile';

/** A guide read into memory. `text` keeps the file's line structure (line N of text is line N of the file). */
export interface GuideInput {
  file: VFile;
  text: string;
  /** SHA-256 of the bytes as stored, hex. */
  sha256: string;
}

/**
 * Reads and decodes a guide. UTF-8 (with or without BOM) is decoded; invalid UTF-8 is reported as an
 * error at the byte offset where it starts.
 * @param path the guide path, kept as given in `file.path` and in the graph.
 * @param bytes the guide's bytes when already in memory (the path is then only a name).
 * @throws {Error} when the file cannot be read (ENOENT, EACCES) or is not valid UTF-8 text.
 */
export async function readGuide(path: string, bytes?: Uint8Array): Promise<GuideInput> {
  const data = bytes ?? (await readFile(path));
  const sha256 = createHash('sha256').update(data).digest('hex');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    const offset = firstInvalidUtf8(data);
    throw new Error(`${path}: not valid UTF-8 text (first bad byte at offset ${offset})`);
  }
  if (text.includes('\u0000')) throw new Error(`${path}: binary file (NUL byte at offset ${Buffer.from(data).indexOf(0)})`);
  const file = new VFile({ path, value: text });
  return { file, text, sha256 };
}

/** Byte offset of the first invalid UTF-8 sequence (a linear scan), or -1. */
function firstInvalidUtf8(data: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = data.length;
  // Binary search for the shortest prefix that fails to decode (prefix decoding is monotone
  // except for a sequence cut at the end, which `stream: true` tolerates).
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      decoder.decode(data.subarray(0, mid + 1), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo < data.length ? lo : -1;
}
