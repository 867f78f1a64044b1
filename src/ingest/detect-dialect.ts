/**
 * Detecting a guide's format and dialect from its content (never its file name).
 */
import type { GuideFormat } from '../ir/types.js';
import { listDialects, loadGrammar, type Grammar } from '../grammar/load-grammar.js';
import { detectFormat } from './detect-format.js';

export { detectFormat } from './detect-format.js';

/** The grammar that reads a guide no dialect claims: base.yaml's shared rules only. */
export const GENERIC_DIALECT = 'generic';

/** What detection found. `score` is the weighted count of the dialect's detect patterns that matched. */
export interface Detection {
  format: GuideFormat;
  grammar: Grammar;
  score: number;
}

/**
 * Picks the dialect whose grammar matches the content best: among the HTML dialects for markup,
 * else among every text and Markdown dialect (a text guide's `# command` lines look like Markdown
 * headings, so the grammars' own signals decide, with the format guess breaking ties). A format
 * that no dialect is written for (reStructuredText, AsciiDoc, DocBook) is read with the
 * {@link GENERIC_DIALECT} grammar (score 0), never with a dialect of another format.
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
  if (format !== 'text' && format !== 'markdown' && format !== 'html') return { format, grammar: loadGrammar(GENERIC_DIALECT), score: 0 };
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
