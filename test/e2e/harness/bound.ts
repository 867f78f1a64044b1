/**
 * The text a runbook should leave for a guide text once the site's values are bound: each
 * placeholder replaced by its value, percent-encoded where it sits in a URL's userinfo
 * (`mysql://nova:NOVA_DBPASS@controller/nova`), as both generators write it
 * (src/generate/escape/url.ts). The e2e suites compare configuration files with it.
 */
import { placeholdersFor, splitByPlaceholders } from '../../../src/generate/bind.js';
import { inUrlUserinfo, urlUserinfo } from '../../../src/generate/escape/url.js';
import type { Action, StepGraph } from '../../../src/ir/types.js';

/**
 * `text` of `action` with its placeholders replaced by `values` (a name with no value stays as
 * written). Other placeholders around a userinfo one count as a neutral `X` when deciding whether
 * it is in a userinfo, as the generators decide it.
 */
export function boundText(graph: StepGraph, action: Action, text: string, values: Readonly<Record<string, string>>): string {
  const segments = splitByPlaceholders(text, placeholdersFor(graph, action));
  const plain = segments.map((s) => ('text' in s ? s.text : 'X'));
  return segments
    .map((s, i) => {
      if ('text' in s) return s.text;
      const value = values[s.placeholder.name] ?? s.placeholder.name;
      return inUrlUserinfo(plain.slice(0, i).join(''), plain.slice(i + 1).join('')) ? urlUserinfo(value) : value;
    })
    .join('');
}
