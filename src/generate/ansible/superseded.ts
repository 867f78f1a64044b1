/**
 * Superseded INI settings: a setting of the playbook that a later task may set to another value
 * on the same host. Guides set one key in several places (guide 003 writes nova.conf's
 * `linuxnet_interface_driver` for the controller, the compute node and the network node, with
 * three spellings), and the placement (shared-settings.ts) decides which host groups write it.
 * Were such a setting applied on every run, a second run would write its value over the later
 * one and the later task would write it back (or, when the later task runs on another group,
 * leave the host with the earlier value): the second run would report changes. A superseded
 * setting is applied once (a run-once stamp, see run-once.ts); the last value of each host
 * stays, and a second run changes nothing.
 *
 * Decided on the placed settings in playbook order, never on the guide alone: the same action
 * may be placed for two groups at two points, and a value that is the last one in the guide may
 * not be the last one a given host gets. Any two groups may hold the same host (an all-in-one
 * inventory puts one host in every group), so a later setting of any group counts.
 */
import type { Placement } from './shared-settings.js';

/** Key of one placed action: its host group and id (an action is placed at most once per group). */
export function placementKey(group: string, id: string): string {
  return `${group}\u0000${id}`;
}

/**
 * The placed INI settings ({@link placementKey}) of `placements` (playbook order, see
 * shared-settings.ts's placeSteps) after which some placed setting of the same file, section
 * and key has another value. Texts are compared as the guide gives them (placeholders
 * unbound). Never throws.
 */
export function supersededSettings(placements: Placement[]): Set<string> {
  const settings: { key: string; setting: string; value: string }[] = [];
  for (const { group, step } of placements) {
    for (const a of step.actions) {
      if (a.kind === 'ini') settings.push({ key: placementKey(group, a.id), setting: [a.file, a.section, a.key].join('\u0000'), value: a.value });
    }
  }
  // Walked backwards: the values set after each setting, per file, section and key.
  const later = new Map<string, Set<string>>();
  const out = new Set<string>();
  for (let i = settings.length - 1; i >= 0; i -= 1) {
    const { key, setting, value } = settings[i]!;
    const values = later.get(setting) ?? new Set<string>();
    if ([...values].some((v) => v !== value)) out.add(key);
    later.set(setting, values.add(value));
  }
  return out;
}
