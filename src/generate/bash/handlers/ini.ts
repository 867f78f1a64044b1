/** The INI handler of the bash runbook: one setting of a configuration file → `tejun_ini_set`. */
import type { IniAction } from '../../../ir/types.js';
import { q, valueWord, where, type BashContext } from '../context.js';

/** `tejun_ini_set guide:line FILE SECTION KEY VALUE`, each field a bash word with its site values. */
export function iniLines(ctx: BashContext, a: IniAction): string[] {
  const at = q(where(ctx, a));
  return [
    `tejun_ini_set ${at} ${valueWord(ctx, a, a.file, 'path')} ${valueWord(ctx, a, a.section)} ${valueWord(ctx, a, a.key)} ${valueWord(ctx, a, a.value)}`,
  ];
}
