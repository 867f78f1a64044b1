/**
 * Settings files known by the shape of their keys, shown with no file name around them.
 *
 * A Packstack guide lists answer-file settings (`CONFIG_NOVA_INSTALL=y`, with `#Message Service`
 * and `# 'qpid' or 'rabbitmq'` comments between them) in bare blocks: no `vi FILE` line, no
 * sentence naming the file. The keys alone say which file they belong to; GOLD_FORMAT.md
 * ("Settings without a section") reads them as `ini` actions with the section the file implies
 * (`general` for a Packstack answer file). The `#` lines of such a block are the file's comments,
 * not root prompts. The file is the one the guide's own commands name for it (`packstack
 * --answer-file=FILE`), wherever in the guide that command stands. Which files and keys: the
 * entries with a `key` of grammars/base.yaml `settingsFiles` (the list the settings files known by
 * name are in too: src/extract/settings-files.ts).
 */
import type { Grammar, SettingsFile } from '../grammar/load-grammar.js';
import type { Block, CodeBlock } from '../parse/blocks.js';
import { normalizeCodeLine } from '../parse/normalize.js';

/** One setting of a sectionless file, with the guide line of its key. */
export interface SectionlessSetting {
  file: string;
  section: string;
  key: string;
  value: string;
  line: number;
}

/** A settings file known by its keys: an entry with a `key` (and so, by the schema, a `defaultFile`). */
type Rule = SettingsFile & { key: RegExp; defaultFile: string };

const byKeys = (f: SettingsFile): f is Rule => f.key !== null && f.defaultFile !== null;

const SETTING = /^([A-Za-z_][\w.-]*)\s*=\s*(.*?)\s*$/u;
const COMMENT = /^[#;]/u;
const ELLIPSIS = /^(?:\.{3}|…)$/u;

/** The file name each rule resolves to, per guide (its block array). */
const names = new WeakMap<readonly Block[], Map<Rule, string>>();

/**
 * The settings `b` holds when every non-blank line of it is a setting whose key matches one
 * rule's `key` pattern, a comment (`#`, `;`) or an ellipsis (`...`), and at least one is a
 * setting; else null.
 * @param b a code block.
 * @param g the grammar (its `settingsFiles` known by their keys).
 * @param blocks the guide's whole block stream, searched for the file name (`namedBy` in the
 *   lines of its code blocks, first match in guide order; `defaultFile` when none).
 * @param named files the instruction just before the block named (they win over the search).
 */
export function sectionlessSettings(b: CodeBlock, g: Grammar, blocks: readonly Block[], named: readonly string[]): SectionlessSetting[] | null {
  const rules = g.settingsFiles.filter(byKeys);
  if (rules.length === 0) return null;
  const lines = b.lines.map((l) => ({ text: normalizeCodeLine(l.text).trim(), line: l.line })).filter((l) => l.text && !ELLIPSIS.test(l.text));
  const settings = lines.filter((l) => !COMMENT.test(l.text));
  if (settings.length === 0) return null;
  const keys = settings.map((l) => SETTING.exec(l.text));
  const rule = rules.find((r) => keys.every((k) => k !== null && r.key.test(k[1]!)));
  if (!rule) return null;
  const file = named[0] ?? fileNameOf(rule, blocks);
  return settings.map((l, i) => ({ file, section: rule.section, key: keys[i]![1]!, value: keys[i]![2]!, line: l.line }));
}

/** The first `namedBy` match (group 1) in the code lines of `blocks`, else the rule's default. */
function fileNameOf(rule: Rule, blocks: readonly Block[]): string {
  let byRule = names.get(blocks);
  if (!byRule) names.set(blocks, (byRule = new Map()));
  const known = byRule.get(rule);
  if (known !== undefined) return known;
  let found = rule.defaultFile;
  search: for (const b of blocks) {
    if (b.type !== 'code') continue;
    for (const l of b.lines) {
      for (const re of rule.namedBy) {
        const m = re.exec(l.text);
        if (m?.[1]) {
          found = m[1];
          break search;
        }
      }
    }
  }
  byRule.set(rule, found);
  return found;
}
