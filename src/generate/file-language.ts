/**
 * The language of a file a guide writes (a `file` action), which decides how a site value put
 * into its content is escaped: a shell script (a file the guide sources, `openrc.sh` with
 * `export OS_PASSWORD=ADMIN_PASS`) gets the value as one quoted shell word; a Python source
 * (`local_settings.py`) gets it escaped inside its string literal; any other file the value as
 * it is, one line (bind-values.ts refuses a line break there).
 */
import type { FileAction, StepGraph } from '../ir/types.js';

/** How a file's content is read by what uses it. */
export type FileLanguage = 'shell' | 'python' | 'text';

/** A shell assignment line: `NAME=…` or `export NAME=…`. */
const ASSIGNMENT = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*=/;

/** The last path component. */
function baseName(path: string): string {
  return path.split('/').pop() ?? path;
}

/**
 * The files the guide's commands source (`source F`, `. F`): their base names. A guide's
 * openrc file is written in one step and sourced by name (`source admin-openrc.sh`) later, often
 * from another directory, so base names are compared.
 */
export function sourcedFiles(graph: StepGraph): Set<string> {
  const names = new Set<string>();
  for (const procedure of graph.procedures) {
    for (const step of procedure.steps) {
      for (const action of step.actions) {
        if (action.kind !== 'command') continue;
        const m = /^\s*(?:source|\.)\s+(\S+)/.exec(action.run);
        if (m) names.add(baseName(m[1]!.replace(/^['"]|['"]$/g, '')));
      }
    }
  }
  return names;
}

/**
 * The language of `action`'s file: `shell` when its name ends in `.sh`/`.bash`, when a command
 * of the guide sources it (`sourced`, from {@link sourcedFiles}) or when every line that is not
 * blank or a `#` comment is a shell assignment (`export NAME=…`); `python` when its name ends in
 * `.py`; else `text`. Never throws.
 */
export function fileLanguage(action: FileAction, sourced: Set<string>): FileLanguage {
  const name = baseName(action.file);
  if (/\.(?:sh|bash)$/.test(name) || sourced.has(name)) return 'shell';
  if (/\.py$/.test(name)) return 'python';
  const lines = action.content.split('\n').filter((l) => l.trim() !== '' && !/^\s*#/.test(l));
  if (lines.length > 0 && lines.every((l) => ASSIGNMENT.test(l))) return 'shell';
  return 'text';
}
