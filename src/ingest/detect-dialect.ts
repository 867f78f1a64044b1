/**
 * Detecting a guide's format and dialect from its content (never its file name).
 */
import type { GuideFormat } from '../ir/types.js';
import { listDialects, loadGrammar, type Grammar } from '../grammar/load-grammar.js';
import { detectFormat, hasFencedCode } from './detect-format.js';

export { detectFormat } from './detect-format.js';

/** The grammar that reads a guide no dialect claims: base.yaml's shared rules only. */
export const GENERIC_DIALECT = 'generic';

/**
 * Detect patterns of at least this weight are a dialect's signatures (its own habits: `Copy to
 * Clipboard` noise, `[対象: host]` tags, `¥` continuations), as opposed to lighter patterns any
 * guide of the format shows (ATX headings, fences). A dialect none of whose signatures match is
 * never chosen.
 */
export const SIGNATURE_WEIGHT = 2;

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
 * that no dialect is written for (reStructuredText, AsciiDoc, DocBook), and a guide in which no
 * dialect finds one of its signatures ({@link SIGNATURE_WEIGHT}), is read with the
 * {@link GENERIC_DIALECT} grammar (score 0): detection never fails closed onto a wrong dialect.
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
  // Patterns are matched line by line: a pattern such as `^\s+…` run over the whole text with the
  // `m` flag starts at every line of a run of blank lines or CRs and scans the rest of the run
  // each time (quadratic); within one line it starts once.
  const lines = sample.split(/\r\n|\r|\n/);
  // Text and Markdown dialects compete for a guide whose Markdown is only guessed from `#` lines
  // (a text export's `# command` lines look like headings); fenced code makes Markdown certain.
  const formats: readonly string[] = format === 'html' ? ['html'] : format === 'markdown' && hasFencedCode(sample) ? ['markdown'] : ['text', 'markdown'];
  let best: Detection | undefined;
  for (const name of listDialects()) {
    const grammar = loadGrammar(name);
    if (!formats.includes(grammar.format)) continue;
    let score = 0;
    let signature = false;
    for (const d of grammar.detect) {
      const re = d.re;
      let n = 0;
      for (let i = 0; i < lines.length && n < 20; i++) {
        re.lastIndex = 0;
        while (n < 20 && re.exec(lines[i]!)) {
          n++;
          if (!re.global) break;
        }
      }
      // The grammar's expressions are shared: leave none mid-line (a count stopped at 20 would).
      re.lastIndex = 0;
      score += Math.min(n, 20) * d.weight;
      if (n > 0 && d.weight >= SIGNATURE_WEIGHT) signature = true;
    }
    if (!signature) continue;
    if (grammar.format === format) score += 0.5;
    if (!best || score > best.score) best = { format: grammar.format as GuideFormat, grammar, score };
  }
  return best ?? { format, grammar: loadGrammar(GENERIC_DIALECT), score: 0 };
}
