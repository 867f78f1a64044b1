/**
 * Content a guide tells the operator to put into a file (a fenced block under "Edit FILE …", the
 * lines after `vi FILE`, an iptables rule after "以下の行を追記") turned into settings: INI keys when
 * the content is INI-shaped, else lines to add to the file.
 */

/** An INI key read from content, with the guide line of the key. */
export interface IniSetting {
  kind: 'ini';
  section: string;
  key: string;
  value: string;
  line: number;
}

/** Lines to add to a file, with the guide line of the first. */
export interface FileContent {
  kind: 'file';
  content: string;
  line: number;
}

/** A content line with its guide line. */
export interface ContentLine {
  text: string;
  line: number;
}

const SECTION = /^\s*\[([^\]\s][^\]]*)\]\s*$/;
const KEY = /^\s*([A-Za-z_][\w.:-]*)\s*=\s*(.*?)\s*$/;
const ELLIPSIS = /^\s*(?:\.{3}|…)\s*$/;
const COMMENT = /^\s*[#;]/;
/**
 * An option with no value in an INI section (`innodb_file_per_table` under `[mysqld]` in my.cnf):
 * a lower-case name alone on its line, not after a line that breaks off inside a value (a PDF
 * conversion wraps `firewall_driver=neutron.agent.linux.iptables_firewall.` / `OVSHybrid…`).
 */
const BARE_KEY = /^\s*([a-z_][a-z0-9_.-]*)\s*$/;
const BROKEN_OFF = /[.,:/=-]\s*$/;

/**
 * Reads content lines as settings.
 * @param lines the content, in order (blank lines allowed).
 * @param sectionHint the INI section named by the instruction ("[DEFAULT] セクションに追加"), or null.
 * @param language what the block's language says (content-language.ts): `file` keeps the lines
 *   as they are whatever their shape; `ini` reads them as INI when every line is a section, a key
 *   or a comment (even with no section line or hint: keys then go to DEFAULT); null: the shape decides.
 * @returns INI keys when the content has a `[section]` line or a section hint (a `...` line, a
 *   comment and any other line are not keys), else one FileContent with the lines (common
 *   indentation removed, blank lines at the ends dropped); empty when nothing is left.
 */
export function contentToSettings(lines: ContentLine[], sectionHint: string | null, language: 'ini' | 'file' | null = null): Array<IniSetting | FileContent> {
  const meaningful = lines.filter((l) => l.text.trim() && !ELLIPSIS.test(l.text));
  if (meaningful.length === 0) return [];
  const iniShaped = (l: ContentLine): boolean => SECTION.test(l.text) || KEY.test(l.text) || COMMENT.test(l.text);
  const ini = language === 'file' ? false : meaningful.some((l) => SECTION.test(l.text)) || ((sectionHint !== null || language === 'ini') && meaningful.every(iniShaped));
  if (ini) {
    const out: IniSetting[] = [];
    let section = sectionHint ?? 'DEFAULT';
    let previous = '';
    for (const { text, line } of meaningful) {
      const before = previous;
      previous = text;
      const s = SECTION.exec(text);
      if (s) {
        section = s[1]!.trim();
        continue;
      }
      if (COMMENT.test(text)) continue;
      const k = KEY.exec(text) ?? (BROKEN_OFF.test(before) ? null : BARE_KEY.exec(text));
      if (k) out.push({ kind: 'ini', section, key: k[1]!, value: k[2] ?? '', line });
    }
    return out;
  }
  let first = 0;
  let last = lines.length - 1;
  while (first <= last && !lines[first]!.text.trim()) first++;
  while (last >= first && !lines[last]!.text.trim()) last--;
  const kept = lines.slice(first, last + 1).filter((l) => !ELLIPSIS.test(l.text));
  const indent = Math.min(...kept.filter((l) => l.text.trim()).map((l) => l.text.length - l.text.trimStart().length));
  const content = kept.map((l) => l.text.slice(Number.isFinite(indent) ? indent : 0).trimEnd()).join('\n');
  return [{ kind: 'file', content, line: kept[0]!.line }];
}

/** Finds the INI section an instruction names (`[DEFAULT] セクション`, `under the [database] section`). */
export function sectionHintOf(text: string): string | null {
  const m = /\[([A-Za-z_][\w:.-]*)\]\s*(?:セクション|section)/u.exec(text) ?? /(?:section|セクション)\s*\[([A-Za-z_][\w:.-]*)\]/u.exec(text);
  return m ? m[1]! : null;
}
