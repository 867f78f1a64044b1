/**
 * Instructions quoted inside a listing. A guide that copies a passage of another guide into a
 * literal block copies its prose with it: "…libvirt が KVM の代わりに QEMU を使用するように設定
 * する必要がある。" / "/etc/nova/nova.conf ファイルの [libvirt] セクションを以下のように編集します。"
 * / `[libvirt]` / `virt_type = qemu`, all inside one fence (002:609-621). The prose line that
 * names a file and says to edit it is the instruction for the lines after it, as a `vi FILE` line
 * would be: those lines are that file's content, never the content of a file an earlier
 * instruction outside the block named. (A block read bare has its Japanese lines as notes to the
 * editor lines it holds, read-bare-block.ts, and only literal lines are read here; a sentence right
 * under editor lines, "glance-api.conf, glance-registry.confへ、下記設定値を適用する" under two
 * `vi` lines, 011:226, speaks of the files they opened.)
 */
import { hasJapanese } from '../parse/normalize.js';
import type { LogicalLine } from './code-lines.js';
import { sectionHintOf } from './content-to-settings.js';

/** A setting line (`key = 値`): content even when its value holds Japanese. */
const SETTING = /^[\w.:-]+\s*=/u;

/**
 * The block's logical lines with every quoted edit instruction made an `edit` item.
 * @param items the block's logical lines (logicalLines' or readBareLines' output).
 * @param filesOf the files a sentence names, resolved as the reader resolves instructions'
 *   mentions (file-mentions.ts); called only for a line that is Japanese prose.
 * @param editVerb the words of an edit instruction (編集, 追記, …: reader/patterns.ts EDIT_VERB).
 * @returns `items` itself when no line is such an instruction; else a copy where each instruction
 *   line (a `literal` line that holds Japanese and is no `key = value` setting, that
 *   names at least one file and an edit verb, and is not right under an `edit` item) is `{ kind: 'edit', files, section, line }`, `section` the INI section the
 *   sentence names (`[libvirt] セクション`), else null.
 */
export function quotedInstructions(items: LogicalLine[], filesOf: (text: string) => string[], editVerb: RegExp): LogicalLine[] {
  let out: LogicalLine[] | null = null;
  items.forEach((it, i) => {
    if (it.kind !== 'literal') return;
    const text = it.text.trim();
    if (!hasJapanese(text) || SETTING.test(text) || !editVerb.test(text)) return;
    // Right under editor lines, the sentence speaks of the files they opened.
    if (items.slice(0, i).filter((x) => !(x.kind === 'literal' && !x.text.trim())).at(-1)?.kind === 'edit') return;
    const files = filesOf(text);
    if (files.length === 0) return;
    out ??= [...items];
    out[i] = { kind: 'edit', files, section: sectionHintOf(text), line: it.line };
  });
  return out ?? items;
}
