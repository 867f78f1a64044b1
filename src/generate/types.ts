/**
 * The types every generator shares: its options (bound site values and how to treat unbound
 * ones) and what it returns (files to write, diagnostics). Kept apart from the façade (index.ts)
 * so that the generators import them without importing the façade that imports them.
 */
import type { Message } from '../ir/types.js';

/** Options shared by every generator. */
export interface GenerateOptions {
  /** Bound site values by placeholder NAME (as in graph.placeholders[].name). */
  vars: Record<string, string>;
  /** Leave unbound placeholders to be supplied at run time instead of an error. */
  allowUnbound?: boolean;
  /** A secret the guide writes literally takes the guide's own value when the site file gives none (site-binding.ts). */
  useGuideValues?: boolean;
  /** Checklist only: show secrets instead of ********. */
  showSecrets?: boolean;
  /**
   * Where the values come from, for binding errors that name the line of a value
   * (`site.yaml:12`): the vars file as named in messages and the line of each name in it
   * (vars/load.ts's LoadedVars.lines). Absent: messages name the variable only.
   */
  varsFile?: { path: string; lines: Record<string, number> };
}

/** One generated file. */
export interface OutputFile {
  /** Path relative to the target's output directory, `/`-separated. */
  path: string;
  content: string;
  /** 0o600 when it holds a bound secret, 0o755 for scripts, else 0o644. */
  mode: number;
}

/** What a generator returns: the files (possibly none when errors) and its diagnostics. */
export interface GenerateResult {
  files: OutputFile[];
  messages: Message[];
}
