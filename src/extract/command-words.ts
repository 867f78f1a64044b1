/**
 * The command words of one shell line: the program each simple command of a pipeline or list
 * runs. Shared by the typo check (extract/command-typos.ts) and the reading of a check's expected
 * result (generate/expectation.ts).
 */
import { parse as parseShell } from 'shell-quote';

/** The operators that end one simple command and start the next. */
const SEPARATORS = new Set(['|', '&&', '||', ';', '&', '|&']);

/**
 * The command word of each simple command of shell line `run`, in order, past `sudo`, `env` and
 * leading `NAME=value` words, as written (a path keeps its directories; variables are kept as
 * `$NAME`, not expanded): `sudo systemctl status x | grep -i error` → `['systemctl', 'grep']`.
 * A simple command that starts with an operator (a redirection, a subshell) gives ''. Never throws
 * (shell-quote reads any text).
 */
export function commandWords(run: string): string[] {
  const words: string[] = [];
  let pending = true;
  for (const t of parseShell(run, (name) => `$${name}`)) {
    const op = typeof t === 'object' && 'op' in t ? t.op : null;
    if (op !== null && SEPARATORS.has(op)) {
      if (pending) words.push('');
      pending = true;
      continue;
    }
    if (!pending) continue;
    if (typeof t !== 'string') {
      words.push('');
      pending = false;
    } else if (!(t === 'sudo' || t === 'env' || /^[A-Za-z_]\w*=/.test(t))) {
      words.push(t);
      pending = false;
    }
  }
  if (pending && words.length > 0) words.push('');
  return words;
}
