/**
 * What one line of a code block is when no prompt says so: a command (its first word is a known
 * command, or it has a command's shape), a shell assignment, a note to the reader, a comment, a
 * frame around a file's content, configuration, or something else (output, a label). The
 * vocabulary (command words, note and verdict marks, section notes) is the grammar's `bare` block
 * (grammars/base.yaml); this file holds only the decisions.
 */
import type { BareRules, PromptRule } from '../grammar/load-grammar.js';
import { hasJapanese } from '../parse/normalize.js';

/** The kind of a bare line (see {@link classifyBareLine}). */
export type BareLineClass = 'blank' | 'frame' | 'note' | 'comment' | 'command' | 'assignment' | 'config' | 'output' | 'other';

/** Words that run the command after them (`sudo yum …`): the command is the next word. */
const RUNNERS = new Set(['sudo', 'nohup', 'time', 'exec']);
/** `NAME=value` with a shell expansion in the value (`BAK=/root/\`date\`/bak`, `X=$(…)`): a command. */
const SHELL_ASSIGNMENT = /^[A-Za-z_]\w*=\S*(?:[`$])/u;
/** `key = value`, `key=value`, `[section]`, `...`: configuration, not a command. */
const CONFIG = /^(?:\[[^\]]+\]|[\w.:-]+\s*=.*|\.{3}|…)$/u;
/** A first word that could name a program (lower case, no punctuation but `.+-_`; `./configure`). */
const PROGRAM = /^(?:\.\/)?[a-z][\w.+-]*$/u;
/** An option after the first word (` -i`, ` --list`). */
const OPTION = /\s--?[A-Za-z]/u;
/** A pipe into a command (`| grep -i x`, `|grep`): group 1 is the word piped into. */
const PIPE = /\|\s*([a-z][\w.+-]*)/u;
/** The first character of a command (a word, a path, a variable, a quote, a subshell). */
const COMMAND_START = /^[\w./~$"'({[!-]/u;

/**
 * The word that names the program a command line runs: the first word, after a leading `(` and
 * after `sudo`-like runners and their options (the runner itself when only options follow it).
 * Empty for a blank line.
 */
export function firstWord(text: string): string {
  const words = text.trim().replace(/^\(\s*/u, '').split(/\s+/u);
  let i = 0;
  while (i < words.length - 1 && RUNNERS.has(words[i]!)) {
    const runner = i;
    i++;
    while (i < words.length - 1 && words[i]!.startsWith('-')) i++;
    // Only options after the runner (`sudo -i`): the runner is the program.
    if (words[i]!.startsWith('-')) return words[runner]!;
  }
  return words[i] ?? '';
}

/** True when `word` is a known command: listed in the grammar, or of a listed shape (`*-manage`). */
export function isCommandWord(word: string, rules: BareRules): boolean {
  return rules.commands.has(word) || rules.commandPatterns.some((re) => re.test(word));
}

/**
 * True when `text`'s program is a known command (its vocabulary only, not its shape): the sign a
 * guide writes its commands bare.
 */
export function startsWithCommand(text: string, rules: BareRules): boolean {
  return isCommandWord(firstWord(text), rules);
}

/**
 * Classifies one line of a code block that has no prompt.
 * @param text the line, trimmed.
 * @param rules the grammar's `bare` block.
 * @param output the grammar's output patterns (tables, `Query OK`, …).
 * @returns `blank`; `frame` (`---`); `note` (a note mark such as `→`/`※`, or Japanese in the first
 *   word); `comment` (`# …`); `config` (`[section]`, `key = value`, `...`); `assignment` (`X=$(…)`);
 *   `command` (a known first word, or a program-shaped first word with an option or a pipe into a
 *   known command: `chkconifig --list |grep -i x` keeps the guide's typo); `output`; else `other`.
 */
export function classifyBareLine(text: string, rules: BareRules, output: readonly RegExp[]): BareLineClass {
  const t = text.trim();
  if (!t) return 'blank';
  if (rules.frame?.test(t)) return 'frame';
  if (rules.notes.some((re) => re.test(t))) return 'note';
  const word = firstWord(t);
  if (hasJapanese(word)) return 'note';
  if (t.startsWith('#')) return 'comment';
  if (SHELL_ASSIGNMENT.test(t)) return 'assignment';
  if (CONFIG.test(t)) return 'config';
  if (output.some((re) => re.test(t))) return 'output';
  if (isCommandWord(word, rules)) return 'command';
  if (PROGRAM.test(word) && word !== t) {
    const pipe = PIPE.exec(t);
    if (OPTION.test(t) || (pipe && isCommandWord(pipe[1]!, rules))) return 'command';
  }
  return 'other';
}

/**
 * True when `text` could be a command of a program the vocabulary does not know: a program-shaped
 * first word (`linstor`, `./configure`), and no `key = value`. Only a block of nothing but
 * commands makes such a line one (read-bare-block.ts).
 */
export function looksLikeCommand(text: string): boolean {
  const t = text.trim();
  return PROGRAM.test(firstWord(t)) && !/\s=\s/u.test(t);
}

/** True when `text` is a statement typed at a database client (`CREATE DATABASE x;`, `exit`). */
export function isSqlStatement(text: string, rules: BareRules): boolean {
  return rules.sql?.test(text.trim()) ?? false;
}

/** The note's words without its leading marks (`~~~★…` → `…`, `→…` → `…`). */
export function noteText(text: string): string {
  return text.trim().replace(/^(?:[→⇒※★☆~]+\s*)+/u, '').trim();
}

/** True when a note judges the result of the command above it (`~~~★…できること。`, `…できればOK`). */
export function isVerdict(text: string, rules: BareRules): boolean {
  return rules.verdicts.some((re) => re.test(text.trim()));
}

/**
 * The INI section a note names for the content below it (`[filter:authtoken]へ追記` →
 * `filter:authtoken`, `default欄へ追記する` → `DEFAULT`: an INI file's default section is written
 * in capitals), or null.
 */
export function noteSectionHint(text: string, rules: BareRules): string | null {
  for (const re of rules.sectionNotes) {
    const m = re.exec(text);
    if (m?.[1]) return m[1].toLowerCase() === 'default' ? 'DEFAULT' : m[1];
  }
  return null;
}

/** Prompts a shell comment also matches (`# `), by rule: tested once each. */
const commentLikeCache = new WeakMap<PromptRule, boolean>();

/** True when a shell comment line (`# text`) also matches the prompt: `#` is both root's prompt and a comment. */
export function isCommentLikePrompt(prompt: PromptRule): boolean {
  let known = commentLikeCache.get(prompt);
  if (known === undefined) {
    known = !prompt.sql && prompt.re.test('# comment');
    commentLikeCache.set(prompt, known);
  }
  return known;
}

/**
 * True when the text after a `#` that could be a prompt is a comment, not a command: it does not
 * start like a command (`# < "…" は以下を実施するスクリプト`, `# >`, `# ・rootユーザーの…`) or
 * its first word holds Japanese (`# 設定を確認`).
 */
export function isCommentBody(body: string): boolean {
  const t = body.trim();
  return !COMMAND_START.test(t) || hasJapanese(firstWord(t));
}
