/**
 * An INI section named in prose without its brackets: "`cinder.conf` のLINSTORセクションで…",
 * "in the database section of nova.conf". The word is the section only when the guide has already
 * shown a section of that name for the file (in any letter case: the prose capitalises a product
 * name the file writes `[linstor]`); the section is then written as the file writes it.
 */

/**
 * A word directly before セクション / "section" (the bracketed form is sectionHintOf's); group 1.
 * A word is at most 256 characters (each start after a `-` scans at most that far: linear), and
 * `\s*` is not followed by an overlapping `\s+` (quadratic on a long run of white space).
 */
export const WORD_SECTION = /(?<![\w[])([A-Za-z_][\w.-]{0,255})(?:\s*セクション|\s+section\b)/gu;

/**
 * The section `text` names by a bare word, or null.
 * @param sections the sections shown so far for the file the text speaks of, as written there.
 */
export function proseSection(text: string, sections: readonly string[]): string | null {
  if (sections.length === 0) return null;
  WORD_SECTION.lastIndex = 0;
  for (let m = WORD_SECTION.exec(text); m !== null; m = WORD_SECTION.exec(text)) {
    const word = m[1]!.toLowerCase();
    const known = sections.find((s) => s.toLowerCase() === word);
    if (known) {
      WORD_SECTION.lastIndex = 0;
      return known;
    }
  }
  return null;
}
