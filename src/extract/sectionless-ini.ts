/**
 * Sectionless `key=value` snippets for INI files. A guide may show settings for a file it edits
 * elsewhere as INI (`/etc/nova/nova.conf` with `[database]`, `[keystone_authtoken]` …) without
 * naming a section ("/etc/nova/nova.conf ファイルを設定します。" and a block of `key=value` lines).
 * Appended as file lines they would land under the file's last section and repeat keys set
 * elsewhere; in an INI file, keys before any section header belong to `[DEFAULT]`, so they are
 * read as `[DEFAULT]` keys instead.
 */
import type { Action, FileAction, IniAction } from '../ir/types.js';
import { contentToSettings } from './content-to-settings.js';

/** An INI action without its id, as {@link sectionlessToIni} proposes it. */
export type IniDraft = Omit<IniAction, 'id'>;

/**
 * Files known to be INI files with a `[DEFAULT]` section: those the guide gives `[DEFAULT]` keys
 * for among `actions`, and any `*.ini` file. (A file with other sections only, such as
 * /etc/rsyncd.conf with its `[account]` modules, keeps global settings before its first section
 * and is not one.)
 */
export function iniFiles(actions: readonly Action[]): Set<string> {
  const out = new Set<string>();
  for (const a of actions) {
    if (a.kind === 'ini' && a.section === 'DEFAULT') out.add(a.file);
    if (a.kind === 'file' && /\.ini$/.test(a.file)) out.add(a.file);
  }
  return out;
}

/** Every file `actions` set INI keys in, whatever the section, and every `*.ini` file they add lines to. */
export function editedIniFiles(actions: readonly Action[]): Set<string> {
  const out = new Set<string>();
  for (const a of actions) if (a.kind === 'ini' || (a.kind === 'file' && /\.ini$/.test(a.file))) out.add(a.file);
  return out;
}

/** `lower_snake_key = value` with a plain value (not quoted, not opening a list): an INI setting's shape. */
const INI_LINE = /^\s*[a-z][a-z0-9_]*\s*=\s*(?:[^\s'"[{(].*)?$/;
const SPACED = /\s=\s/;
const SKIPPED = /^\s*(?:$|[#;]|\.{3}|…)/;

/**
 * True when a `.conf` file's sectionless content is written the INI way, for a service whose
 * configuration the guide edits as INI: the guide sets INI keys in another file of the same
 * service directory (`/etc/x/api-paste.ini` beside `/etc/x/x.conf`; not a shared directory
 * such as `/etc/`) and none in this one (a file edited
 * under other sections only keeps its global settings as they are), and every line is a
 * `lower_snake_key = value` setting with an unquoted value (or a comment, a `...`), at least one
 * with spaces around `=`. Other `key=value` files have other shapes: dotted sysctl keys
 * (`net.ipv4.ip_forward = 1`), upper-case shell variables (`DEVICE=eth1`), quoted values
 * (`user = "root"`), values opening a list (`cgroup_device_acl = [`), hyphenated options
 * (`dhcp-option-force=26,1450`).
 */
function iniShaped(file: string, lines: string[], edited: ReadonlySet<string>): boolean {
  if (!file.endsWith('.conf') || edited.has(file)) return false;
  const dir = file.slice(0, file.lastIndexOf('/') + 1);
  // A service's own directory (`/etc/x/`), not a shared one such as `/etc/`.
  if (dir.split('/').filter(Boolean).length < 2 || ![...edited].some((f) => f.startsWith(dir) && !f.slice(dir.length).includes('/'))) return false;
  const settings = lines.filter((l) => !SKIPPED.test(l));
  return settings.length > 0 && settings.every((l) => INI_LINE.test(l)) && settings.some((l) => SPACED.test(l));
}

/**
 * The `[DEFAULT]` INI actions a file action stands for, or null when it is not a sectionless
 * `key=value` snippet for a known INI file.
 * @param a a file action (its `content` lines start at guide line `a.source.line`).
 * @param ini the files known to be INI ({@link iniFiles}).
 * @param sectioned when given, the files the guide edits as INI at all ({@link editedIniFiles}):
 *   a `.conf` file beside one of them whose content is written the INI way ({@link iniShaped}) is
 *   read as INI too.
 * @returns one draft per key, with the guide line of the key, `via: 'edit'`, and the action's
 *   `when`/`optional`; null when the file is not in `ini` or any non-blank line is neither a
 *   `key=value` line nor a comment (or there is no key at all).
 */
export function sectionlessToIni(a: FileAction, ini: ReadonlySet<string>, sectioned?: ReadonlySet<string>): IniDraft[] | null {
  const lines = a.content.split('\n').map((text, i) => ({ text, line: a.source.line + i }));
  if (!ini.has(a.file) && !(sectioned && iniShaped(a.file, lines.map((l) => l.text), sectioned))) return null;
  return contentAsIni(a, 'DEFAULT');
}

/**
 * The INI actions of a file action whose content is `key = value` lines with no section header,
 * every key in `section`.
 * @param a a file action (its `content` lines start at guide line `a.source.line`).
 * @param section the section the file implies (`DEFAULT`, or `""` for a file with none).
 * @returns one draft per key, with the guide line of the key, `via: 'edit'`, and the action's
 *   `when`/`optional`; null when a line opens a `[section]`, a non-blank line is neither a
 *   `key = value` line nor a comment, or there is no key at all.
 */
export function contentAsIni(a: FileAction, section: string): IniDraft[] | null {
  const lines = a.content.split('\n').map((text, i) => ({ text, line: a.source.line + i }));
  if (lines.some((l) => /^\s*\[/.test(l.text))) return null;
  const settings = contentToSettings(lines, section);
  if (settings.length === 0 || settings.some((s) => s.kind !== 'ini')) return null;
  return settings.flatMap((s): IniDraft[] => {
    if (s.kind !== 'ini') return [];
    return [{
      kind: 'ini',
      file: a.file,
      section: s.section,
      key: s.key,
      value: s.value,
      via: 'edit',
      source: { line: s.line },
      ...(a.when ? { when: a.when } : {}),
      ...(a.optional ? { optional: true } : {}),
    }];
  });
}
