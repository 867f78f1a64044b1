/** The file handler of the bash runbook: lines the guide adds to a file → `tejun_file_add`. */
import type { FileAction } from '../../../ir/types.js';
import { fileLanguage } from '../../file-language.js';
import { q, valueWord, where, type BashContext } from '../context.js';

/**
 * `tejun_file_add guide:line FILE CONTENT`: the content a bash word whose site values are escaped
 * for the file's language (file-language.ts: a file the guide sources, a Python file, text).
 */
export function fileLines(ctx: BashContext, a: FileAction): string[] {
  const at = q(where(ctx, a));
  return [`tejun_file_add ${at} ${valueWord(ctx, a, a.file, 'path')} ${valueWord(ctx, a, a.content, fileLanguage(a, ctx.sourced))}`];
}
