/**
 * The site variables a set of step graphs asks for, merged by name: what a site file is checked
 * against (vars/check-site.ts) and what `--generate-secrets` fills. One place reads them from the
 * graphs, so a new source of variables in the step graph is picked up by every check.
 */
import { withPromptedSecrets } from '../generate/shell/interactive-secrets.js';
import type { StepGraph } from '../ir/types.js';

/** One site variable as the guides use it. */
export interface SiteVariable {
  name: string;
  /** True when any guide marks it secret. */
  secret: boolean;
  /** The kind the step graph gives it (`ip`, `host`…), when it gives one. */
  kind: string | null;
  /** `guide:line` of its first use, for messages. */
  firstUse: string;
}

/**
 * Every variable of `graphs` (their placeholders: the ALL-CAPS tokens of the guides and the
 * variables later passes add to `graph.placeholders`, and the secrets the guides' commands ask
 * for at a terminal, see generate/shell/interactive-secrets.ts), by name, in first-seen order. A variable
 * is secret when any graph marks it so; its kind is the first one a graph gives
 * (`placeholder.kind`, when the step graph carries it).
 */
export function siteVariables(graphs: readonly StepGraph[]): Map<string, SiteVariable> {
  const out = new Map<string, SiteVariable>();
  for (const guideGraph of graphs) {
    const graph = withPromptedSecrets(guideGraph).graph;
    for (const p of graph.placeholders) {
      const kind = (p as { kind?: unknown }).kind;
      const known = out.get(p.name);
      if (known) {
        known.secret ||= p.secret;
        known.kind ??= typeof kind === 'string' ? kind : null;
        continue;
      }
      out.set(p.name, {
        name: p.name,
        secret: p.secret,
        kind: typeof kind === 'string' ? kind : null,
        firstUse: `${graph.source.path.split(/[\\/]/).pop()}:${p.source.line}`,
      });
    }
  }
  return out;
}
