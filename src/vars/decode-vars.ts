/**
 * Decoding a site file's bytes: a site file is UTF-8 (YAML 1.2 streams are Unicode; tejun reads
 * UTF-8 only, with or without its byte order mark). Anything else (a Shift_JIS or EUC-JP file
 * saved by a Japanese editor, UTF-16) is refused at its first bad byte, never decoded with U+FFFD:
 * a password read wrong would be deployed silently.
 */
import Encoding from 'encoding-japanese';
import { firstBadByte } from '../ingest/decode-guide.js';
import type { Message } from '../ir/types.js';

/** Result of {@link decodeVars}: the text, or one `vars-encoding` error. */
export type DecodedVars = { text: string; message?: undefined } | { text?: undefined; message: Message };

/** encoding-japanese's names → IANA names for the message. */
const NAMES: Record<string, string> = { SJIS: 'Shift_JIS', EUCJP: 'EUC-JP', JIS: 'ISO-2022-JP', UTF16: 'UTF-16', UTF16BE: 'UTF-16BE', UTF16LE: 'UTF-16LE', UTF32: 'UTF-32' };

/**
 * Decodes a site file.
 * @param data the file's bytes.
 * @param path the file as named in messages.
 * @returns the text (without a UTF-8 byte order mark), or a `vars-encoding` error whose
 *   line/column is the first byte that is not UTF-8 (1-based; the column counts the characters
 *   of that line before it) and whose reason names the encoding the bytes look like (never the
 *   bytes or the text around them: the file holds secrets). Never throws.
 */
export function decodeVars(data: Uint8Array, path: string): DecodedVars {
  const utf16Bom = data.length >= 2 && ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff));
  const bom = data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? 3 : 0;
  const body = data.subarray(bom);
  if (!utf16Bom) {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body) };
    } catch {
      // fall through: report where
    }
  }
  const offset = utf16Bom ? 0 : firstBadByte(body, 'utf-8');
  const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body.subarray(0, offset));
  const lines = before.split(/\r\n|\r|\n/);
  const detected = Encoding.detect(data);
  const looks = typeof detected === 'string' && NAMES[detected] ? ` (it looks like ${NAMES[detected]})` : '';
  return {
    message: {
      ruleId: 'vars-encoding',
      severity: 'error',
      reason: `Unexpected bytes that are not UTF-8 at offset ${bom + offset} of ${path}${looks}, expected a UTF-8 site file: convert it (iconv -f SHIFT_JIS -t UTF-8) and check its values`,
      line: lines.length,
      column: lines[lines.length - 1]!.length + 1,
    },
  };
}
