/** group_vars/all.yml: the playbook's variables (site values, tejun's aids, conditions) with their notes. */
import { Document, Scalar, isMap, type ScalarTag } from 'yaml';
import type { Message, StepGraph } from '../../ir/types.js';
import { safeStringTag } from '../escape/yaml.js';
import { oneLine } from '../templates.js';
import type { GenerateOptions } from '../types.js';
import type { ConditionVar } from './conditions.js';
import { guideName } from './context.js';
import { MYSQL_DEFAULTS_VAR, ROOT_VAR } from './paths.js';
import { YAML_TEXT } from './yaml.js';

/**
 * YAML text of group_vars/all.yml: every placeholder variable (bound → `!unsafe` double-quoted
 * string; unbound → null) with its description and guide line as a comment, then every
 * condition variable (false) with the guide's words.
 */
export function groupVarsYaml(
  graph: StepGraph,
  options: GenerateOptions,
  conditions: Map<string, ConditionVar>,
  messages: Message[],
): { text: string; secret: boolean } {
  // Strings PyYAML would not read back as written (U+2028, DEL…) are double-quoted with escapes.
  const doc = new Document({}, { version: '1.1', customTags: (tags) => tags.map((t) => (typeof t === 'object' && t.tag === 'tag:yaml.org,2002:str' && !t.format ? safeStringTag(t as ScalarTag) : t)) });
  doc.directives!.docStart = true;
  const map = doc.contents;
  if (!isMap(map)) throw new Error('group_vars document is not a map');
  // One `key: value` pair with a comment line before it per note (each note already one line).
  const addCommented = (variable: string, value: unknown, notes: string[]) => {
    const key = new Scalar(variable);
    key.commentBefore = notes.flatMap((n) => commentLines(n)).map((n) => ` ${n}`).join('\n');
    map.add(doc.createPair(key, value));
  };
  const seen = new Set<string>();
  let secret = false;
  const guide = guideName(graph);
  for (const p of graph.placeholders) {
    if (seen.has(p.variable)) {
      messages.push({
        ruleId: 'duplicate-variable',
        severity: 'warning',
        reason: `Unexpected second placeholder \`${p.name}\` with variable ${p.variable}, expected one placeholder per variable; the first one's value is used`,
        line: p.source.line,
        column: p.source.column ?? 1,
      });
      continue;
    }
    seen.add(p.variable);
    const bound = Object.prototype.hasOwnProperty.call(options.vars, p.name);
    let value: Scalar;
    if (bound) {
      value = new Scalar(options.vars[p.name]);
      value.tag = '!unsafe';
      value.type = Scalar.QUOTE_DOUBLE;
      if (p.secret) secret = true;
    } else {
      value = new Scalar(null);
    }
    const notes = [
      `${p.name}: ${p.description ? oneLine(p.description) : '(no description in the guide)'} (${guide}:${p.source.line})`,
      ...(p.secret ? ['secret'] : []),
      ...(bound ? [] : ['unbound: give it at run time, e.g. -e @values.yml with a !unsafe value']),
    ];
    addCommented(p.variable, value, notes.map(oneLine));
  }
  addCommented(ROOT_VAR, '', [
    'Test and staging aid (as TEJUN_ROOT of the bash runbook): prefix of every file path the playbook',
    'writes (ini_file, lineinfile, blockinfile, file, fstab) and of its run-once stamps, e.g.',
    '-e tejun_root=/tmp/x. Empty: the real paths. Commands of the guide are not affected.',
  ]);
  addCommented(MYSQL_DEFAULTS_VAR, '', [
    'A MySQL option file with the client credentials (as TEJUN_MYSQL_DEFAULTS of the bash runbook):',
    'when set, SQL sessions run their client with --defaults-extra-file=FILE (no password on a',
    'command line). Empty: the client authenticates by itself (unix_socket, ~/.my.cnf).',
  ]);
  for (const c of conditions.values()) addCommented(c.variable, false, [`${oneLine(c.words)} (${guide}:${c.line})`]);
  return { text: doc.toString(YAML_TEXT).replace(/\n$/, ''), secret };
}


/** Width of a comment line of the defaults file, in characters (ansible-lint's yaml rule allows 160). */
const COMMENT_WIDTH = 140;

/**
 * One comment note as lines of at most COMMENT_WIDTH characters: broken at the last space before
 * the width when there is one in its second half, else (Japanese text has no spaces) at the width.
 */
function commentLines(note: string): string[] {
  const lines: string[] = [];
  let rest = note;
  while ([...rest].length > COMMENT_WIDTH) {
    const head = [...rest].slice(0, COMMENT_WIDTH).join('');
    const space = head.lastIndexOf(' ');
    const cut = space >= COMMENT_WIDTH / 2 ? space : head.length;
    lines.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  return [...lines, rest];
}
