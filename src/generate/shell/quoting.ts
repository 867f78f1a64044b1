/**
 * Shell quoting contexts of command text: which quote (none, `"…"`, `'…'`, `$'…'`, backticks)
 * each character of a guide command is read in, and backtick substitutions rewritten `$( … )`.
 *
 * Shared by both generators: the bash runbook places site values by these contexts
 * (bash/subst.ts, bash/words.ts), redirects are rerooted outside quotes (shell/redirect.ts), and
 * the playbook quotes its Jinja expressions by them (escape/ansible.ts). The expansions written
 * for each context are escape/bash.ts's.
 */
import type { ShellQuoting } from '../escape/bash.js';

/** Shell quoting context at a point of a command (escape/bash.ts's ShellQuoting). */
export type ShellContext = ShellQuoting;

/** Scanner state: a stack of open contexts (bottom is `unquoted`), `$(` counted as unquoted. */
export interface ShellScan {
  stack: ShellContext[];
  /** True when the previous character was an unconsumed backslash escape. */
  escaped: boolean;
}

/** A fresh scanner state, at the start of a command. */
export function startScan(): ShellScan {
  return { stack: ['unquoted'], escaped: false };
}

/** The context at the current point of `scan`. */
export function top(scan: ShellScan): ShellContext {
  return scan.stack[scan.stack.length - 1];
}

/**
 * Advances the scanner over literal `text` (pure: returns a new state). Understands backslash
 * escapes, `'…'`, `"…"`, `$'…'`, backticks and `$(…)` nesting (a `(` inside `$(…)` opens a
 * nested unquoted level too, so `$( (a) )` balances); it is a quoting scanner, not a parser.
 */
export function advance(scan: ShellScan, text: string): ShellScan {
  const stack = [...scan.stack];
  const escaped = scanShell(text, stack, scan.escaped);
  return { stack, escaped };
}

/**
 * The quoting context at each position of `text`: `contexts[i]` is the context in which
 * character `i` is read (before it acts), i.e. the context {@link advance} reaches over
 * `text.slice(0, i)` (a backslash escape pending → `single`). One left-to-right pass, O(n).
 * Because the prefix ends before it, the second character of a two-character opener (`$(`,
 * `$'`) is read in the context before the opener, as the prefix scan has it. Pure.
 */
export function shellContexts(text: string): ShellContext[] {
  const out: ShellContext[] = new Array<ShellContext>(text.length);
  scanShell(text, ['unquoted'], false, out);
  return out;
}

/** The quoting context at one position and how many backtick substitutions enclose it. */
export interface ShellQuotingAt {
  quoting: ShellContext;
  /** Open `` ` `` levels on the scanner's stack at that point (0 outside backticks). */
  backticks: number;
  /**
   * True when the character there is escaped by the backslash before it (`\\X`); `quoting` is
   * then the context of that backslash (shellContexts reports an escaped character as `single`).
   */
  escaped: boolean;
}

/**
 * {@link shellContexts} with, at each position, the number of backtick substitutions that enclose
 * it (a `"…"` inside `` `…` `` is still inside the backticks: bash removes one level of
 * backslashes before `\\`, `` ` `` and `$` there before parsing the command). One pass, O(n). Pure.
 */
export function shellQuotings(text: string): ShellQuotingAt[] {
  const contexts: ShellContext[] = new Array<ShellContext>(text.length);
  const depths: number[] = new Array<number>(text.length);
  scanShell(text, ['unquoted'], false, contexts, depths);
  return contexts.map((quoting, i) => {
    const escaped = i > 0 && text[i - 1] === '\\' && contexts[i - 1] !== 'single';
    return { quoting: escaped ? contexts[i - 1]! : quoting, backticks: depths[i]!, escaped };
  });
}

/**
 * The one quoting scanner behind {@link advance} and {@link shellContexts}: reads `text` from the
 * state (`stack`, mutated in place; `escaped`), writing into `out[i]`, when given, the context
 * character `i` is read in, and into `depths[i]`, when given, the number of backtick levels on
 * the stack. @returns whether a backslash escape is pending at the end.
 */
function scanShell(text: string, stack: ShellContext[], escaped: boolean, out?: ShellContext[], depths?: number[]): boolean {
  let ticks = 0;
  for (const level of stack) if (level === 'backtick') ticks++;
  for (let i = 0; i < text.length; i++) {
    const ctx = stack[stack.length - 1]!;
    if (out) out[i] = escaped ? 'single' : ctx;
    if (depths) depths[i] = ticks;
    const c = text[i];
    if (escaped) {
      escaped = false;
      continue;
    }
    if (ctx === 'single') {
      if (c === "'") stack.pop();
      continue;
    }
    if (ctx === 'ansi') {
      if (c === '\\') escaped = true;
      else if (c === "'") stack.pop();
      continue;
    }
    if (c === '\\') {
      escaped = true;
      continue;
    }
    // A two-character opener: its second character is read in the context before it.
    const opener = c === '$' && i + 1 < text.length && (text[i + 1] === '(' || (ctx !== 'double' && text[i + 1] === "'"));
    if (opener) {
      if (out) out[i + 1] = ctx;
      if (depths) depths[i + 1] = depths[i]!;
      stack.push(text[i + 1] === "'" ? 'ansi' : 'unquoted');
      i++;
      continue;
    }
    if (ctx === 'double') {
      if (c === '"') stack.pop();
      else if (c === '`') {
        stack.push('backtick');
        ticks++;
      }
      continue;
    }
    // unquoted or backtick
    if (c === '`') {
      if (ctx === 'backtick') {
        stack.pop();
        ticks--;
      } else {
        stack.push('backtick');
        ticks++;
      }
    } else if (c === "'") stack.push('single');
    else if (c === '"') stack.push('double');
    else if (c === '(' && stack.length > 1) stack.push('unquoted');
    else if (c === ')' && stack.length > 1 && ctx === 'unquoted') stack.pop();
  }
  return escaped;
}

/**
 * `text` (a shell command) with every backtick command substitution written `$( … )`: its
 * contents unescaped one level as bash does before running them (`\$`, `` \` ``, `\\`, and `\"`
 * inside double quotes lose their backslash; nested backticks become nested `$( )`). The command
 * means the same, and in the `$( … )` form a quoting scanner ({@link shellQuotings}) sees the
 * inner command's own quotes, which inside backticks it cannot (`"\`printf %s \"X\"\`"`: X is
 * in double quotes for the inner command). Quotes and an unclosed backtick are left as they are.
 * Linear in the text for each level of nesting; never throws.
 */
export function dollarParens(text: string): string {
  let out = '';
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      out += c;
      if (c === "'") quote = '';
      continue;
    }
    if (c === '\\') {
      out += text.slice(i, i + 2);
      i++;
      continue;
    }
    if (c === "'" && quote === '') quote = "'";
    else if (c === '"') quote = quote === '"' ? '' : '"';
    if (c !== '`') {
      out += c;
      continue;
    }
    let inner = '';
    let j = i + 1;
    for (; j < text.length && text[j] !== '`'; j++) {
      const d = text[j]!;
      const next = text[j + 1];
      if (d === '\\' && next !== undefined && (next === '$' || next === '`' || next === '\\' || (quote === '"' && next === '"'))) {
        inner += next;
        j++;
      } else inner += d;
    }
    if (j >= text.length) {
      out += text.slice(i);
      break;
    }
    out += `$(${dollarParens(inner)})`;
    i = j;
  }
  return out;
}
