/**
 * Detecting a guide's format and dialect from its content (never its file name).
 */
import type { GuideFormat } from '../ir/types.js';
import { listDialects, loadGrammar, type Grammar } from '../grammar/load-grammar.js';

/** What detection found. `score` is the weighted count of the dialect's detect patterns that matched. */
export interface Detection {
  format: GuideFormat;
  grammar: Grammar;
  score: number;
}

/**
 * Guesses the format: HTML when the text starts with markup (`<!DOCTYPE`, `<?xml`, `<html`),
 * Markdown when it has ATX headings or fenced code, else plain text.
 */
export function detectFormat(text: string): GuideFormat {
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  if (/^(?:<\?xml|<!doctype html|<html)/.test(head)) return 'html';
  const fences = (text.match(/^```/gm) ?? []).length;
  const headings = (text.match(/^#{1,6} \S/gm) ?? []).length;
  return fences >= 2 || headings >= 3 ? 'markdown' : 'text';
}

/**
 * Picks the dialect whose grammar matches the content best: among the HTML dialects for markup,
 * else among every text and Markdown dialect (a text guide's `# command` lines look like Markdown
 * headings, so the grammars' own signals decide, with the format guess breaking ties).
 * @param forced a dialect name (`--dialect`) that overrides detection.
 * @throws {GrammarError} when `forced` names no grammar.
 */
export function detectDialect(text: string, forced?: string): Detection {
  if (forced) {
    const grammar = loadGrammar(forced);
    const format = grammar.format === 'any' ? detectFormat(text) : grammar.format;
    return { format, grammar, score: Number.NaN };
  }
  const format = detectFormat(text);
  const sample = text.length > 400_000 ? text.slice(0, 400_000) : text;
  let best: Detection | undefined;
  for (const name of listDialects()) {
    const grammar = loadGrammar(name);
    if ((format === 'html') !== (grammar.format === 'html') || grammar.format === 'any') continue;
    let score = 0;
    for (const d of grammar.detect) {
      const re = d.re;
      re.lastIndex = 0;
      let n = 0;
      while (re.exec(sample) && n < 20) n++;
      score += Math.min(n, 20) * d.weight;
    }
    if (grammar.format === format) score += 0.5;
    if (!best || score > best.score) best = { format: grammar.format as GuideFormat, grammar, score };
  }
  if (!best) throw new Error(`no grammar in grammars/ reads ${format}`);
  return best;
}
