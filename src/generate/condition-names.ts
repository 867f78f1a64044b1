/**
 * Names of the guide's conditions (`〜の場合`) and optional marks, shared by the bash runbook
 * (its `--answers` keys) and the playbook (its boolean variables): readable, ASCII, valid as a
 * bash and a Jinja identifier, and stable — derived from the condition's words and the
 * procedure it is in, never from a guide line, so a paragraph added elsewhere in the guide
 * renames none of them.
 *
 * - A condition: `when_` + the ASCII words of its sentence (`Red Hat Enterprise Linux 6
 *   ベースのシステムの場合` → `when_red_hat_enterprise_linux_6`); a sentence without ASCII words
 *   (or with digits only) is named after its procedure: `when_` + the procedure's slug + 4 hex of
 *   the sentence.
 * - An optional mark: `optional_` + the ASCII words of its step's text, or the procedure's slug
 *   + 4 hex of the step id.
 * - Two different conditions (or marks) whose words give the same name each get `_` + 4 hex of
 *   their own key appended, so which one comes first in the guide does not matter.
 */
import { createHash } from 'node:crypto';
import type { StepGraph } from '../ir/types.js';
import { titleKey } from '../extract/ids.js';

/** A named condition or optional mark. */
export interface NamedCondition {
  /** `when:<words>` for a condition, `optional:<step or action id>` for an optional mark. */
  key: string;
  /** Lower-snake name, e.g. `when_red_hat_enterprise_linux_6`, `optional_cert_4f1a`. */
  name: string;
  /** The guide's words (the `when` text) or, for an optional mark, `オプション: <step text>`. */
  words: string;
  /** Guide line of its first use (for comments only: the name never depends on it). */
  line: number;
}

/** Most ASCII words a name takes from a sentence. */
const MAX_WORDS = 5;
/** Longest name part taken from words (before the prefix). */
const MAX_CHARS = 40;

/** 4 (or `n`) hex digits of sha1(text). */
function hex(text: string, n = 4): string {
  return createHash('sha1').update(text).digest('hex').slice(0, n);
}

/**
 * The ASCII words of `text` as a lower-snake slug (`Linux Bridge を使用する` → `linux_bridge`),
 * at most {@link MAX_WORDS} words and {@link MAX_CHARS} characters, '' when it has none.
 * Words are runs of ASCII letters and digits (`VT-x` → `vt_x`).
 */
export function asciiSlug(text: string): string {
  const words = text.normalize('NFKC').toLowerCase().match(/[a-z0-9]+/g) ?? [];
  let out = '';
  for (const w of words.slice(0, MAX_WORDS)) {
    const next = out ? `${out}_${w}` : w;
    if (next.length > MAX_CHARS) break;
    out = next;
  }
  return out;
}

/** The slug of a procedure title (numbering removed), or `p` + 6 hex of its title when it has no ASCII words. */
function procedureSlug(title: string): string {
  const key = titleKey(title);
  return asciiSlug(key) || `p${hex(key, 6)}`;
}

/**
 * Names every distinct condition of `graph` (procedure, step and action `when`, in guide order)
 * and every optional step or action, skipping forbidden steps (see the module comment). Names
 * never equal a placeholder variable (compared without case; such a name gets `_v`).
 * Returns a map from key (`when:<words>` / `optional:<id>`) to its {@link NamedCondition}.
 * Pure and deterministic; never throws.
 */
export function nameGuideConditions(graph: StepGraph): Map<string, NamedCondition> {
  const drafts: Array<NamedCondition & { base: string; salt: string }> = [];
  const seen = new Set<string>();
  const add = (key: string, prefix: string, words: string, line: number, slugText: string, title: string, salt: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    // A slug of digits only (`0`, `12`) says nothing: the procedure's name is more readable.
    const ascii = asciiSlug(slugText);
    const slug = /[a-z]/.test(ascii) ? ascii : '';
    const base = slug ? `${prefix}_${slug}` : `${prefix}_${procedureSlug(title)}_${hex(salt)}`;
    drafts.push({ key, name: base, words, line, base, salt });
  };
  for (const procedure of graph.procedures) {
    const t = procedure.title;
    if (procedure.when) add(`when:${procedure.when}`, 'when', procedure.when, procedure.source.line, procedure.when, t, procedure.when);
    for (const step of procedure.steps) {
      if (step.forbidden) continue;
      if (step.when) add(`when:${step.when}`, 'when', step.when, step.source.line, step.when, t, step.when);
      if (step.optional) add(`optional:${step.id}`, 'optional', `オプション: ${step.text}`, step.source.line, step.text, t, step.id);
      for (const action of step.actions) {
        if (action.when) add(`when:${action.when}`, 'when', action.when, action.source.line, action.when, t, action.when);
        if (action.optional) add(`optional:${action.id}`, 'optional', `オプション: ${step.text}`, action.source.line, step.text, t, action.id);
      }
    }
  }
  const count = new Map<string, number>();
  for (const d of drafts) count.set(d.base, (count.get(d.base) ?? 0) + 1);
  const taken = new Set(graph.placeholders.map((p) => p.variable.toLowerCase()));
  const out = new Map<string, NamedCondition>();
  for (const d of drafts) {
    let name = (count.get(d.base) ?? 0) > 1 && !d.base.endsWith(hex(d.salt)) ? `${d.base}_${hex(d.salt)}` : d.base;
    while (taken.has(name)) name = `${name}_v`;
    taken.add(name);
    out.set(d.key, { key: d.key, name, words: d.words, line: d.line });
  }
  return out;
}
