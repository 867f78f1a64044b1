/**
 * Shapes shared by the passes of `tejun build` (src/build/): the project as loaded from
 * tejun.yaml, diagnostics that name their file, and the counts a build reports.
 */
import type { Target } from '../generate/index.js';
import type { Message } from '../ir/types.js';

/** One `guides:` entry of tejun.yaml: a path or glob, and the dialect forced on what it matches. */
export interface GuideSpec {
  /** Path or fast-glob pattern, relative to the project folder, `/`-separated. */
  pattern: string;
  /** Dialect name (a grammar in grammars/), or undefined to detect it from the content. */
  dialect?: string;
  /** 1-based line of the entry in tejun.yaml (for diagnostics). */
  line: number;
}

/** One `sites:` entry: outputs go to `<output>/<name>/<target>/`, values from `vars`. */
export interface Site {
  /** Site name, a folder name (`^[A-Za-z0-9][A-Za-z0-9._-]*$`). */
  name: string;
  /** Vars file path relative to the project folder. */
  vars: string;
  /** 1-based line of the entry in tejun.yaml. */
  line: number;
}

/** A tejun.yaml, validated, with defaults applied; every path relative to the project folder. */
export interface Project {
  guides: GuideSpec[];
  /** Targets in the order given (default: bash, ansible, checklist). */
  targets: Target[];
  /** Sites in the order of the file. */
  sites: Site[];
  /** Output folder (default `out`). */
  output: string;
  /** Cache folder (default `.tejun-cache`). */
  cache: string;
  allowUnbound: boolean;
  showSecrets: boolean;
}

/** A diagnostic with the file it is about (relative to the project folder, or as given). */
export interface BuildMessage extends Message {
  file: string;
}

/** A guide matched by the project's `guides:`, in build order (sorted by path). */
export interface ResolvedGuide {
  /** Path relative to the project folder, `/`-separated (also the graph's `source.path`). */
  path: string;
  dialect?: string;
}

/** What a build did (or, with `check`, would do). Counts of guides and of output files. */
export interface BuildStats {
  /** Guides parsed (their graph was not in the cache). */
  parsed: number;
  /** Guides whose graph came from the cache. */
  cached: number;
  /** Guides whose bytes were read (stat fingerprint changed or unknown). */
  read: number;
  /** Output files written (with `check`: that would be written, i.e. stale or missing). */
  written: number;
  /** Output files already up to date on disk. */
  unchanged: number;
  /** Output files of an earlier build no longer produced, removed (with `check`: to remove). */
  removed: number;
}
