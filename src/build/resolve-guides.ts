/**
 * Expanding the project's `guides:` (paths and globs) into the list of guide files to build.
 */
import fg from 'fast-glob';
import type { BuildMessage, GuideSpec, ResolvedGuide } from './types.js';

/** Result of {@link resolveGuides}. */
export interface ResolvedGuides {
  /** Matched guides, sorted by path, each once (the first entry matching it gives its dialect). */
  guides: ResolvedGuide[];
  /** `guide-not-found` errors for entries that match no file (at the entry's line). */
  messages: BuildMessage[];
}

/**
 * Expands `specs` with fast-glob in the project folder `root` (files only, no dot files).
 * Paths come back relative to `root`, `/`-separated, sorted so the build order never depends on
 * the file system. `projectFile` names tejun.yaml in messages. Never throws for a missing file.
 */
export async function resolveGuides(specs: GuideSpec[], root: string, projectFile: string): Promise<ResolvedGuides> {
  const byPath = new Map<string, ResolvedGuide>();
  const messages: BuildMessage[] = [];
  for (const spec of specs) {
    const found = (await fg(spec.pattern, { cwd: root, onlyFiles: true, dot: false, followSymbolicLinks: true })).sort();
    if (found.length === 0) {
      messages.push({
        file: projectFile,
        ruleId: 'guide-not-found',
        severity: 'error',
        reason: `Unexpected \`${spec.pattern}\` in ${projectFile}, expected a guide file or a glob matching at least one (relative to the project folder)`,
        line: spec.line,
        column: 1,
      });
    }
    for (const path of found) if (!byPath.has(path)) byPath.set(path, { path, dialect: spec.dialect });
  }
  const guides = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { guides, messages };
}
