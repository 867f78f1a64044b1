/**
 * Checking a site file against the variables of the guides it is used with, before anything is
 * written: every key must name a variable of the guides, every key a guide needs must have a
 * value, and every value must be of its variable's kind. Messages are located in the site file
 * (line/column of the key or value) and never quote a value (values are secrets).
 *
 * | rule id              | what                                                                  |
 * |----------------------|-----------------------------------------------------------------------|
 * | `site-unknown-key`   | a key no guide uses (`PASWORD`), with the closest known name: an error when that name has no value in the file (the typo leaves it unbound), else a warning (one site file serves every guide of a site: a key may be another guide's) |
 * | `site-missing-value` | a key a guide uses, left empty (warning with `--allow-unbound`)       |
 * | `site-value-kind`    | a value that is not of its variable's kind (an IP that is not one)    |
 */
import { closest, distance } from 'fastest-levenshtein';
import type { Message } from '../ir/types.js';
import type { LoadedVars } from './load.js';
import type { SiteVariable } from './site-variables.js';
import { fitsKind, KIND_EXPECTED, variableKind } from './value-kinds.js';

/** Options of {@link checkSite}. */
export interface CheckSiteOptions {
  /** Empty values are allowed (`--allow-unbound`): `site-missing-value` becomes a warning. */
  allowUnbound?: boolean;
}

/**
 * The known name `key` was probably meant to be: the same name in another case, else the
 * closest name by edit distance when at most a third of the longer name differs (at least 1,
 * at most 3 edits), else null.
 */
export function didYouMean(key: string, known: readonly string[]): string | null {
  if (known.length === 0) return null;
  const sameCase = known.find((k) => k.toUpperCase() === key.toUpperCase());
  if (sameCase) return sameCase;
  const best = closest(key, known as string[]);
  const limit = Math.min(3, Math.max(1, Math.floor(Math.max(key.length, best.length) / 3)));
  return distance(key, best) <= limit ? best : null;
}

/**
 * Checks the keys and values of a loaded site file against `variables` (vars/site-variables.ts).
 * @param loaded the site file as {@link import('./load.js').loadVars} read it.
 * @param path the site file as named in messages.
 * @param variables the variables of the guides compiled with it.
 * @returns messages in file order: `site-unknown-key` (error for a probable typo, a warning for a
 *   key close to a variable that has its value, and one warning listing every key close to none),
 *   `site-value-kind` errors, `site-missing-value` errors (warnings with allowUnbound). Never throws.
 */
export function checkSite(loaded: LoadedVars, path: string, variables: ReadonlyMap<string, SiteVariable>, options: CheckSiteOptions = {}): Message[] {
  const names = [...variables.keys()];
  const messages: Message[] = [];
  // Keys close to no variable are another guide's (one site file serves every guide of a site):
  // one warning lists them all, at the first one, instead of one line per key.
  const others: string[] = [];
  let othersAt = -1;
  for (const [key, at] of Object.entries(loaded.keys)) {
    const variable = variables.get(key);
    if (!variable) {
      const guess = didYouMean(key, names);
      if (guess === null) {
        if (others.length === 0) {
          othersAt = messages.length;
          messages.push({ ruleId: 'site-unknown-key', severity: 'warning', reason: '', line: at.line, column: at.column });
        }
        others.push(key);
        continue;
      }
      const typo = !Object.prototype.hasOwnProperty.call(loaded.vars, guess);
      messages.push({
        ruleId: 'site-unknown-key',
        severity: typo ? 'error' : 'warning',
        reason: `Unexpected key \`${key}\` in ${path}, used by none of the guides compiled, expected a variable of the guides: did you mean \`${guess}\`${typo ? ' (which has no value)' : ''}?`,
        line: at.line,
        column: at.column,
      });
      continue;
    }
    if (at.empty) {
      messages.push({
        ruleId: 'site-missing-value',
        severity: options.allowUnbound ? 'warning' : 'error',
        reason: `Unexpected empty value for \`${key}\` in ${path}, expected a value: ${variable.firstUse} uses it${variable.secret ? ' (a secret: `tejun vars --generate-secrets` can fill it)' : ''}`,
        line: at.line,
        column: at.column,
      });
      continue;
    }
    const value = Object.prototype.hasOwnProperty.call(loaded.vars, key) ? loaded.vars[key] : undefined;
    if (value === undefined) continue;
    const kind = variableKind(key, variable.kind);
    if (kind && !fitsKind(value, kind)) {
      messages.push({
        ruleId: 'site-value-kind',
        severity: 'error',
        reason: `Unexpected value of \`${key}\` in ${path}, expected ${KIND_EXPECTED[kind]}`,
        line: at.value?.line ?? at.line,
        column: at.value?.column ?? at.column,
      });
    }
  }
  if (othersAt >= 0) {
    const shown = others.slice(0, 8).map((k) => `\`${k}\``).join(', ');
    const more = others.length > 8 ? ` and ${others.length - 8} more` : '';
    messages[othersAt]!.reason = `Unexpected ${others.length === 1 ? 'key' : `${others.length} keys`} ${shown}${more} in ${path}, used by none of the guides compiled (another guide's, if the file serves several), expected variables of the guides (${names.length} known; \`tejun vars GUIDE…\` lists them)`;
  }
  return messages;
}
