/**
 * A guide command that only assigns a shell variable (`BAK=/root/MAINTENANCE/`date +%Y%m%d`/bak`):
 * like `export A=B` it runs nothing and changes the shell for the commands after it (`cp -p
 * /etc/my.cnf $BAK`), so generators carry it to them (the bash runbook replays it for a skipped
 * step, the playbook prefixes it to later shell tasks) instead of running it as a step of its own
 * whose variable dies with it.
 */

/**
 * True when `run` is one assignment `NAME=VALUE` and nothing else: no command after it, no second
 * word, no list or pipe outside quotes, backquotes and `$(…)` (bash's word rules, POSIX name).
 * Pure, never throws.
 */
export function isAssignment(run: string): boolean {
  const text = run.trim();
  const name = /^[A-Za-z_][A-Za-z0-9_]*=/.exec(text);
  if (!name) return false;
  let quote: string | null = null;
  let depth = 0;
  for (let i = name[0].length; i < text.length; i += 1) {
    const c = text[i]!;
    if (c === '\\' && quote !== "'") {
      i += 1;
      continue;
    }
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '$' && text[i + 1] === '(') {
      depth += 1;
      i += 1;
    } else if (c === ')' && depth > 0) depth -= 1;
    else if (depth === 0 && /[\s;&|<>()]/.test(c)) return false;
  }
  return quote === null && depth === 0;
}
