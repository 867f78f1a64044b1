/**
 * Masking of ASCII identifiers, paths, URLs and inline code before tokenization.
 *
 * kuromoji splits `NOVA_DBPASS` at `_` and `/etc/nova/nova.conf` at every `/` and `.`; replacing
 * each such span by a letters-only symbol (`XMSKA`, `XMSKB`, …) makes the dictionary read it as
 * one unknown noun. {@link maskCode} keeps the spans so tokens can be mapped back to the text.
 */

import { trimTrailing } from './text.js';

/** One masked span of the original text. */
export interface MaskedSpan {
  /** The placeholder symbol that replaced the span in the masked text. */
  symbol: string;
  /** The original text of the span. */
  original: string;
  /** UTF-16 offset of the span in the original text. */
  start: number;
}

/** The result of {@link maskCode}. */
export interface Masked {
  /** The text with every span replaced by its symbol. */
  text: string;
  /** The spans, in text order. */
  spans: MaskedSpan[];
}

/**
 * What is masked, in one alternation tried left to right: inline code in backticks, URLs,
 * absolute or home-relative paths, bracketed INI sections, and ASCII words that hold a
 * character kuromoji would split at (`_ . / : = @ -`) or mix letters and digits.
 *
 * Linear in the text: an alternative that scans a run of word characters starts only where the
 * run starts (the lookbehinds), since a match starting inside the run would extend to one starting
 * at its first character, which was tried before. For the name alternative the run is one of name
 * and separator characters and the start its first character that may start a name: a start
 * after it matches only if that one did (it sees the same end, fewer separators), and its
 * lookbehind stops at the nearest such character, so the scans back add up to the text once
 * (and at a `:`, where a path, which never holds one, may have ended: the name after it starts
 * there as before). A URL scheme is at most 32 characters
 * (RFC 3986 schemes are short; an unbounded one rescanned a long `a.a.a…` run from every letter).
 * Without the lookbehinds, 100 KB of one letter or digit took about a minute (every position
 * scanned the rest of the run for a separator). One reading changed with them: a name glued to
 * the end of a path by `$`, `<` or `>` (`/opt/x$HOME.y`) is no longer masked as a second span.
 */
const MASKABLE = new RegExp(
  [
    '`[^`\\n]+`',
    '\\b[a-z][a-z0-9+.-]{0,31}://[\\x21-\\x7e]+',
    '(?<![\\w.])~?/[\\w.@+~%=-]+(?:/[\\w.@+~%=-]*)*',
    '\\[[\\w:. -]*[\\w]\\]',
    '(?=[A-Za-z0-9$<])(?<![A-Za-z0-9$<][\\w$<>._/=@+-]*?)[A-Za-z0-9$<][\\w$<>]*(?:[._/:=@+-]+[\\w$<>]+)+',
    '(?<![A-Za-z])[A-Za-z]+\\d[\\w]*|(?<!\\d)\\d+[A-Za-z]\\w*',
  ].join('|'),
  'gu',
);

/** Characters a masked span may not end with: sentence punctuation after a path or name. */
const TRAILING = /[.,:;)]/u;

/** The n-th symbol: XMSKA … XMSKZ, XMSKAA, … (letters only, so kuromoji keeps it whole). */
export function maskSymbol(index: number): string {
  let n = index;
  let suffix = '';
  do {
    suffix = String.fromCharCode(65 + (n % 26)) + suffix;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return `XMSK${suffix}`;
}

/**
 * Replaces identifiers, paths, URLs and inline code by symbols.
 * @param text any text (UTF-16 offsets in the result refer to it).
 * @returns the masked text and the spans, in order. Never throws.
 */
export function maskCode(text: string): Masked {
  const spans: MaskedSpan[] = [];
  let out = '';
  let last = 0;
  for (const match of text.matchAll(MASKABLE)) {
    let original = match[0];
    const start = match.index ?? 0;
    if (!original.startsWith('`')) original = trimTrailing(original, TRAILING);
    if (original.length === 0 || start < last) continue;
    const symbol = maskSymbol(spans.length);
    spans.push({ symbol, original, start });
    out += text.slice(last, start) + ` ${symbol} `.trim();
    last = start + original.length;
  }
  out += text.slice(last);
  return { text: out, spans };
}
