/**
 * The INI handler of the playbook: consecutive settings of one file in one step → one
 * community.general.ini_file task (a loop when several; the settings a later one overrides are
 * decided in superseded.ts).
 */
import type { IniAction, Procedure, Step } from '../../../ir/types.js';
import { finish, render, renderPath, taskName, type Context } from '../context.js';
import { fileMode } from '../file-modes.js';
import { rootedPath } from '../paths.js';
import type { Task } from '../types.js';

/** True when an INI setting's texts hold a `{`: its loop item could be templated again (see sameIniTask). */
function holdsBrace(a: IniAction): boolean {
  return a.section.includes('{') || a.key.includes('{') || a.value.includes('{');
}

/**
 * True when INI action `next` can share the ini_file task of `first` (consecutive in one step):
 * same file, both with a section, same condition and optional mark, and neither holds a `{`.
 * A loop item is templated when the loop is, and again when `{{ item.value }}` reads it, so a
 * literal `{{` of the guide, escaped once, would run the second time: such a setting gets a task
 * of its own, whose arguments are templated once.
 */
export function sameIniTask(first: IniAction, next: IniAction): boolean {
  return (
    !holdsBrace(first) &&
    !holdsBrace(next) &&
    next.file === first.file &&
    first.section !== '' &&
    next.section !== '' &&
    next.when === first.when &&
    Boolean(next.optional) === Boolean(first.optional)
  );
}

/**
 * One community.general.ini_file task for consecutive INI settings of one file in one step
 * (see sameIniTask): a single setting is written out (`section`, `option`, `value`); several
 * become one task with a `loop` of `{section, option, value}` items and a loop label of
 * `[section] option` (never the value), so the playbook reads as the guide's "edit nova.conf"
 * step and runs one task instead of one per key. `no_log` when any value holds a secret; `mode`
 * from file-modes.ts.
 */
export function iniTask(ctx: Context, procedure: Procedure, step: Step, run: IniAction[]): Task {
  const first = run[0]!;
  const path = renderPath(ctx, first, first.file);
  let secret = path.secret;
  const items = run.map((a) => {
    const [section, option, value] = [a.section, a.key, a.value].map((t) => render(ctx, a, t, 'raw'));
    secret ||= section!.secret || option!.secret || value!.secret;
    return { section: section!.text || null, option: option!.text, value: value!.text };
  });
  const name = taskName(ctx, step.text, first.id);
  const args: Record<string, unknown> = { path: rootedPath(path.text) };
  let task: Task;
  if (items.length === 1) {
    Object.assign(args, items[0], { create: true, mode: fileMode(ctx, first.file, secret) });
    task = { name, 'community.general.ini_file': args };
  } else {
    Object.assign(args, { section: '{{ item.section }}', option: '{{ item.option }}', value: '{{ item.value }}', create: true, mode: fileMode(ctx, first.file, secret) });
    task = {
      name,
      'community.general.ini_file': args,
      loop: items,
      loop_control: { label: '[{{ item.section }}] {{ item.option }}' },
    };
  }
  return finish(ctx, task, procedure, step, first, { secret, tag: 'config' });
}
