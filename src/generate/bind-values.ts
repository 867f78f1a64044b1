/**
 * Site values checked against where they land, before any output is written ({@link bindingErrors}:
 * bind.ts's unbound check, then this one).
 *
 * A value is written into many contexts; each escapes it (escape/), but some characters no
 * context can carry and some places cannot take a value at all:
 *
 * | rule id               | refused                                                              |
 * |-----------------------|----------------------------------------------------------------------|
 * | `value-character`     | NUL, C0/C1 controls but TAB/LF/CR, DEL, lone surrogates, non-characters (escape/chars.ts) |
 * | `value-line-break`    | a line break in a one-line context: an INI file, section, key or value, a file path, a line of a file that is not a shell script, a Python string literal |
 * | `value-path-escape`   | a `..` component in a value that lands in a file path (it would leave TEJUN_ROOT / tejun_root) |
 * | `value-not-identifier`| a value a SQL statement uses bare (a database name) that cannot be a quoted MySQL identifier |
 * | `value-not-token`     | a value a Python file uses outside a string literal that is not a plain token |
 * | `path-escapes-root`   | a guide file path that climbs above its start (`../x`): not a value, the guide's own text |
 *
 * Messages name the variable and, when known, the vars file line (never the value: it may be a
 * secret); line/column are the guide line of the action that uses it.
 */
import type { Action, Message, Placeholder, StepGraph } from '../ir/types.js';
import { checkBindings, placeholderIndex, splitByPlaceholders } from './bind.js';
import { hasLineBreak, refusedCharacter } from './escape/chars.js';
import { hasParentSegment, pathUnderRoot } from './escape/paths.js';
import { pythonQuoting } from './escape/python.js';
import { identifierProblem, sqlQuotings } from './escape/sql.js';
import { fileLanguage, sourcedFiles } from './file-language.js';
import type { GenerateOptions } from './types.js';

/** What a field of an action is, for the checks. */
type FieldKind = 'path' | 'line' | 'text' | 'shell' | 'sql' | 'python';

/** One text of an action and what it is. */
interface Field {
  text: string;
  kind: FieldKind;
  /** How the place is named in messages (`the INI value of [database] connection`). */
  what: string;
}

/** The texts of `action` that hold placeholders, with their kinds. */
function fields(action: Action, sourced: Set<string>): Field[] {
  switch (action.kind) {
    case 'command':
      return [{ text: action.run, kind: 'shell', what: 'a command' }];
    case 'sql':
      return [{ text: action.run, kind: 'sql', what: 'an SQL statement' }];
    case 'ini': {
      const at = `[${action.section}] ${action.key}`;
      return [
        { text: action.file, kind: 'path', what: 'the path of an INI file' },
        { text: action.section, kind: 'line', what: `the INI section of ${at}` },
        { text: action.key, kind: 'line', what: `the INI key of ${at}` },
        { text: action.value, kind: 'line', what: `the INI value of ${at}` },
      ];
    }
    case 'file': {
      const language = fileLanguage(action, sourced);
      return [
        { text: action.file, kind: 'path', what: 'the path of a file' },
        { text: action.content, kind: language === 'text' ? 'line' : language, what: `a line of ${action.file}` },
      ];
    }
    case 'manual':
      return [{ text: action.text, kind: 'text', what: 'a manual step' }];
  }
}

/** `name (site.yaml:12)` or `name` when the vars file line is not known. */
function named(p: Placeholder, options: GenerateOptions): string {
  const line = options.varsFile?.lines[p.name];
  return line === undefined ? `\`${p.name}\`` : `\`${p.name}\` (${options.varsFile!.path}:${line})`;
}

/**
 * A plain token for a Python file outside a string literal: a number, a name, a dotted name, a
 * host name or a path (`osaka-controller`, `10.0.0.11:5000`). Without parentheses, brackets,
 * quotes, blanks, `;`, `=` or `@` it can call nothing, open no string and end no statement.
 */
const PYTHON_TOKEN = /^[A-Za-z0-9_.:/+-]+$/;

/**
 * Errors for the site values of `options.vars` that cannot be written where the guide uses them,
 * and for guide file paths that leave the root (see the module comment for the rules). Each
 * placeholder and rule is reported once, at its first use. Never throws.
 */
export function checkValues(graph: StepGraph, options: GenerateOptions): Message[] {
  const vars = options.vars ?? {};
  const messages: Message[] = [];
  const reported = new Set<string>();
  const report = (key: string, ruleId: string, reason: string, line: number, column: number): void => {
    if (reported.has(key)) return;
    reported.add(key);
    messages.push({ ruleId, severity: 'error', reason, line, column });
  };
  const bound = (p: Placeholder): string | undefined => (Object.prototype.hasOwnProperty.call(vars, p.name) ? vars[p.name] : undefined);
  for (const p of graph.placeholders) {
    const value = bound(p);
    const bad = value === undefined ? null : refusedCharacter(value);
    if (bad) {
      report(`${p.name}\0char`, 'value-character', `Unexpected ${bad.name} at character ${bad.index + 1} of the value of ${named(p, options)}, expected text that bash, YAML, INI and SQL can carry; the value is not written anywhere`, p.source.line, p.source.column ?? 1);
    }
  }
  const sourced = sourcedFiles(graph);
  const placeholders = placeholderIndex(graph);
  for (const procedure of graph.procedures) {
    for (const step of procedure.steps) {
      for (const action of step.actions) {
        const line = action.source.line;
        const column = action.source.column ?? 1;
        for (const field of fields(action, sourced)) {
          const segments = splitByPlaceholders(field.text, placeholders(action));
          if (field.kind === 'path' && !segments.some((s) => 'placeholder' in s) && pathUnderRoot(field.text) === null) {
            report(`${action.id}\0path`, 'path-escapes-root', `Unexpected \`..\` climbing out of the path \`${field.text}\` of ${graph.source.path.split(/[\\/]/).pop()}:${line}, expected a path that stays under its root (TEJUN_ROOT, tejun_root)`, line, column);
            continue;
          }
          const probe = segments.map((s) => ('text' in s ? s.text : 'X')).join('');
          const sql = field.kind === 'sql' ? sqlQuotings(probe) : null;
          const python = field.kind === 'python' ? pythonQuoting(probe) : null;
          let at = 0;
          for (const s of segments) {
            if ('text' in s) {
              at += s.text.length;
              continue;
            }
            const p = s.placeholder;
            const value = bound(p);
            at += 1;
            if (value === undefined) continue;
            const where = `${field.what} at line ${line}`;
            // A Python string literal of a settings file is one line too.
            if ((field.kind === 'line' || field.kind === 'path' || (python && python[at - 1] !== null)) && hasLineBreak(value)) {
              report(`${p.name}\0line`, 'value-line-break', `Unexpected line break in the value of ${named(p, options)}, expected one line: it lands in ${where}`, line, column);
            }
            if (field.kind === 'path' && hasParentSegment(value)) {
              report(`${p.name}\0path`, 'value-path-escape', `Unexpected \`..\` component in the value of ${named(p, options)}, expected a path that stays under its root: it lands in ${where}`, line, column);
            }
            if (sql && sql[at - 1] === '') {
              const problem = identifierProblem(value);
              if (problem) report(`${p.name}\0ident`, 'value-not-identifier', `Unexpected value of ${named(p, options)} for an SQL identifier (${problem}), expected a database or table name: it is used bare in ${where}`, line, column);
            }
            if (python && python[at - 1] === null && !PYTHON_TOKEN.test(value)) {
              report(`${p.name}\0python`, 'value-not-token', `Unexpected value of ${named(p, options)} outside a Python string literal, expected a plain token (letters, digits and \`_ . : / + -\`): it lands in ${where}`, line, column);
            }
          }
        }
      }
    }
  }
  return messages;
}

/**
 * Every binding error of `graph` under `options`: unbound placeholders (bind.ts's
 * checkBindings, none with allowUnbound) then the values and paths {@link checkValues} refuses.
 * A generator writes no file when this is not empty. Never throws.
 */
export function bindingErrors(graph: StepGraph, options: GenerateOptions): Message[] {
  return [...checkBindings(graph, options), ...checkValues(graph, options)];
}
