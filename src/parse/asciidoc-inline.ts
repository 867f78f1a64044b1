/**
 * AsciiDoc inline text as a reader reads it: the HTML that Asciidoctor's inline substitutions
 * produce (`<strong>`, `<em>`, `<code>`, `<a href>` for links and cross references, footnote
 * markers) brought back to plain text. Asciidoctor has already removed what the reader never sees
 * (`indexterm:[…]`, the `[[anchor]]` of an inline anchor), resolved attribute references (`{name}`)
 * and passthroughs, and replaced `https://…[label]` and `<<id,text>>` by their text; this pass
 * drops the footnote markers (the footnote's text is not prose of the paragraph), the tags, and
 * decodes the character references Asciidoctor writes.
 */

/** Character references Asciidoctor's special-characters substitution writes, and `&nbsp;`. */
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * The plain text of converted inline AsciiDoc.
 * @param html the output of Asciidoctor's inline substitutions (a paragraph's, a list item's,
 *   a title's or a table cell's text).
 * @returns the text with footnote markers (`<sup class="footnote">[1]</sup>`) and tags removed,
 *   character references decoded and zero-width spaces (written after an ellipsis) dropped; line
 *   breaks are kept. Unknown named references (`&copy;` written by the author) are kept as written.
 */
export function inlineHtmlToText(html: string): string {
  return html
    .replace(/<sup class="footnote(?:ref)?"[^>]*>[\s\S]*?<\/sup>/g, '')
    .replace(/<br\s*\/?>/g, '')
    .replace(/<[^<>]+>/g, '') // a tag holds no `<` (Asciidoctor escapes it): a run of `<` is linear
    .replace(/&(?:#(\d+)|#x([0-9a-f]+)|(\w+));/gi, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (dec) return String.fromCodePoint(Number(dec));
      if (hex) return String.fromCodePoint(parseInt(hex, 16));
      return NAMED[name!.toLowerCase()] ?? whole;
    })
    .replace(/\u200b/g, '');
}

/**
 * The monospace text when converted inline AsciiDoc is one `<code>` span and nothing else
 * (`` `# systemctl restart foo` `` alone in a paragraph), else undefined.
 */
export function onlyMonospace(html: string): string | undefined {
  const m = /^\s*<code>([^<]*)<\/code>\s*$/.exec(html);
  return m ? inlineHtmlToText(m[1]!) : undefined;
}
