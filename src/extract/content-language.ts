/**
 * What the language a code block names says about its lines when they are content for a file
 * (`.. code-block:: ini`, `.. code-block:: apache`, ```` ```yaml ````): INI settings, lines of a
 * file in another language (Apache, Python, YAML are `file` content, never `ini`: GOLD_FORMAT.md),
 * or nothing (no language, or one such as `console` that names no file format; then the lines'
 * own shape decides, see content-to-settings.ts). The language names are data: the grammar's
 * `contentLanguages` (grammars/base.yaml).
 */
import type { Grammar } from '../grammar/load-grammar.js';

/** How content in a named language is read: as INI settings, as file lines, or by its shape (null). */
export type ContentLanguage = 'ini' | 'file' | null;

/**
 * The reading a code block's language asks for.
 * @param lang the language as the markup writes it (any case), or undefined.
 */
export function contentLanguageOf(lang: string | undefined, g: Grammar): ContentLanguage {
  if (!lang) return null;
  const name = lang.trim().toLowerCase();
  if (g.contentLanguages.ini.includes(name)) return 'ini';
  if (g.contentLanguages.file.includes(name)) return 'file';
  return null;
}
