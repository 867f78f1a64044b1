/**
 * Settings files the guide configures once for several host groups. A guide often writes one
 * service's configuration file in several procedures that it tags with different hosts
 * ("Compute Service をホストする各システム" for the authentication keys, "Compute コントローラー
 * ノード" for the message broker) though every host running the service reads the whole file.
 * When no key of a file is set for two groups (the groups divide the file's keys between them),
 * the file is one configuration and every group that writes it gets every key the guide gives
 * it. When some key is set for two groups (each group configures the file for itself, e.g. the
 * tunnel address of each node), the file stays per group.
 */
import type { IniAction, Procedure, Step, StepGraph } from '../../ir/types.js';

/** One step placed in the playbook: the group whose play runs it, and the step (or the part of it given to that group). */
export interface Placement {
  group: string;
  procedure: Procedure;
  step: Step;
}

/** `file` → groups that write INI settings to it (group `all` left out: it runs everywhere). */
function sharedFiles(graph: StepGraph, groups: Map<Step, string>): Map<string, string[]> {
  const writers = new Map<string, Set<string>>();
  const keyGroups = new Map<string, Set<string>>();
  const overlapping = new Set<string>();
  for (const procedure of graph.procedures) {
    for (const step of procedure.steps) {
      const group = groups.get(step);
      if (step.forbidden || !group || group === 'all') continue;
      for (const a of step.actions) {
        if (a.kind !== 'ini') continue;
        const w = writers.get(a.file) ?? new Set<string>();
        writers.set(a.file, w.add(group));
        const key = [a.file, a.section, a.key].join('\u0000');
        const k = keyGroups.get(key) ?? new Set<string>();
        keyGroups.set(key, k.add(group));
        if (k.size > 1) overlapping.add(a.file);
      }
    }
  }
  const out = new Map<string, string[]>();
  for (const [file, w] of writers) if (w.size > 1 && !overlapping.has(file)) out.set(file, [...w]);
  return out;
}

/**
 * The steps of `graph` in playbook order with their groups (`groups`, see host-groups.ts;
 * forbidden steps left out). An INI setting of a shared file (see the module comment) is also
 * given to each other group that writes the file, as a step holding only those settings (same
 * id, text, role and line), placed after the run of steps of the setting's group that holds it
 * when that group has already written the file, else just before that group's first own write
 * to it (so a file is not made before the group installs the package that ships it). Never throws.
 */
export function placeSteps(graph: StepGraph, groups: Map<Step, string>): Placement[] {
  const shared = sharedFiles(graph, groups);
  const out: Placement[] = [];
  const opened = new Map<string, Set<string>>(); // group → shared files it has written
  const pending = new Map<string, Placement[]>(); // `group\0file` → settings waiting for the group's first write
  // Settings given to other groups during a run of steps of one group, placed when the run ends
  // (one play per group and run instead of a play per setting).
  let ready: Placement[] = [];
  let runGroup: string | null = null;
  for (const procedure of graph.procedures) {
    for (const step of procedure.steps) {
      const group = groups.get(step);
      if (step.forbidden || !group) continue;
      if (group !== runGroup) {
        out.push(...ready);
        ready = [];
        runGroup = group;
      }
      // Settings of other groups waiting for this group's first write to a file of this step.
      for (const a of step.actions) {
        if (a.kind !== 'ini' || !shared.has(a.file) || group === 'all') continue;
        const own = opened.get(group) ?? new Set<string>();
        if (!own.has(a.file)) {
          opened.set(group, own.add(a.file));
          const key = `${group}\u0000${a.file}`;
          out.push(...(pending.get(key) ?? []));
          pending.delete(key);
        }
      }
      out.push({ group, procedure, step });
      if (group === 'all') continue; // already on every host
      const given = new Map<string, IniAction[]>();
      for (const a of step.actions) {
        if (a.kind !== 'ini') continue;
        for (const other of shared.get(a.file) ?? []) {
          if (other !== group) given.set(other, [...(given.get(other) ?? []), a]);
        }
      }
      for (const [other, actions] of given) {
        for (const file of new Set(actions.map((a) => a.file))) {
          const part: Placement = { group: other, procedure, step: { ...step, actions: actions.filter((a) => a.file === file) } };
          if (opened.get(other)?.has(file)) ready.push(part);
          else {
            const key = `${other}\u0000${file}`;
            pending.set(key, [...(pending.get(key) ?? []), part]);
          }
        }
      }
    }
  }
  return [...out, ...ready];
}
