/**
 * Loading tejun.yaml: YAML parsed with `yaml`, validated with ajv against
 * schema/project.schema.json, defaults applied. Diagnostics are data with the line and column of
 * the offending node; nothing is read from disk (the schema's validator is precompiled).
 */
import { join } from 'node:path';
import type { ErrorObject } from 'ajv';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { parseWithLines } from '../vars/yaml-document.js';
import { TARGETS, type Target } from '../generate/index.js';
import { listDialects, PACKAGE_ROOT } from '../grammar/load-grammar.js';
import { validateProjectFile } from '../grammar/validators.generated.js';
import type { BuildMessage, GuideSpec, Project, Site } from './types.js';

/** Path of the project file's JSON Schema. */
export const PROJECT_SCHEMA_PATH = join(PACKAGE_ROOT, 'schema', 'project.schema.json');

/** The default project file name, looked up in the folder given to `tejun build -C`. */
export const PROJECT_FILE = 'tejun.yaml';

/** The schema validator, precompiled by scripts/validators.mjs from schema/project.schema.json
 * (compiling it took ~100 ms of every `tejun build`). */
function validateProject(): ((data: unknown) => boolean) & { errors?: ErrorObject[] | null } {
  return validateProjectFile as ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
}

/** Result of {@link loadProject}: the project, or null with at least one error message. */
export interface LoadedProject {
  project: Project | null;
  messages: BuildMessage[];
}

/**
 * Parses and validates a project file.
 * @param text the content of tejun.yaml.
 * @param path its name in messages (as the user gave it).
 * @returns the project with defaults (targets: all, output: `out`, cache: `.tejun-cache`), or
 *   null and messages: `project-syntax` (YAML errors), `project-shape` (schema violations, e.g.
 *   `Unexpected key \`site\` in tejun.yaml, expected one of guides, targets, sites, …`),
 *   `unknown-dialect` (a `dialect` that is not a grammar). Never throws on bad input.
 */
export function loadProject(text: string, path: string): LoadedProject {
  const { doc, at, syntaxErrors } = parseWithLines(text, path);
  const messages: BuildMessage[] = syntaxErrors.map((e) => ({ file: path, ruleId: 'project-syntax', severity: 'error' as const, ...e }));
  if (messages.length > 0) return { project: null, messages };
  const data: unknown = doc.toJS() ?? null;
  const validate = validateProject();
  if (!validate(data)) {
    const seen = new Set<string>();
    for (const err of validate.errors ?? []) {
      if (err.keyword === 'propertyNames') continue; // its `pattern` error names the key
      const segments = err.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
      const reason = describeError(err, path, segments, data);
      if (seen.has(reason)) continue;
      seen.add(reason);
      const key = err.propertyName ?? (err.keyword === 'additionalProperties' ? String(err.params.additionalProperty) : undefined);
      const node = nodeAt(doc.contents, segments, key);
      messages.push({ file: path, ruleId: 'project-shape', severity: 'error', reason, ...at(node?.range?.[0]) });
    }
    return { project: null, messages };
  }
  const raw = data as {
    guides: Array<string | { path: string; dialect?: string }>;
    targets?: Target[];
    sites: Record<string, { vars: string }>;
    output?: string;
    cache?: string;
    allowUnbound?: boolean;
    showSecrets?: boolean;
  };
  const lineOf = (segments: string[]) => at(nodeAt(doc.contents, segments)?.range?.[0]).line;
  const dialects = new Set(listDialects());
  const guides: GuideSpec[] = raw.guides.map((g, i) => {
    const spec = typeof g === 'string' ? { pattern: g } : { pattern: g.path, dialect: g.dialect };
    const line = lineOf(['guides', String(i)]);
    if (spec.dialect !== undefined && !dialects.has(spec.dialect)) {
      messages.push({
        file: path,
        ruleId: 'unknown-dialect',
        severity: 'error',
        reason: `Unexpected dialect \`${spec.dialect}\` in ${path}, expected one of ${[...dialects].join(', ')}`,
        ...at(nodeAt(doc.contents, ['guides', String(i), 'dialect'])?.range?.[0]),
      });
    }
    return { ...spec, line };
  });
  const sites: Site[] = Object.entries(raw.sites).map(([name, s]) => ({ name, vars: s.vars, line: lineOf(['sites', name]) }));
  if (messages.length > 0) return { project: null, messages };
  return {
    project: {
      guides,
      targets: raw.targets ?? [...TARGETS],
      sites,
      output: raw.output ?? 'out',
      cache: raw.cache ?? '.tejun-cache',
      allowUnbound: raw.allowUnbound ?? false,
      showSecrets: raw.showSecrets ?? false,
    },
    messages,
  };
}

/** One ajv error as "Unexpected X …, expected Y". */
function describeError(err: ErrorObject, path: string, segments: string[], data: unknown): string {
  const where = segments.length === 0 ? path : `\`${segments.join('.')}\` in ${path}`;
  const value = segments.reduce<unknown>((v, s) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[s] : undefined), data);
  switch (err.keyword) {
    case 'required':
      return `Unexpected end of ${segments.length === 0 ? 'the project' : `\`${segments.join('.')}\``} in ${path}, expected a \`${String(err.params.missingProperty)}\` key`;
    case 'additionalProperties': {
      const allowed = Object.keys((err.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return `Unexpected key \`${String(err.params.additionalProperty)}\` in ${segments.length === 0 ? path : `\`${segments.join('.')}\` of ${path}`}, expected one of ${allowed.join(', ')}`;
    }
    case 'propertyNames':
    case 'pattern':
      return `Unexpected site name \`${String(err.propertyName ?? value)}\` in ${path}, expected letters, digits, \`.\`, \`_\` or \`-\` (a folder name)`;
    case 'enum':
      return `Unexpected ${describe(value)} at ${where}, expected one of ${(err.params.allowedValues as unknown[]).join(', ')}`;
    case 'type':
      return `Unexpected ${describe(value)} at ${where}, expected ${[err.params.type].flat().map((t) => (t === 'object' ? 'a mapping' : t === 'array' ? 'a list' : `a ${String(t)}`)).join(' or ')}`;
    default:
      return `Unexpected ${describe(value)} at ${where}, expected a value that ${err.message ?? 'matches the schema'}`;
  }
}

/** The node at `segments` below `node` (mapping keys, list indexes); `key` picks a key node. */
function nodeAt(node: unknown, segments: string[], key?: string): Node | undefined {
  if (segments.length === 0) {
    if (key !== undefined && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      if (pair) return pair.key as Node;
    }
    return node as Node | undefined;
  }
  if (isMap(node)) {
    for (const item of node.items) {
      const k = isScalar(item.key) ? String(item.key.value) : String(item.key);
      if (k === segments[0]) return nodeAt(item.value, segments.slice(1), key) ?? (item.key as Node);
    }
  } else if (isSeq(node)) {
    const item = node.items[Number(segments[0])];
    if (item !== undefined) return nodeAt(item, segments.slice(1), key) ?? (node as Node);
  }
  return node as Node | undefined;
}

/** "list", "mapping", "string", … for messages. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  if (value === null || value === undefined) return 'empty value';
  if (typeof value === 'string') return `\`${value}\``;
  return typeof value === 'object' ? 'mapping' : typeof value;
}
