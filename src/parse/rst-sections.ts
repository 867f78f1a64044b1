/**
 * reStructuredText section titles: where the title line is and how deep the section is.
 *
 * A section title is underlined, or over- and underlined, with a line of one repeated punctuation
 * character (reStructuredText specification, "Sections"). Levels are not fixed by the character:
 * docutils gives each adornment style (the character, and whether it has an overline) the next
 * level the first time the style appears, and every later title with that style the same level.
 * The parser (rst-compiler) finds the titles and their source lines; the level is computed here
 * from those lines, since the parser ranks styles by the character alone (an overlined `===`
 * title and an underlined `===` title are two styles to docutils).
 */

/** A line made of one punctuation character repeated (an adornment), trailing spaces allowed. */
const ADORNMENT = /^([!-/:-@[-`{-~])\1*\s*$/u;

/** A section title placed in the guide. */
export interface SectionTitle {
  /** 1-based guide line of the title text. */
  line: number;
  /** The adornment style: `o` (overlined) or `u` (underlined only), then the character. */
  style: string;
}

/**
 * Where a section's title text is and which adornment style it has.
 * @param startLineIdx the 0-based first line of the section node (its overline, or its title).
 * @param lines the guide's lines (index 0 = line 1).
 */
export function sectionTitleAt(startLineIdx: number, lines: readonly string[]): SectionTitle {
  const first = lines[startLineIdx] ?? '';
  const overlined = ADORNMENT.test(first.trim()) && !ADORNMENT.test((lines[startLineIdx + 1] ?? '').trim());
  const titleIdx = overlined ? startLineIdx + 1 : startLineIdx;
  const under = (lines[titleIdx + 1] ?? '').trim();
  const char = ADORNMENT.exec(under)?.[1] ?? ADORNMENT.exec(first.trim())?.[1] ?? '?';
  return { line: titleIdx + 1, style: `${overlined ? 'o' : 'u'}${char}` };
}

/**
 * Ranks adornment styles in order of first appearance, as docutils does.
 * Call the returned function with each title's style in document order.
 * @returns a function giving the 1-based depth of a style (a new style gets the next depth).
 */
export function styleRanker(): (style: string) => number {
  const order: string[] = [];
  return (style) => {
    let at = order.indexOf(style);
    if (at < 0) at = order.push(style) - 1;
    return at + 1;
  };
}
