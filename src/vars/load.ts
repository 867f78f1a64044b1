/**
 * Loading a vars file (YAML mapping of placeholder names to values) into the
 * `GenerateOptions.vars` record, with diagnostics as data.
 */
import { Ajv } from 'ajv';
import { isAlias, isMap, isPair, isScalar, type Node } from 'yaml';
import { parseWithLines } from './yaml-document.js';
import type { Message } from '../ir/types.js';
import { refusedCharacter } from '../generate/escape/chars.js';

/** The shape of a vars file: names to scalars (null = left empty, i.e. unbound). */
const VARS_SCHEMA = {
  type: 'object',
  additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
} as const;

// validateSchema: false skips checking this constant schema against the JSON Schema meta-schema,
// which cost ~100 ms at the import of this module in every tejun process (bench/PROFILE.md);
// strict mode still rejects unknown keywords and types when it compiles.
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, validateSchema: false }).compile(VARS_SCHEMA);

/** Where a key of the site file stands, and whether it has a value. */
export interface KeyPosition {
  /** 1-based line and column of the key. */
  line: number;
  column: number;
  /** True when the key has no value (`KEY:` or `KEY: ~`): the variable stays unbound. */
  empty: boolean;
  /** 1-based line and column of the value, when it has one. */
  value?: { line: number; column: number };
}

/** Result of {@link loadVars}. */
export interface LoadedVars {
  /** Placeholder name → value as a string (numbers and booleans as YAML wrote them). */
  vars: Record<string, string>;
  /** Placeholder name → 1-based line of its value in the file (for binding messages). */
  lines: Record<string, number>;
  /** Every key of the file (bound, empty or refused) → where it stands (site-file checks). */
  keys: Record<string, KeyPosition>;
  /** Errors (bad YAML, not a mapping, a value that is not a scalar) with line/column in the file. */
  messages: Message[];
}

/** Tags of the YAML core schema a value may carry (`!!str 0123`); others are refused. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null'].map((t) => `tag:yaml.org,2002:${t}`));

/** Sets an own property (a key such as `__proto__` is an own property, never the prototype). */
function own<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Parses a vars file. `text` is the file content, `path` names it in messages.
 * The document must be a mapping of names to strings, numbers or booleans (checked with ajv);
 * a null/empty value is skipped (the placeholder stays unbound). Numbers and booleans become the
 * text the file wrote them as (`port: 08080` → `08080`, `on: 0x1F` → `0x1F`, `x: true` →
 * `true`), not a reformatted number. An alias (`B: *a`) binds the value of its anchor.
 * Messages (1-based line/column from the yaml node ranges; a message names keys, never a value
 * nor any text of one, since values are secrets):
 * - `vars-syntax`: YAML errors (the yaml message up to its first `: `);
 * - `vars-shape`: schema violations (a list, a mapping);
 * - `vars-yaml-tag`: a value with a tag outside the core schema (`KEY: !x…`: a password starting
 *   with `!` typed unquoted would otherwise bind as empty or as the text after the tag);
 * - `vars-yaml-anchor`: an anchor with no value (`KEY: &x`, a value starting with `&`);
 * - `vars-yaml-alias`: an alias whose anchor is not defined before it (`KEY: *x`);
 * - `vars-character`: a value holding a character no output can carry (NUL, a control character
 *   but TAB/LF/CR, DEL, a C1 control, a lone surrogate or a non-character, see
 *   generate/escape/chars.ts); the value is left out of `vars`.
 * Never throws.
 */
export function loadVars(text: string, path: string): LoadedVars {
  const { doc, at, syntaxErrors } = parseWithLines(text, path);
  const messages: Message[] = syntaxErrors.map((e) => ({ ruleId: 'vars-syntax', severity: 'error' as const, ...e }));
  if (messages.length > 0) return { vars: {}, lines: {}, keys: {}, messages };
  const map = doc.contents;
  // The data ajv checks: scalars as parsed, aliases resolved (toJS would throw on a dangling one).
  const data: unknown = isMap(map)
    ? Object.fromEntries(
        map.items.map((item) => {
          const key = String(isScalar(item.key) ? item.key.value : item.key);
          const v = isAlias(item.value) ? item.value.resolve(doc) : item.value;
          return [key, isScalar(v) ? v.value : v ? (v as { toJSON(): unknown }).toJSON() : null];
        }),
      )
    : (doc.toJS() ?? {});
  if (!validate(data)) {
    for (const err of validate.errors ?? []) {
      const segments = err.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
      const node = nodeAt(doc.contents, segments);
      messages.push({
        ruleId: 'vars-shape',
        severity: 'error',
        reason:
          segments.length === 0
            ? `Unexpected ${describe(data)} in ${path}, expected a mapping of placeholder names to values`
            : `Unexpected ${describe(pick(data, segments[0]))} for \`${segments[0]}\` in ${path}, expected a string, number or boolean`,
        ...at(node?.range?.[0]),
      });
    }
    return { vars: {}, lines: {}, keys: {}, messages };
  }
  const vars: Record<string, string> = {};
  const lines: Record<string, number> = {};
  const keys: Record<string, KeyPosition> = {};
  if (isMap(map)) {
    for (const item of map.items) {
      if (!isPair(item)) continue;
      const key = String(isScalar(item.key) ? item.key.value : item.key);
      const keyAt = at((item.key as Node | null)?.range?.[0]);
      // Where the value is written, its tag or anchor included (a node's range starts after them).
      const keyEnd = (item.key as Node | null)?.range?.[1];
      const written = keyEnd === undefined ? undefined : /^[^:]*:[ \t]*/.exec(text.slice(keyEnd))?.[0].length;
      const refuse = (ruleId: string, reason: string, node: Node | null | undefined) => {
        messages.push({ ruleId, severity: 'error', reason, ...at(keyEnd !== undefined && written !== undefined ? keyEnd + written : node?.range?.[0]) });
        own(keys, key, { ...keyAt, empty: false });
      };
      const node = item.value as Node | null;
      if (isAlias(node)) {
        const target = node.resolve(doc);
        if (!target) {
          refuse('vars-yaml-alias', `Unexpected YAML alias with no anchor before it as the value of \`${key}\` in ${path} (a value starting with \`*\`), expected a plain value: quote the whole value if the \`*\` is part of it`, node);
          continue;
        }
      }
      const v = isAlias(node) ? node.resolve(doc) : node;
      if (isScalar(v) && v.tag && !CORE_TAGS.has(v.tag)) {
        refuse('vars-yaml-tag', `Unexpected YAML tag on the value of \`${key}\` in ${path} (a value starting with \`!\`), expected a plain value: quote the whole value ('!…') if the \`!\` is part of it`, v);
        continue;
      }
      if (isScalar(v) && v.anchor && v.value === null) {
        refuse('vars-yaml-anchor', `Unexpected YAML anchor with no value for \`${key}\` in ${path} (a value starting with \`&\`), expected a plain value: quote the whole value ('&…') if the \`&\` is part of it`, v);
        continue;
      }
      if (!isScalar(v) || v.value === null) {
        own(keys, key, { ...keyAt, empty: true });
        continue;
      }
      const value =
        typeof v.value === 'string' || !v.range ? String(v.value) : text.slice(v.range[0], v.range[1]);
      own(keys, key, { ...keyAt, empty: false, value: at(v.range?.[0]) });
      const bad = refusedCharacter(value);
      if (bad) {
        messages.push({
          ruleId: 'vars-character',
          severity: 'error',
          reason: `Unexpected ${bad.name} at character ${bad.index + 1} of the value of \`${key}\` in ${path}, expected text that bash, YAML, INI and SQL can carry (no NUL, control characters but tab and line breaks, DEL, C1 controls or non-characters)`,
          ...at(v.range?.[0]),
        });
        continue;
      }
      own(vars, key, value);
      own(lines, key, at(v.range?.[0]).line);
    }
  }
  return { vars, lines, keys, messages };
}

/** The value node at `segments` below `node` (mapping keys), or the node itself. */
function nodeAt(node: unknown, segments: string[]): Node | undefined {
  if (segments.length === 0 || !isMap(node)) return node as Node | undefined;
  for (const item of node.items) {
    const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
    if (key === segments[0]) return nodeAt(item.value, segments.slice(1)) ?? (item.key as Node);
  }
  return node;
}

/** A property of a parsed document, when it is an object. */
function pick(data: unknown, key: string): unknown {
  return data && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;
}

/** "list", "mapping", "string", … for messages. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  if (value === null) return 'empty value';
  return typeof value === 'object' ? 'mapping' : typeof value;
}

/** Names of site values that are secrets (passwords, tokens, keys), as `tejun vars` marks them. */
const SECRET_NAME = /PASS|SECRET|TOKEN|KEY|CRED/i;

/**
 * A `vars-permissions` warning when a vars file that holds secrets (a bound value whose name
 * looks like a password, secret, token, key or credential) can be read by its group or by
 * others. Never names a value, only the keys.
 * @param path the vars file, as named in messages.
 * @param mode the file's mode bits (`fs.Stats.mode`).
 * @param vars the loaded values (names → values).
 * @returns zero or one warning at line 1 of the file.
 */
export function varsPermissionWarnings(path: string, mode: number, vars: Record<string, string>): Message[] {
  const secrets = Object.keys(vars).filter((k) => SECRET_NAME.test(k));
  if ((mode & 0o077) === 0 || secrets.length === 0) return [];
  const octal = (mode & 0o777).toString(8).padStart(3, '0');
  return [
    {
      ruleId: 'vars-permissions',
      severity: 'warning',
      reason: `Unexpected mode ${octal} on ${path}, which holds secrets (${secrets.slice(0, 3).join(', ')}${secrets.length > 3 ? ', …' : ''}), expected 600 (chmod 600 ${path})`,
      line: 1,
      column: 1,
    },
  ];
}
