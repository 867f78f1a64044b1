/**
 * The file a code block's lines are for, when the markup names it next to the block (a Sphinx
 * `.. path /etc/x.conf` comment, carried as the code block's `file`). The prose the operator
 * reads comes first: an instruction that has just named a file ("``/etc/httpd/conf/httpd.conf``
 * ファイルを編集し…") keeps it, even when the comment disagrees; the markup's file serves when
 * the prose just before the block names none (a sub-item that only names the INI section).
 */
import type { CodeBlock } from '../parse/blocks.js';

/**
 * The files a block's content goes to, when the markup decides them.
 * @param b the code block.
 * @param files the files the instructions so far named.
 * @param fresh true when the text just before the block named (or spoke of editing) those files.
 * @returns `[b.file]` when the markup names a file and no fresh instruction named one; else null
 *   (the instructions' files stand).
 */
export function markupFiles(b: CodeBlock, files: readonly string[], fresh: boolean): string[] | null {
  if (!b.file || (fresh && files.length > 0)) return null;
  return [b.file];
}
