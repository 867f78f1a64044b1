/**
 * JavaScript string literals in a command's `--eval` program: a site value pasted into the
 * script a JavaScript shell runs (`mongo --host controller --eval 'db.addUser({pwd: "PASS"})'`).
 * The shell word holding the program is found with {@link evalQuotings} (the shell's quoting
 * undone, then the program's own quoting read); a value inside one of its string literals is
 * escaped with {@link jsString} (the bash runbook's `tejun_escape js-single|js-double|js-template`
 * and the playbook's Jinja filters write the same text), then quoted for the shell as any value.
 * Without it a `"` in a password ends the literal and the rest of the value is program text
 * (the legacy mongo shell's `run()` starts processes).
 */
import { type ShellQuotingAt, shellQuotings } from '../shell/quoting.js';

/** The delimiter of a JavaScript string literal: `'…'`, `"…"` or a template `` `…` ``. */
export type JsQuote = "'" | '"' | '`';

/**
 * Programs whose `--eval` (or `-e`) option takes a JavaScript program: the MongoDB shells and
 * Node.js. Matched on the command word's base name.
 */
const JS_SHELLS = new Set(['mongo', 'mongosh', 'node', 'nodejs']);

/** The options whose argument (next word, or after `=`) is the program. */
const EVAL_OPTION = /^(?:--eval|-e)$/;

/**
 * The contents of a JavaScript string literal delimited by `quote` that evaluates to exactly
 * `value`: `\` → `\\`, the quote → `\'` / `\"` / `` \` ``, LF → `\n`, CR → `\r`, U+2028 →
 * `\u2028`, U+2029 → `\u2029` (line terminators in older engines); inside a template literal `$`
 * → `\$` too, so no `${…}` substitution can start. The result holds no line break. Pure; never throws.
 */
export function jsString(value: string, quote: JsQuote): string {
  let out = value
    .replace(/\\/g, '\\\\')
    .replace(quote === "'" ? /'/g : quote === '"' ? /"/g : /`/g, `\\${quote}`)
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  if (quote === '`') out = out.replace(/\$/g, '\\$');
  return out;
}

/**
 * The JavaScript quoting each character of `program` is read in: inside `'…'`, `"…"` or
 * `` `…` `` (backslash escapes understood; a line break ends an unclosed `'`/`"` literal), or
 * null (code, comments). A quoting scanner, not a parser (a `${…}` inside a template counts as
 * template text); linear. Pure; never throws.
 */
export function jsQuoting(program: string): (JsQuote | null)[] {
  const out = new Array<JsQuote | null>(program.length);
  let state: JsQuote | null = null;
  let escaped = false;
  for (let i = 0; i < program.length; i++) {
    const c = program[i]!;
    out[i] = state;
    if (state === null) {
      if (c === "'" || c === '"' || c === '`') state = c;
    } else if (escaped) escaped = false;
    else if (c === '\\') escaped = true;
    else if (c === state || (c === '\n' && state !== '`')) state = null;
  }
  return out;
}

/** One shell word: its text after quote removal and, for each of its characters, the index in the command. */
interface Word {
  text: string;
  at: number[];
}

/** The words of each simple command of `command` (split at unquoted blanks and `;`, `&`, `|`, `(`, `)`). */
function simpleCommands(command: string, quoting: ShellQuotingAt[]): Word[][] {
  const commands: Word[][] = [[]];
  let word: Word | null = null;
  const end = (): void => {
    if (word) commands[commands.length - 1]!.push(word);
    word = null;
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    const q = quoting[i]!;
    const next = quoting[i + 1];
    const plain = q.quoting === 'unquoted' && !q.escaped;
    if (plain && /\s/.test(c)) {
      end();
      continue;
    }
    if (plain && /[;&|()]/.test(c)) {
      end();
      commands.push([]);
      continue;
    }
    // Quote delimiters and escaping backslashes are not part of the word's text.
    const opens = plain && (c === "'" || c === '"' || (c === '$' && command[i + 1] === "'"));
    const closes = ((q.quoting === 'single' || q.quoting === 'ansi') && c === "'" && !q.escaped) || (q.quoting === 'double' && c === '"' && !q.escaped);
    const escapes = c === '\\' && next?.escaped === true && q.quoting !== 'single';
    word ??= { text: '', at: [] };
    if (opens || closes || escapes) continue;
    word.text += c;
    word.at.push(i);
  }
  end();
  return commands;
}

/**
 * For each character of `command` (a shell command line), the JavaScript quoting it is read in
 * when it belongs to the program given to a JavaScript shell's `--eval`/`-e` option (see
 * JS_SHELLS), else null; null throughout for any other command (the common case, found
 * without scanning). Placeholders should be a neutral character (`X`) in `command`. Linear. Pure;
 * never throws.
 */
export function evalQuotings(command: string): (JsQuote | null)[] {
  const out = new Array<JsQuote | null>(command.length).fill(null);
  if (!/(?:^|[\s;&|(/])(?:mongo|mongosh|node|nodejs)\s/.test(command)) return out;
  for (const words of simpleCommands(command, shellQuotings(command))) {
    const program = words[0]?.text.split('/').pop() ?? '';
    if (!JS_SHELLS.has(program)) continue;
    for (let w = 1; w < words.length; w++) {
      const word = words[w]!;
      const glued = /^(--eval)=/.exec(word.text);
      let script: Word | undefined;
      if (glued) script = { text: word.text.slice(glued[0].length), at: word.at.slice(glued[0].length) };
      else if (EVAL_OPTION.test(word.text)) script = words[w + 1];
      if (!script) continue;
      jsQuoting(script.text).forEach((q, k) => (out[script.at[k]!] = q));
      break;
    }
  }
  return out;
}
