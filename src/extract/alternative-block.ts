/**
 * Literal blocks offered as alternatives. Between two blocks a guide may write only "または"
 * (or another alternative marker): the block after it is done instead of the one before, so its
 * actions carry that as their condition ("または（CREATE EXTENSION x; の代わりに）").
 */
import type { Lexicon } from '../nlp/lexicon.js';

/**
 * The alternative marker a paragraph consists of (`または`, `もしくは`, … from the lexicon's
 * `alternatives`, white space and a final 、/, ignored), or null when it says anything else.
 */
export function alternativeMarker(text: string, lexicon: Lexicon): string | null {
  const bare = text.trim().replace(/[、,:：]$/u, '').trim();
  return lexicon.file.alternatives.includes(bare) && bare.length > 1 ? bare : null;
}

/**
 * The condition of the block after an alternative marker: the lexicon's `scopes.alternativeWhen`
 * with `{marker}` and `{run}` filled in; null when the lexicon has no `scopes`.
 * @param run the last command or statement before the marker (a statement's final `;` left out).
 */
export function alternativeWhen(marker: string, run: string, lexicon: Lexicon): string | null {
  const template = lexicon.file.scopes?.alternativeWhen;
  if (!template) return null;
  // The final `;` and the white space around it cut by trimming, not by `/\s*;\s*$/` (which
  // rescans a long run of white space from each of its characters: quadratic).
  const end = run.trimEnd();
  const statement = end.endsWith(';') ? end.slice(0, -1).trimEnd() : run;
  return template.replace('{marker}', marker).replace('{run}', statement);
}

/** A step's condition with its alternative condition after it (`A; または（…）`), either one alone when the other is null. */
export function withAlternative(when: string | null, alternative: string | null): string | null {
  if (!alternative) return when;
  return when ? `${when}; ${alternative}` : alternative;
}
