/**
 * Reads back a generated playbook in roles/ layout (src/generate/ansible/roles-layout.ts) as the
 * plays Ansible runs: site.yml's plays, each with the tasks of the role part it applies
 * (`roles: [R]` → roles/R/tasks/main.yml; `import_role` with `tasks_from: P` → roles/R/tasks/P.yml).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OutputFile } from '../../src/generate/index.js';

/** A play of site.yml with the tasks of its role part in `tasks`. */
export type InlinedPlay = { name: string; hosts: string; become: boolean; gather_facts: boolean; tasks: Record<string, any>[] };

/**
 * The plays of the playbook whose files `read` returns by path relative to the playbook's
 * directory (site.yml, roles/…), parsed by `parse`. Throws when a file is missing.
 */
export function inlinePlays(read: (path: string) => string, parse: (text: string) => unknown): InlinedPlay[] {
  const site = (parse(read('site.yml')) ?? []) as (InlinedPlay & { roles?: string[] })[];
  return site.map((play) => {
    const { roles, ...rest } = play;
    if (roles) return { ...rest, tasks: (parse(read(`roles/${roles[0]}/tasks/main.yml`)) ?? []) as Record<string, any>[] };
    const ref = play.tasks[0]!['ansible.builtin.import_role'] as { name: string; tasks_from: string };
    return { ...rest, tasks: (parse(read(`roles/${ref.name}/tasks/${ref.tasks_from}.yml`)) ?? []) as Record<string, any>[] };
  });
}

/** {@link inlinePlays} of generated files (paths `BASE/site.yml`, `BASE/roles/…`). */
export function inlineFiles(files: OutputFile[], parse: (text: string) => unknown): InlinedPlay[] {
  const site = files.find((f) => f.path.endsWith('/site.yml'));
  if (!site) throw new Error(`no site.yml in ${files.map((f) => f.path).join(', ')}`);
  const base = site.path.slice(0, -'site.yml'.length);
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  return inlinePlays((p) => {
    const text = byPath.get(base + p);
    if (text === undefined) throw new Error(`no ${base + p}`);
    return text;
  }, parse);
}

/** {@link inlinePlays} of a playbook directory on disk. */
export function inlineDir(dir: string, parse: (text: string) => unknown): InlinedPlay[] {
  return inlinePlays((p) => readFileSync(join(dir, p), 'utf8'), parse);
}

/** The text of every defaults/main.yml of the generated files (one per role; equal texts). */
export function defaultsFiles(files: OutputFile[]): OutputFile[] {
  return files.filter((f) => /\/roles\/[^/]+\/defaults\/main\.yml$/.test(f.path));
}

/** The handlers of every role (roles/R/handlers/main.yml) of the generated files, parsed by `parse`. */
export function handlerFiles(files: OutputFile[], parse: (text: string) => unknown): Record<string, any>[] {
  return files.filter((f) => /\/roles\/[^/]+\/handlers\/main\.yml$/.test(f.path)).flatMap((f) => (parse(f.content) ?? []) as Record<string, any>[]);
}
