/**
 * Cluster-wide actions: commands and SQL statements that act on a service the whole cluster
 * shares (database and user creation and grants, identity users, services and endpoints, schema
 * migrations), decided by the patterns of grammars/cluster-wide.yaml. Their tasks get
 * `run_once: true`, so two hosts in the group do not both create the database or run `db sync`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { PACKAGE_ROOT } from '../../grammar/load-grammar.js';
import type { Action } from '../../ir/types.js';

/** Absolute path of grammars/cluster-wide.yaml. */
export const CLUSTER_WIDE_PATH = join(PACKAGE_ROOT, 'grammars', 'cluster-wide.yaml');
/** Absolute path of grammars/cluster-wide.schema.json. */
export const CLUSTER_WIDE_SCHEMA_PATH = join(PACKAGE_ROOT, 'grammars', 'cluster-wide.schema.json');

/** One pattern entry of grammars/cluster-wide.yaml: a regular expression and a line it matches. */
export interface ClusterWidePattern {
  pattern: string;
  example: string;
}

/** grammars/cluster-wide.yaml as written (after YAML parsing). */
export interface ClusterWideFile {
  version: 1;
  commands: ClusterWidePattern[];
  sql: ClusterWidePattern[];
}

/** The compiled patterns: command lines and SQL statements (flags `iu`). */
interface ClusterWide {
  commands: RegExp[];
  sql: RegExp[];
}

let loaded: ClusterWide | null = null;

/**
 * Reads grammars/cluster-wide.yaml and checks it against its JSON schema. Throws with the
 * first schema error (`instancePath message`) when the file does not match, and SyntaxError
 * when a pattern is not a valid regular expression.
 */
export function loadClusterWideFile(): ClusterWideFile {
  const data = parseYaml(readFileSync(CLUSTER_WIDE_PATH, 'utf8')) as unknown;
  const schema = JSON.parse(readFileSync(CLUSTER_WIDE_SCHEMA_PATH, 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
  if (!validate(data)) {
    const e = validate.errors?.[0];
    throw new Error(`Unexpected grammars/cluster-wide.yaml ${e?.instancePath || '/'} ${e?.message ?? ''}, expected a document of cluster-wide.schema.json`);
  }
  return data as ClusterWideFile;
}

/** The compiled patterns, loaded on first use and cached for the process. */
function clusterWide(): ClusterWide {
  if (!loaded) {
    const file = loadClusterWideFile();
    const compile = (list: ClusterWidePattern[]) => list.map((p) => new RegExp(p.pattern, 'iu'));
    loaded = { commands: compile(file.commands), sql: compile(file.sql) };
  }
  return loaded;
}

/** True when command line `run` matches a `commands` pattern of grammars/cluster-wide.yaml. */
export function isClusterWideCommand(run: string): boolean {
  return clusterWide().commands.some((re) => re.test(run));
}

/** True when SQL statement `run` matches an `sql` pattern of grammars/cluster-wide.yaml. */
export function isClusterWideSql(run: string): boolean {
  return clusterWide().sql.some((re) => re.test(run));
}

/**
 * The cluster-wide actions of one step's `actions` (ids): a command whose line matches; every
 * SQL statement of a session (same `session` id) of which one statement matches, since the
 * playbook feeds a session's statements to its client in one task. INI, file and manual actions
 * are never cluster-wide (they change the host they run on).
 */
export function clusterWideActions(actions: Action[]): Set<string> {
  const out = new Set<string>();
  const sessions = new Set<string>();
  for (const a of actions) if (a.kind === 'sql' && isClusterWideSql(a.run)) sessions.add(a.session);
  for (const a of actions) {
    if (a.kind === 'command' && isClusterWideCommand(a.run)) out.add(a.id);
    if (a.kind === 'sql' && sessions.has(a.session)) out.add(a.id);
  }
  return out;
}
