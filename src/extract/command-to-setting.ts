/**
 * `openstack-config --set FILE SECTION KEY VALUE` and `crudini --set FILE SECTION KEY VALUE`
 * commands are INI settings, not shell commands: this pass reads them.
 */
import { parse as parseShell } from 'shell-quote';
import type { IniVia } from '../ir/types.js';

/** An INI setting read from a command line. */
export interface CommandSetting {
  file: string;
  section: string;
  key: string;
  value: string;
  via: IniVia;
}

const TOOL = /^(openstack-config|crudini)\s+--set\s/;

/**
 * Reads a command as an INI setting.
 * @param run the command in normal form (prompt removed, continuations joined).
 * @returns the setting, or null when the command is not a `--set` with file, section and key.
 *   The value is the rest of the line as written (quotes kept as the guide shows them, shell
 *   escapes such as `%\(tenant_id\)s` kept), or `''` when absent.
 */
export function commandToSetting(run: string): CommandSetting | null {
  const tool = TOOL.exec(run);
  if (!tool) return null;
  const tokens = parseShell(run.replace(/\$/g, '\\$'));
  if (tokens.some((t) => typeof t !== 'string')) return null;
  const words = tokens as string[];
  const [, , file, section, key] = words;
  if (!file || !section || !key) return null;
  // Value: the raw text after the key, so quoting reads as the guide wrote it.
  const head = new RegExp(`^\\S+\\s+--set\\s+\\S+\\s+\\S+\\s+\\S+\\s*`);
  const value = run.replace(head, '').trim();
  return { file, section, key, value: unquote(value), via: tool[1] as IniVia };
}

/** Removes one pair of matching outer quotes (`"keystone"` → `keystone`). */
function unquote(value: string): string {
  const m = /^(['"])(.*)\1$/.exec(value);
  return m ? m[2]! : value;
}
