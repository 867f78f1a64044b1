/**
 * The naming table of site variables (grammars/site-variables.yaml, checked against
 * grammars/site-variables.schema.json): the shapes that say what a site value is for (a GRANT's
 * password, a connection URL's host, an INI `password` beside a `username`) and the name each
 * meaning gets in the site file (`{USER}_DBPASS`, `CONTROLLER_HOST`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { GRAMMAR_DIR } from '../grammar/load-grammar.js';
import type { LiteralKind } from '../ir/types.js';

/** One meaning as the table writes it. */
export interface MeaningEntry {
  meaning: string;
  kind: LiteralKind;
  /** Name template: upper snake case with `{USER}` / `{ROLE}`. */
  name: string;
  /** Account → name, where the upstream guides name one account's value otherwise. */
  users?: Record<string, string>;
  /** The meaning in words, with `{user}` / `{role}`. */
  about: string;
}

/** A shape read in a command, an SQL statement or a URL. */
export interface Shape {
  meaning: string;
  /** The meaning of the pattern's `host` group, if it has one. */
  hostMeaning?: string;
  /** Named groups `value` (required), `user`, `host`; flag `d` (and `i` with ignoreCase). */
  pattern: RegExp;
  /** The account when the shape names none (`keystone-manage bootstrap` → admin). */
  user?: string;
}

/** An INI key whose value is a site value. */
export interface SettingShape {
  meaning: string;
  section: RegExp | null;
  key: RegExp;
  /** Picks the value out of the setting's value (group `value`); null: the whole value. */
  valuePattern: RegExp | null;
}

/** The compiled table. */
export interface SiteTable {
  meanings: Map<string, MeaningEntry>;
  commands: Shape[];
  urls: Shape[];
  passwordSuffix: RegExp;
  userKeys: string[];
  settings: SettingShape[];
  usualValue: RegExp[];
  ignore: RegExp[];
}

/** The file as written (after YAML parsing). */
interface TableFile {
  meanings: MeaningEntry[];
  commands: Array<{ meaning: string; hostMeaning?: string; pattern: string; ignoreCase?: boolean; user?: string }>;
  urls: TableFile['commands'];
  passwordSuffix: string;
  userKeys: string[];
  settings: Array<{ meaning: string; section?: string; key: string; valuePattern?: string }>;
  usualValue: string[];
  ignore: string[];
}

/** Path of the table. */
export const SITE_TABLE_PATH = join(GRAMMAR_DIR, 'site-variables.yaml');

/**
 * Compiles a parsed table: checks it against the schema, that every shape names a meaning of the
 * table and that every shape pattern has a `value` group. Throws an Error naming the first
 * problem (a broken table is a programming error, caught by the data tests).
 */
export function compileSiteTable(data: unknown): SiteTable {
  const schema = JSON.parse(readFileSync(join(GRAMMAR_DIR, 'site-variables.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: true, validateSchema: false }).compile(schema);
  if (!validate(data)) {
    const e = validate.errors?.[0];
    throw new Error(`Unexpected site-variables table at ${e?.instancePath || '/'}: ${e?.message ?? ''}`);
  }
  const file = data as TableFile;
  const meanings = new Map(file.meanings.map((m) => [m.meaning, m]));
  const known = (m: string | undefined, where: string) => {
    if (m !== undefined && !meanings.has(m)) throw new Error(`Unexpected meaning \`${m}\` in ${where} of the site-variables table, expected one of its meanings`);
  };
  const shapes = (list: TableFile['commands'], where: string): Shape[] =>
    list.map((s) => {
      known(s.meaning, where);
      known(s.hostMeaning, where);
      const pattern = new RegExp(s.pattern, s.ignoreCase ? 'di' : 'd');
      if (!s.pattern.includes('(?<value>')) throw new Error(`Unexpected pattern without a \`value\` group in ${where}: ${s.pattern}`);
      return { meaning: s.meaning, ...(s.hostMeaning ? { hostMeaning: s.hostMeaning } : {}), pattern, ...(s.user ? { user: s.user } : {}) };
    });
  for (const s of file.settings) known(s.meaning, 'settings');
  return {
    meanings,
    commands: shapes(file.commands, 'commands'),
    urls: shapes(file.urls, 'urls'),
    passwordSuffix: new RegExp(file.passwordSuffix),
    userKeys: file.userKeys,
    settings: file.settings.map((s) => ({
      meaning: s.meaning,
      section: s.section ? new RegExp(s.section) : null,
      key: new RegExp(s.key),
      valuePattern: s.valuePattern ? new RegExp(s.valuePattern, 'd') : null,
    })),
    usualValue: file.usualValue.map((p) => new RegExp(p, 'u')),
    ignore: file.ignore.map((p) => new RegExp(p)),
  };
}

let cached: SiteTable | null = null;

/** The shipped table, read and compiled once per process. Throws as {@link compileSiteTable}. */
export function siteTable(): SiteTable {
  cached ??= compileSiteTable(parseYaml(readFileSync(SITE_TABLE_PATH, 'utf8')));
  return cached;
}

/** Upper snake case of a word (`nova` → `NOVA`, `glance-api` → `GLANCE_API`). */
export function upperSnake(word: string): string {
  return word.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase();
}

/**
 * The variable name and the meaning in words of `meaning` for `user` (an account, '' when none)
 * on `role` (the role of the step, '' when none). Throws for a meaning the table lacks.
 */
export function nameMeaning(table: SiteTable, meaning: string, user: string, role: string): { name: string; about: string } {
  const entry = table.meanings.get(meaning);
  if (!entry) throw new Error(`Unexpected meaning \`${meaning}\`, expected one of grammars/site-variables.yaml`);
  const named = entry.users && Object.prototype.hasOwnProperty.call(entry.users, user) ? entry.users[user]! : null;
  const name =
    named ??
    entry.name
      .replace('{USER}', upperSnake(user) || 'SERVICE')
      .replace('{ROLE}', upperSnake(role) || 'NODE')
      .replace(/^_+|_+$/g, '');
  const about = entry.about.replace(' {user}', user ? ` ${user}` : '').replace('{role}', role || 'unnamed');
  return { name: /^\d/.test(name) ? `V_${name}` : name, about };
}

/** The usual value a placeholder's description names ("(通常は nova)"), or null. */
export function usualValue(description: string | null, table: SiteTable): string | null {
  if (!description) return null;
  for (const re of table.usualValue) {
    const m = re.exec(description);
    if (m?.groups?.value) return m.groups.value;
  }
  return null;
}

