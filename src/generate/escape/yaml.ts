/**
 * YAML scalars and comments of the playbook, group_vars and the vars skeleton, as PyYAML (which
 * Ansible loads them with) reads them back.
 *
 * The `yaml` package writes some characters raw that PyYAML refuses in a stream (DEL, the C1
 * controls, U+FFFE/U+FFFF, lone surrogates: "unacceptable character") or reads as a line break
 * (NEL U+0085, U+2028, U+2029: a YAML 1.1 line break, folded to a space inside a quoted scalar).
 * A string holding one is written here as a double-quoted scalar with every such character
 * escaped ({@link yamlDoubleQuoted}); comments fold them ({@link yamlComment}). Other strings are
 * left to the package.
 */
import type { ScalarTag } from 'yaml';

/** Characters PyYAML reads as printable and not as a line break, plus TAB, LF, CR. */
const PRINTABLE = /^[\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd]*$/;

/** True when `value` has a character outside {@link PRINTABLE} (or a non-BMP character: checked by code point). */
export function needsYamlEscapes(value: string): boolean {
  if (PRINTABLE.test(value)) return false;
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code > 0xffff ? (code & 0xfffe) === 0xfffe : !PRINTABLE.test(ch)) return true;
  }
  return false;
}

/** `\xXX`, `\uXXXX` or `\UXXXXXXXX` for a code point. */
function escapeCode(code: number): string {
  if (code <= 0xff) return `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\\U${code.toString(16).toUpperCase().padStart(8, '0')}`;
}

/**
 * `value` as a one-line YAML double-quoted scalar that PyYAML and the `yaml` package read back
 * exactly: `"` and `\` escaped, TAB/LF/CR as `\t`/`\n`/`\r`, every other character that is not
 * printable for PyYAML or is a YAML 1.1 line break (NEL, U+2028, U+2029) as `\x`/`\u`/`\U`.
 * Never throws.
 */
export function yamlDoubleQuoted(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code > 0xffff ? (code & 0xfffe) === 0xfffe : !PRINTABLE.test(ch)) out += escapeCode(code);
    else out += ch;
  }
  return `${out}"`;
}

/**
 * `tag` (a string tag of the `yaml` package) with its stringify writing a string that
 * {@link needsYamlEscapes} as {@link yamlDoubleQuoted}; other values are left to `tag`.
 */
export function safeStringTag(tag: ScalarTag): ScalarTag {
  const base = tag.stringify!;
  return {
    ...tag,
    stringify(item, ctx, onComment, onChompKeep) {
      if (typeof item.value === 'string' && needsYamlEscapes(item.value)) return yamlDoubleQuoted(item.value);
      return base(item, ctx, onComment, onChompKeep);
    },
  };
}

/**
 * `text` for a one-line YAML `#` comment: every run of white space, control characters (C0, DEL,
 * C1: NEL is a YAML 1.1 line break) and U+2028/U+2029 folded into one space, non-characters
 * and lone surrogates replaced by U+FFFD, ends trimmed. Never throws.
 */
export function yamlComment(text: string): string {
  return text
    .replace(/[\s\u0000-\u001f\u007f-\u009f]+/gu, ' ')
    .replace(/[\ufdd0-\ufdef\ufffe\uffff]|\p{Cs}/gu, '\ufffd')
    .trim();
}
