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
  /**
   * True for a guide's own spelling of a site variable (000's `PASSWORD`, named by meaning
   * `NOVA_DBPASS`…): a known key (a site file written with the guide's names still binds), but
   * not asked for nor generated, since giving it one value would join what the guide splits.
   */
  spelling?: boolean;
}

/**
 * Every variable of `graphs`, by name, in first-seen order: each graph's site variables
 * (`graph.variables`, named by meaning, see extract/site-values.ts), then its placeholders (the
 * ALL-CAPS tokens of the guides and the secrets the guides' commands ask for at a terminal, see
 * generate/shell/interactive-secrets.ts); a placeholder that is a spelling of a site variable is
 * marked `spelling`. A variable is secret when any graph marks it so; its kind is the first one a
 * graph gives (`placeholder.kind`, when the step graph carries it). Never throws.
 */
export function siteVariables(graphs: readonly StepGraph[]): Map<string, SiteVariable> {
  const out = new Map<string, SiteVariable>();
  const add = (v: SiteVariable): void => {
    const known = out.get(v.name);
    if (!known) {
      out.set(v.name, v);
      return;
    }
    known.secret ||= v.secret;
    known.kind ??= v.kind;
    // Asked for by one guide: no longer only another guide's spelling.
    if (!v.spelling) delete known.spelling;
  };
  for (const guideGraph of graphs) {
    const graph = withPromptedSecrets(guideGraph).graph;
    const at = (line: number) => `${graph.source.path.split(/[\\/]/).pop()}:${line}`;
    const spellings = new Set<string>();
    for (const v of graph.variables ?? []) {
      for (const s of v.spellings) spellings.add(s);
      add({ name: v.name, secret: v.secret, kind: v.kind === 'placeholder' ? null : v.kind, firstUse: at(v.source.line) });
    }
    for (const p of graph.placeholders) {
      const kind = (p as { kind?: unknown }).kind;
      const spelling = spellings.has(p.token ?? p.name) || spellings.has(p.name);
      add({ name: p.name, secret: p.secret, kind: typeof kind === 'string' ? kind : null, firstUse: at(p.source.line), ...(spelling ? { spelling } : {}) });
    }
  }
  return out;
}
