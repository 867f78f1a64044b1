/**
 * The file handler of the bash runbook: lines the guide adds to a file → `tejun_file_add`, with the
 * words of the line they go before when the guide says where (FileAction.insertBefore).
 */
import type { FileAction } from '../../../ir/types.js';
import { fileLanguage } from '../../file-language.js';
import { q, valueWord, where, type BashContext } from '../context.js';

/**
 * `tejun_file_add guide:line FILE CONTENT [WORDS]`: the content a bash word whose site values are
 * escaped for the file's language (file-language.ts: a file the guide sources, a Python file,
 * text); WORDS the anchor line's words, space-separated, when the guide says where the lines go.
 */
export function fileLines(ctx: BashContext, a: FileAction): string[] {
  const at = q(where(ctx, a));
  const before = a.insertBefore ? ` ${q(a.insertBefore.words.join(' '))}` : '';
  return [`tejun_file_add ${at} ${valueWord(ctx, a, a.file, 'path')} ${valueWord(ctx, a, a.content, fileLanguage(a, ctx.sourced))}${before}`];
}
