/**
 * Bash words for the INI and file fields of the runbook (`tejun_ini_set`, `tejun_file_add`): the
 * guide's text shell-quoted, each placeholder an expansion of its variable escaped for what reads
 * the field (escape/bash.ts).
 */
import type { Placeholder } from '../../ir/types.js';
import { splitByPlaceholders } from '../bind.js';
import { shellContexts } from '../shell/quoting.js';
import { placeExpansion, pythonStringExpansion, shellQuote, sourcedReference, urlUserinfoExpansion } from '../escape/bash.js';
import { pathUnderRoot } from '../escape/paths.js';
import { pythonQuoting } from '../escape/python.js';
import { inUrlUserinfo } from '../escape/url.js';
import type { FileLanguage } from '../file-language.js';

/**
 * A bash word for `text` (an INI or file field) with literal runs shell-quoted and each
 * placeholder (of `placeholders`, bash variable `variable(p)`) as an expansion escaped for what
 * reads the text: in a URL's userinfo percent-encoded; in a file a shell sources (`language`
 * `shell`) one quoted word (`${VAR@Q}`, closed quotes around it); in a Python file's string
 * literal Python-escaped; else the value as it is (`"${VAR}"`). A `path` made only of guide text
 * is normalised so that it stays under TEJUN_ROOT (escape/paths.ts; a path that climbs out was
 * refused at binding). Empty text → `''`. Pure; never throws.
 */
export function fieldWord(text: string, placeholders: Placeholder[], variable: (p: Placeholder) => string, language: FileLanguage | 'path' = 'text'): string {
  const segments = splitByPlaceholders(text, placeholders);
  if (segments.length === 0) return "''";
  if (language === 'path' && segments.length === 1 && 'text' in segments[0]!) return shellQuote(pathUnderRoot(text) ?? text);
  const probe = segments.map((s) => ('text' in s ? s.text : 'X')).join('');
  const shell = language === 'shell' ? shellContexts(probe) : null;
  const python = language === 'python' ? pythonQuoting(probe) : null;
  let at = 0;
  let out = '';
  for (const s of segments) {
    if ('text' in s) {
      out += shellQuote(s.text);
      at += s.text.length;
      continue;
    }
    const name = variable(s.placeholder);
    const quote = python?.[at];
    if (inUrlUserinfo(probe.slice(Math.max(0, at - 512), at), probe.slice(at + 1, at + 513))) out += placeExpansion(urlUserinfoExpansion(name), 'unquoted');
    else if (shell) out += sourcedReference(name, shell[at]!);
    else if (quote === "'" || quote === '"') out += placeExpansion(pythonStringExpansion(name, quote), 'unquoted');
    else out += placeExpansion(`\${${name}}`, 'unquoted');
    at += 1;
  }
  return out;
}
