/**
 * Settings for a configuration file without sections (PostgreSQL's postgresql.conf: one
 * `name = value` per line). A guide shows the line bare under "postgresql.conf に以下を追加して
 * ください"; appended as file lines it would repeat a key the file already sets, so each line is
 * read as a key set in the file, in the section the grammar's `settingsFiles` entry gives
 * (GOLD_FORMAT.md "Settings without a section": `""` for a file that has none). The entries known
 * by their keys instead (`key`) are read where the block is: src/extract/sectionless-files.ts.
 */
import type { Grammar } from '../grammar/load-grammar.js';
import type { FileAction } from '../ir/types.js';
import { contentAsIni, type IniDraft } from './sectionless-ini.js';

/**
 * The INI actions a file action stands for when its file is a settings file without sections.
 * @param a a file action (its `content` lines start at guide line `a.source.line`).
 * @param files the grammar's settings files (those with a file-name pattern are looked at).
 * @returns one draft per key (guide line of the key, `via: 'edit'`, the action's `when` and
 *   `optional`); null when the file matches no entry, or a non-blank line is neither a
 *   `key = value` line nor a comment, or there is no key.
 */
export function settingsFileToIni(a: FileAction, files: Grammar['settingsFiles']): IniDraft[] | null {
  const entry = files.find((f) => f.file?.test(a.file));
  if (!entry) return null;
  return contentAsIni(a, entry.section);
}
