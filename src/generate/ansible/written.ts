/**
 * Tasks as the playbook writes them: guide text Ansible must not template written `!unsafe`,
 * templates (site values, playbook variables) kept as strings; tejun's own expressions unchanged.
 */
import { asUnsafe, keepString, UnsafeText } from '../escape/ansible.js';
import { COMMENT, type Task } from './types.js';

/**
 * The task as the playbook writes it: its `name` and every string of its module arguments (keys
 * with a dot: `ansible.builtin.…`) and of its `loop`, recursively, through
 * {@link writtenString}; other keys (`when`, `register`, `tags`, …: tejun's own expressions)
 * unchanged, and so are an assert's `that` and set_fact's values (Jinja expressions).
 */
export function writtenTask(task: Task): Task {
  const out: Task = {};
  for (const key of Object.keys(task)) {
    const value = task[key];
    if (key === 'name' && typeof value === 'string') out[key] = asUnsafe(value);
    else if (key === 'ansible.builtin.set_fact') out[key] = value; // tejun's own expressions
    else if (key === 'ansible.builtin.assert' && isRecord(value)) {
      const { that, ...rest } = value;
      out[key] = { ...(writtenStrings(rest) as Record<string, unknown>), that };
    } else out[key] = key.includes('.') || key === 'loop' ? writtenStrings(value) : value;
  }
  if (task[COMMENT] !== undefined) out[COMMENT] = task[COMMENT];
  return out;
}

/**
 * A module argument string as written: guide text only → `!unsafe` (escape/ansible.ts's
 * asUnsafe: never templated); a template (a site value or a playbook variable in it) →
 * {@link keepString} of it.
 */
function writtenString(template: string): string | UnsafeText {
  const unsafe = asUnsafe(template);
  return typeof unsafe === 'string' ? keepString(unsafe) : unsafe;
}

/**
 * `value` with {@link writtenString} applied to every string in it, arrays and plain records
 * copied (keys in the same order; the keys are tejun's own module argument names, never
 * `__proto__`).
 */
function writtenStrings(value: unknown): unknown {
  if (typeof value === 'string') return writtenString(value);
  if (Array.isArray(value)) return value.map(writtenStrings);
  if (!isRecord(value) || value instanceof UnsafeText) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = writtenStrings(value[key]);
  return out;
}

/** True for a plain object (a module's arguments). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

