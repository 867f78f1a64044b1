/**
 * Whether a guide shows its commands bare (no `# `/`$ ` prompt) or behind prompts: decided once
 * per guide from all its code blocks, because the same line reads differently in each. In a guide
 * that writes commands bare, a `# …` line is a shell comment (a commented-out command, a heading
 * inside a script), never root's prompt; in a guide with prompts, a bare line is output or content.
 */
import type { Grammar } from '../grammar/load-grammar.js';
import type { Block } from '../parse/blocks.js';
import { normalizeCodeLine } from '../parse/normalize.js';
import { isCommentLikePrompt, startsWithCommand } from './classify-line.js';

/**
 * True when the guide writes its commands bare: lines whose first word is a known command
 * outnumber twice over the prompted lines that run a known command (a `# …` comment line is not
 * counted as prompted).
 * @param blocks the guide's block stream.
 * @param g the dialect grammar (prompts and the `bare` vocabulary).
 */
export function writesCommandsBare(blocks: readonly Block[], g: Grammar): boolean {
  let bare = 0;
  let prompted = 0;
  for (const b of blocks) {
    if (b.type !== 'code') continue;
    for (const l of b.lines) {
      const t = normalizeCodeLine(l.text).trim();
      if (!t) continue;
      const prompt = g.prompts.find((p) => p.re.test(t));
      if (prompt) {
        const body = t.replace(prompt.re, '');
        if (prompt.sql || !isCommentLikePrompt(prompt) || startsWithCommand(body, g.bare)) prompted++;
      } else if (startsWithCommand(t, g.bare)) {
        bare++;
      }
    }
  }
  return bare > 2 * prompted;
}

const withoutComments = new WeakMap<Grammar, Grammar>();

/**
 * The grammar for a guide that writes its commands bare: the same, without the prompts a shell
 * comment also matches (`# `), so `# echo auth=1 >> …` reads as a commented-out command.
 */
export function bareGrammar(g: Grammar): Grammar {
  let out = withoutComments.get(g);
  if (!out) {
    out = { ...g, prompts: g.prompts.filter((p) => !isCommentLikePrompt(p)) };
    withoutComments.set(g, out);
  }
  return out;
}
