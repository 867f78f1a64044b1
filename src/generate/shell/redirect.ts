/**
 * Output redirections of guide commands moved under TEJUN_ROOT.
 *
 * A guide command may write a system file itself (`echo '@hourly …' >> /var/spool/cron/crontabs/root`
 * in guide 003). For the runbook's TEJUN_ROOT (a test and staging aid: every file a step writes
 * lands under that prefix) to hold for such commands too, each unquoted `>`/`>>`/`&>`/`>|` whose
 * target is an absolute path (or `~/…`) written literally has the target replaced by
 * `"$(tejun_out_path '/the/path')"`; tejun_out_path returns the path unchanged when TEJUN_ROOT is
 * empty, so a production run is not affected (under TEJUN_ROOT it creates the parent directory). `/dev/…` targets (`/dev/null`) are left alone, as are
 * fd duplications (`2>&1`) and targets in quotes or built from variables.
 */
import { shellContexts } from './quoting.js';
import { shellQuote } from '../escape/bash.js';
import { pathUnderRoot } from '../escape/paths.js';

/** An absolute or home-relative path word written without quotes (sticky: read at `lastIndex`, no copy of the rest of the text per `>`). */
const PATH_WORD = /(?:\/|~\/)[A-Za-z0-9_./+@%:,=-]*/y;

/**
 * `text` (a command after placeholder substitution) with every unquoted output redirection to
 * a literal absolute path routed through tejun_out_path (see the module comment), or, when
 * `target` is given, replaced by `target(path)` (the playbook's tejun_root form). Pure; never throws.
 */
export function rerootRedirects(text: string, target: (path: string) => string = (p) => `"$(tejun_out_path ${shellQuote(p)})"`): string {
  const ctx = shellContexts(text);
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '>' || ctx[i] !== 'unquoted') {
      out += c;
      i++;
      continue;
    }
    let j = i + 1;
    if (text[j] === '>' || text[j] === '|') j++;
    if (text[j] === '&') {
      out += text.slice(i, j);
      i = j;
      continue;
    }
    let k = j;
    while (text[k] === ' ' || text[k] === '\t') k++;
    PATH_WORD.lastIndex = k;
    const m = PATH_WORD.exec(text);
    if (!m || m[0].startsWith('/dev/') || m[0] === '/') {
      out += text.slice(i, j);
      i = j;
      continue;
    }
    // `..` resolved so that the target stays under the root (escape/paths.ts: an absolute or
    // `~/` path never climbs above its start).
    out += `${text.slice(i, k)}${target(pathUnderRoot(m[0]) ?? m[0])}`;
    i = k + m[0].length;
  }
  return out;
}

/**
 * `text` with each unquoted `(`…`)` pair that sits inside a word (`/v2/%(tenant_id)s`, as guide
 * 003 prints the upstream `%\(tenant_id\)s` without its backslashes) escaped as `\(`…`\)`: bash
 * reads such a `(` as a syntax error, the guide means the characters. A `(` at the start of a
 * word (subshell, `$(`, `<(`, `=(`, extglob `@(` …) is left alone. Pure; never throws.
 */
export function escapeWordParens(text: string): string {
  const ctx = shellContexts(text);
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const prev = i > 0 ? (text[i - 1] as string) : ' ';
    if (c === '(' && ctx[i] === 'unquoted' && !/[\s$<>=(|&;@!?*+]/.test(prev)) {
      out += '\\(';
      depth++;
    } else if (c === ')' && depth > 0 && ctx[i] === 'unquoted') {
      out += '\\)';
      depth--;
    } else out += c;
  }
  return out;
}
