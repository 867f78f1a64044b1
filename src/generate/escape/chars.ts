/**
 * Characters no output context can carry, and line breaks, which one-line contexts cannot.
 *
 * A site value is written into bash words, YAML scalars (group_vars, read by PyYAML), INI files,
 * SQL statements and configuration files. Some characters survive none of them: NUL (no bash
 * string holds it), the other C0 controls but TAB, LF and CR, DEL and the C1 controls (PyYAML
 * refuses them in a stream, NEL U+0085 is a YAML line break), lone surrogates (not text) and the
 * Unicode non-characters (U+FDD0–U+FDEF and U+xFFFE/U+xFFFF: PyYAML refuses U+FFFE). Such values
 * are refused when the vars file is loaded (vars/load.ts). Line breaks (CR, LF and the Unicode
 * line and paragraph separators, which YAML 1.1 also reads as breaks) are refused where the
 * value lands in a one-line context (an INI line, a path), see generate/bind-values.ts.
 */

/** One refused character: where it is in the value and how to name it in a message. */
export interface RefusedCharacter {
  /** Index (UTF-16 code units) in the value. */
  index: number;
  /** `U+0007` style name, with a word for the kind (`control`, `non-character`, `surrogate`). */
  name: string;
}

/** `U+XXXX` of a code point. */
function codeName(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The kind of a refused code point, or null when it is allowed. */
function refusedKind(code: number): string | null {
  if (code === 0x09 || code === 0x0a || code === 0x0d) return null;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return 'control character';
  if (code >= 0xd800 && code <= 0xdfff) return 'lone surrogate';
  if ((code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe) return 'non-character';
  return null;
}

/**
 * The first character of `value` that no output context can carry (see the module comment),
 * or null when there is none. Surrogate pairs are read as one code point. Never throws.
 */
export function refusedCharacter(value: string): RefusedCharacter | null {
  for (let i = 0; i < value.length; i++) {
    const code = value.codePointAt(i)!;
    const kind = refusedKind(code);
    if (kind) return { index: i, name: `${kind} ${codeName(code)}` };
    if (code > 0xffff) i++;
  }
  return null;
}

/** Line breaks of any kind: CR, LF, U+2028, U+2029 (NEL is a refused control already). */
const LINE_BREAK = /[\r\n\u2028\u2029]/;

/** True when `value` holds a line break (CR, LF, U+2028 or U+2029). */
export function hasLineBreak(value: string): boolean {
  return LINE_BREAK.test(value);
}
