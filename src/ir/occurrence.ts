/**
 * Where a placeholder's name (or a literal site value) occurs in an action's text as a whole
 * token: the rule the extractor's site-variable uses (extract/site-values.ts) and the generators'
 * substitution (generate/bind.ts) share, so a value is replaced exactly where it was recorded.
 */

/** Characters that make an occurrence part of a longer token. */
const WORD_CHAR = /[A-Za-z0-9_]/;

/** A name written as an ordinary lower-case word (`password`, `controller01`), not a `NAME` or `<name>`. */
const PLAIN_WORD = /^[a-z][a-z0-9]*$/;

/**
 * True when `name` occurs in `text` at `at` (0-based, UTF-16 units) as a whole token: the
 * characters before and after it are not `[A-Za-z0-9_]` (the name itself may hold any
 * characters: `/path/to/ca.crt`, `<password>`). A name that is an ordinary lower-case word is
 * also no occurrence where a hyphen makes it part of a longer word: after a `-` (an option name,
 * `--password-prompt`) or before a `-` and a letter or digit (`password-file`); guides write such
 * a word as a placeholder only standing alone. Pure; never throws.
 */
export function occursAt(text: string, at: number, name: string): boolean {
  if (!name || !text.startsWith(name, at)) return false;
  const before = at > 0 ? text[at - 1]! : '';
  const after = text[at + name.length] ?? '';
  if ((before && WORD_CHAR.test(before)) || (after && WORD_CHAR.test(after))) return false;
  if (!PLAIN_WORD.test(name)) return true;
  return before !== '-' && !(after === '-' && WORD_CHAR.test(text[at + name.length + 1] ?? ''));
}

/** Offsets (0-based) of every whole-token occurrence of `name` in `text` ({@link occursAt}); `[]` for an empty name. */
export function occurrences(text: string, name: string): number[] {
  const out: number[] = [];
  if (!name) return out;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) if (occursAt(text, at, name)) out.push(at);
  return out;
}

/** An SGML entity reference as a name (`&version;`: an entity a DocBook guide uses but defines elsewhere). */
const ENTITY_REFERENCE = /^&[A-Za-z_][\w.-]*;$/;

/** A character that continues an SGML entity name. */
const ENTITY_NAME_CHAR = /[\w.-]/;

/**
 * The short spelling of an entity reference name: `&version` for `&version;` (SGML ends a
 * reference at the first character that cannot continue its name, so the `;` may be left out:
 * `pgpool-II-&version/src/sql`); null for any other name. Pure.
 */
export function entityShortForm(name: string): string | null {
  return ENTITY_REFERENCE.test(name) ? name.slice(0, -1) : null;
}

/**
 * True when `short` (an {@link entityShortForm}) occurs in `text` at `at` as that reference: not
 * after a word character, and followed by no character that would continue the entity's name
 * (`&version.x` and `&versions` name other entities). Pure; never throws.
 */
export function shortEntityAt(text: string, at: number, short: string): boolean {
  return text.startsWith(short, at) && !ENTITY_NAME_CHAR.test(text[at + short.length] ?? '') && !WORD_CHAR.test(text[at - 1] ?? '');
}

/** Offsets of every occurrence of entity reference name `name` (`&version;`) in `text` in its short spelling ({@link shortEntityAt}); `[]` for any other name. */
export function shortEntityOccurrences(text: string, name: string): number[] {
  const short = entityShortForm(name);
  const out: number[] = [];
  if (!short) return out;
  for (let at = text.indexOf(short); at >= 0; at = text.indexOf(short, at + 1)) if (shortEntityAt(text, at, short)) out.push(at);
  return out;
}

/** True when entity reference name `name` (`&version;`) occurs in `text` in its short spelling. */
export function hasShortEntity(text: string, name: string): boolean {
  return shortEntityOccurrences(text, name).length > 0;
}
