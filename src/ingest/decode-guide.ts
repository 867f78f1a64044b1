/**
 * Decoding a guide's bytes to text: the character encoding is taken from a byte order mark, else
 * from an HTML/XML declaration (`<meta charset>`, `<meta http-equiv="Content-Type">`,
 * `<?xml encoding>`) when the bytes really are in it, else detected among ISO-2022-JP, UTF-8,
 * EUC-JP and Shift_JIS (CP932) with encoding-japanese's detectors. Decoding itself is the WHATWG
 * `TextDecoder` in fatal mode, so a byte that is not valid in the chosen encoding is an error at
 * its offset, never a silent U+FFFD.
 */
import Encoding from 'encoding-japanese';
import { GuideError } from './guide-error.js';

/** Names tejun reports encodings by (IANA spelling); other declared charsets keep their WHATWG name. */
const DISPLAY: Record<string, string> = {
  'utf-8': 'UTF-8',
  shift_jis: 'Shift_JIS',
  'euc-jp': 'EUC-JP',
  'iso-2022-jp': 'ISO-2022-JP',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
};

/** How the guide's encoding was found. */
export type EncodingSource = 'bom' | 'declared' | 'detected';

/** A warning found while decoding (a declaration the bytes contradict). */
export interface DecodeWarning {
  ruleId: string;
  reason: string;
  line: number;
  column: number;
}

/** Result of {@link decodeGuide}. */
export interface DecodedGuide {
  /** The text, without a byte order mark. */
  text: string;
  /** The encoding, IANA spelling: `UTF-8`, `Shift_JIS`, `EUC-JP`, `ISO-2022-JP`, `UTF-16LE`, `UTF-16BE`. */
  encoding: string;
  /** True when the bytes started with a byte order mark. */
  bom: boolean;
  /** Where the encoding came from. */
  via: EncodingSource;
  /** `charset-mismatch` when a declared charset could not decode the bytes (detection was used). */
  warnings: DecodeWarning[];
}

/**
 * Decodes a guide's bytes.
 * @param data the file's bytes as stored.
 * @param path the guide's name, for error messages.
 * @returns the text and the encoding it was read in.
 * @throws {GuideError} `binary-guide` for a NUL byte outside UTF-16, `undecodable-guide` when no
 *   supported encoding decodes the bytes (the reason names the file and the first bad byte's
 *   offset under the encoding that read furthest; `line`/`column` point at it).
 */
export function decodeGuide(data: Uint8Array, path: string): DecodedGuide {
  const bom = bomEncoding(data);
  if (bom) return { text: decodeOrThrow(data.subarray(bom.length), bom.encoding, path, bom.length), encoding: DISPLAY[bom.encoding]!, bom: true, via: 'bom', warnings: [] };

  const warnings: DecodeWarning[] = [];
  const declared = declaredCharset(data);
  if (declared) {
    // 7-bit bytes with JIS escape sequences are ISO-2022-JP whatever the page says (they would
    // also "decode" as UTF-8 or any ASCII-compatible charset, into escape codes and garbage).
    const jis = declared.encoding !== 'iso-2022-jp' && Encoding.detect(data, 'JIS') === 'JIS';
    const text = jis ? null : tryDecode(data, declared.encoding);
    if (text !== null) return { text, encoding: DISPLAY[declared.encoding] ?? declared.encoding, bom: false, via: 'declared', warnings };
    warnings.push({
      ruleId: 'charset-mismatch',
      reason: `Unexpected bytes that are not ${declared.label} in ${path}, expected the charset the page declares; decoded as detected instead`,
      line: declared.line,
      column: 1,
    });
  }

  const nul = data.indexOf(0);
  if (nul >= 0) {
    const utf16 = utf16WithoutBom(data);
    const text = utf16 ? tryDecode(data, utf16) : null;
    if (utf16 && text !== null && !text.includes('\u0000')) return { text, encoding: DISPLAY[utf16]!, bom: false, via: 'detected', warnings };
    const { line, column } = positionOf(data, nul, 'utf-8');
    throw new GuideError('binary-guide', `Unexpected NUL byte at offset ${nul} in ${path}, expected text (is it a binary file?)`, line, column, nul);
  }

  const candidates = candidateEncodings(data);
  for (const encoding of candidates) {
    const text = tryDecode(data, encoding);
    if (text !== null) return { text, encoding: DISPLAY[encoding]!, bom: false, via: 'detected', warnings };
  }
  // Nothing decodes: report the first bad byte under the encoding that read furthest.
  let best = { encoding: candidates[0]!, offset: -1 };
  for (const encoding of candidates) {
    const offset = firstBadByte(data, encoding);
    if (offset > best.offset) best = { encoding, offset };
  }
  const { line, column } = positionOf(data, best.offset, best.encoding);
  throw new GuideError(
    'undecodable-guide',
    `Unexpected ${badByte(data, best.offset)} at offset ${best.offset} in ${path}, expected text in ${candidates.map((e) => DISPLAY[e]).join(', ')} (it reads furthest as ${DISPLAY[best.encoding]})`,
    line,
    column,
    best.offset,
  );
}

/** The encoding a byte order mark at the start of `data` names, and the mark's length. */
function bomEncoding(data: Uint8Array): { encoding: string; length: number } | null {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (data[0] === 0xff && data[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (data[0] === 0xfe && data[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * The charset an HTML or XML document declares in its first 1024 bytes (the HTML prescan
 * window), as a WHATWG encoding name, with the 1-based line of the declaration. Only documents
 * that start with markup are looked at; `utf-16` declared in a byte-oriented document means UTF-8
 * (HTML standard); unknown labels are ignored.
 */
function declaredCharset(data: Uint8Array): { encoding: string; label: string; line: number } | null {
  const head = Buffer.from(data.subarray(0, 1024)).toString('latin1');
  if (!/^\s*</.test(head)) return null;
  const m =
    /<\?xml[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head) ??
    /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  if (!m) return null;
  let encoding: string;
  try {
    encoding = new TextDecoder(m[1]!).encoding;
  } catch {
    return null;
  }
  if (encoding.startsWith('utf-16')) encoding = 'utf-8';
  const line = head.slice(0, m.index).split('\n').length;
  return { encoding, label: m[1]!, line };
}

/**
 * UTF-16 without a byte order mark, guessed from where NUL bytes fall in the first 4 KiB: mostly
 * the odd bytes of ASCII-heavy UTF-16LE, the even bytes of UTF-16BE. Null when neither.
 */
function utf16WithoutBom(data: Uint8Array): string | null {
  if (data.length % 2 !== 0) return null;
  const n = Math.min(data.length, 4096);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (data[i] === 0) (i % 2 === 0 ? even++ : odd++);
  const pairs = n / 2;
  if (odd > pairs / 4 && even === 0) return 'utf-16le';
  if (even > pairs / 4 && odd === 0) return 'utf-16be';
  return null;
}

/**
 * The encodings to try, most likely first: ISO-2022-JP when the bytes are 7-bit with JIS escape
 * sequences, then UTF-8, then EUC-JP and Shift_JIS in the order encoding-japanese's detectors
 * judge them.
 */
function candidateEncodings(data: Uint8Array): string[] {
  const out: string[] = [];
  if (Encoding.detect(data, 'JIS') === 'JIS') out.push('iso-2022-jp');
  out.push('utf-8');
  out.push(...(Encoding.detect(data, 'SJIS') === 'SJIS' && Encoding.detect(data, 'EUCJP') !== 'EUCJP' ? ['shift_jis', 'euc-jp'] : ['euc-jp', 'shift_jis']));
  return out;
}

/** `data` decoded (fatal), or null when it is not valid in `encoding`. BOM sniffing is off. */
function tryDecode(data: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(data);
  } catch {
    return null;
  }
}

/** Decodes or throws `undecodable-guide` at the first bad byte (`base` = bytes before `data` in the file). */
function decodeOrThrow(data: Uint8Array, encoding: string, path: string, base: number): string {
  const text = tryDecode(data, encoding);
  if (text !== null) return text;
  const offset = firstBadByte(data, encoding);
  const { line, column } = positionOf(data, offset, encoding);
  throw new GuideError(
    'undecodable-guide',
    `Unexpected ${badByte(data, offset)} at offset ${base + offset} in ${path}, expected ${DISPLAY[encoding] ?? encoding} text as its byte order mark says`,
    line,
    column,
    base + offset,
  );
}

/**
 * Byte offset at which decoding `data` as `encoding` first fails (a byte that cannot start or
 * continue a character), or `data.length` for a sequence cut short at the end. A fresh streaming
 * decoder per probe: a prefix decodes in streaming mode exactly when it holds no bad byte, so the
 * search is a binary search over prefix lengths (O(n log n) decoding, on the error path only).
 */
export function firstBadByte(data: Uint8Array, encoding: string): number {
  const ok = (length: number) => {
    try {
      new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(data.subarray(0, length), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  if (ok(data.length)) return data.length;
  let lo = 0; // ok(lo) holds
  let hi = data.length; // ok(hi) fails
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return hi - 1;
}

/**
 * What stands at `offset` for an error message: `byte 0xNN`, or `end of file inside a character`
 * when the data ends in the middle of one (a file truncated mid-character, UTF-16 with an odd
 * number of bytes), where {@link firstBadByte} returns `data.length`.
 */
function badByte(data: Uint8Array, offset: number): string {
  const byte = data[offset];
  return byte === undefined ? 'end of file inside a character' : `byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** 1-based line and column of byte `offset`, from the text before it decoded leniently. */
function positionOf(data: Uint8Array, offset: number, encoding: string): { line: number; column: number } {
  const before = new TextDecoder(encoding, { ignoreBOM: true }).decode(data.subarray(0, Math.max(0, offset)));
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}
