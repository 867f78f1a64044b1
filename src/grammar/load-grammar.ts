/**
 * Dialect grammars: declarative rules in grammars/*.yaml, validated against
 * grammars/grammar.schema.json, merged along `extends`, and compiled once into regular expressions.
 *
 * A new dialect is a new YAML file, not new code: see grammars/base.yaml for the documented fields.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { GuideFormat } from '../ir/types.js';
import { validateGrammarFile } from './validators.generated.js';

/** The package root (where grammars/ and templates/ live), from dist/src/grammar or src/grammar. */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', ...(import.meta.url.includes('/dist/') ? ['..'] : []));

/** The grammars folder. */
export const GRAMMAR_DIR = join(PACKAGE_ROOT, 'grammars');

/** A grammar file as written (after YAML parsing), see grammars/grammar.schema.json. */
export interface GrammarFile {
  name: string;
  extends?: string;
  description: string;
  format: GuideFormat | 'any';
  detect?: Array<{ pattern: string; weight: number }>;
  prompts?: Array<{ name: string; pattern: string; user?: 'root' | 'user'; sql?: boolean }>;
  continuation?: string;
  continuationLead?: string;
  sessions?: Array<{ name: string; opens: string; ends: string }>;
  settingsFiles?: Array<{ name: string; section: string; file?: string; key?: string; namedBy?: string[]; defaultFile?: string }>;
  switchUser?: string;
  elevate?: string;
  namePlaceholder?: string;
  editors?: string;
  verify?: string[];
  output?: string[];
  filePath?: string;
  headings?: Array<{ pattern: string; depth?: number; depthFromNumber?: boolean; procedure?: boolean }>;
  listItem?: string;
  noise?: Array<{ pattern: string; boundary: boolean }>;
  gluedPrompts?: boolean;
  duplicateBlocks?: boolean;
  hostTag?: string;
  outputFence?: { open: string; close: string };
  annotation?: string;
  skipMarkers?: string[];
  drop?: string[];
  preprocess?: Array<{ pattern: string; replace: string }>;
  codeNotes?: { trailing?: string[]; lines?: string[]; checks?: string[]; change?: string };
  contentLanguages?: { ini?: string[]; file?: string[] };
  bare?: BareRulesFile;
  skipRest?: string;
  optionalMarkers?: string[];
}

/** The `bare` block of a grammar file as written (grammars/base.yaml documents each field). */
export interface BareRulesFile {
  commands?: string[];
  commandPatterns?: string[];
  sql?: string;
  notes?: string[];
  verdicts?: string[];
  sectionNotes?: string[];
  frame?: string;
  outputLanguages?: string[];
  commandLanguages?: string[];
}

/**
 * How lines without a prompt are read (the grammar's `bare` block, compiled): the first words
 * that make a line a command, the statements typed at a client, note and verdict marks, notes
 * that name an INI section, the content frame, and code-block language hints.
 */
export interface BareRules {
  commands: ReadonlySet<string>;
  commandPatterns: RegExp[];
  /** Compiled without regard to case. */
  sql: RegExp | null;
  notes: RegExp[];
  verdicts: RegExp[];
  sectionNotes: RegExp[];
  frame: RegExp | null;
  outputLanguages: ReadonlySet<string>;
  commandLanguages: ReadonlySet<string>;
}

/** A prompt rule, compiled. A `host` named group in `re` captures the host the prompt names (`controller# …`). */
export interface PromptRule {
  name: string;
  re: RegExp;
  user: 'root' | 'user' | null;
  sql: boolean;
}

/**
 * A settings file without sections (grammars/base.yaml `settingsFiles`), compiled: its keys are
 * INI settings in `section`. Known by its name when `file` is set, by the shape of its keys when
 * `key` is set (then the file is group 1 of the first `namedBy` match in the guide's commands, else
 * `defaultFile`); the schema asks for one of the two and for `defaultFile` with `key`.
 */
export interface SettingsFile {
  name: string;
  section: string;
  file: RegExp | null;
  key: RegExp | null;
  namedBy: RegExp[];
  defaultFile: string | null;
}

/** A dialect grammar after `extends` is resolved and every pattern compiled. */
export interface Grammar {
  name: string;
  description: string;
  format: GuideFormat | 'any';
  detect: Array<{ re: RegExp; weight: number }>;
  prompts: PromptRule[];
  continuation: RegExp;
  continuationLead: RegExp | null;
  sessions: Array<{ name: string; opens: RegExp; ends: RegExp }>;
  /**
   * Files of `key = value` lines without sections and the section their keys are in, known by
   * name (`file`; src/extract/settings-files.ts) or by the shape of their keys (`key`, with the
   * patterns naming the file and the default name; src/extract/sectionless-files.ts). See
   * grammars/base.yaml `settingsFiles`.
   */
  settingsFiles: SettingsFile[];
  switchUser: RegExp | null;
  /** A command shown without prompt that an ordinary user types with raised privileges (`sudo …`). */
  elevate: RegExp | null;
  /** A command argument that is a name the operator chooses (`cinder-node-name`); global, group 1 is the name. */
  namePlaceholder: RegExp | null;
  editors: RegExp | null;
  verify: RegExp[];
  output: RegExp[];
  filePath: RegExp;
  headings: Array<{ re: RegExp; depth: number | null; depthFromNumber: boolean; procedure: boolean }>;
  listItem: RegExp | null;
  noise: Array<{ re: RegExp; boundary: boolean }>;
  gluedPrompts: boolean;
  duplicateBlocks: boolean;
  hostTag: RegExp | null;
  outputFence: { open: RegExp; close: RegExp } | null;
  annotation: RegExp | null;
  skipMarkers: RegExp[];
  drop: string[];
  /** Line rewrites applied before parsing (each keeps the line count). */
  preprocess: Array<{ re: RegExp; replace: string }>;
  /** Notes inside code blocks (see grammars/base.yaml `codeNotes`; src/extract/code-notes.ts). */
  codeNotes: { trailing: RegExp[]; lines: RegExp[]; checks: RegExp[]; change: RegExp | null };
  /** Code-block language names (lower case) whose content is INI settings, and those whose content is file lines. */
  contentLanguages: { ini: string[]; file: string[] };
  /** Reading lines without a prompt. */
  bare: BareRules;
  /** A skip marker matching this covers the rest of its block; any other covers its paragraph. Null: every skip covers the rest. */
  skipRest: RegExp | null;
  /** Notes (`# <オプション>`) that make the paragraph below them optional. */
  optionalMarkers: RegExp[];
}

/** Raised when a grammar file is missing, unreadable, invalid or its `extends` chain is broken. */
export class GrammarError extends Error {
  constructor(message: string, readonly file: string) {
    super(`${file}: ${message}`);
    this.name = 'GrammarError';
  }
}

/** The schema's ajv validator, precompiled (scripts/validators.mjs): compiling it took ~80 ms per process. */
const validator = validateGrammarFile as ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };
const fileCache = new Map<string, GrammarFile>();
const grammarCache = new Map<string, Grammar>();

/**
 * Reads and validates one grammar file by name (grammars/NAME.yaml).
 * @throws {GrammarError} when the file is absent, not YAML, or fails the schema.
 */
export function readGrammarFile(name: string, dir = GRAMMAR_DIR): GrammarFile {
  const key = `${dir}\0${name}`;
  const cached = fileCache.get(key);
  if (cached) return cached;
  const file = join(dir, `${name}.yaml`);
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new GrammarError(`cannot read grammar: ${(error as Error).message}`, file);
  }
  if (!validator(data)) {
    const detail = (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
    throw new GrammarError(`invalid grammar: ${detail}`, file);
  }
  const grammar = data as GrammarFile;
  if (grammar.name !== name) throw new GrammarError(`name "${grammar.name}" does not match the file name`, file);
  fileCache.set(key, grammar);
  return grammar;
}

/**
 * Lists the dialect names in grammars/ (every *.yaml except `base` and data files: a data file
 * such as the lexicon or the site-variables table has its own `NAME.schema.json` beside it).
 */
export function listDialects(dir = GRAMMAR_DIR): string[] {
  const files = readdirSync(dir);
  return files
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .filter((n) => n !== 'base' && !files.includes(`${n}.schema.json`))
    .sort();
}

function compile(pattern: string, file: string, flags = 'u'): RegExp {
  try {
    return new RegExp(pattern, flags);
  } catch (error) {
    throw new GrammarError(`bad pattern ${JSON.stringify(pattern)}: ${(error as Error).message}`, file);
  }
}

/** Compiles a grammar's `bare` block (absent lists are empty, absent patterns null). */
function compileBare(raw: BareRulesFile, file: string): BareRules {
  const list = (ps: string[] | undefined) => (ps ?? []).map((p) => compile(p, file));
  return {
    commands: new Set(raw.commands ?? []),
    commandPatterns: list(raw.commandPatterns),
    sql: raw.sql ? compile(raw.sql, file, 'iu') : null,
    notes: list(raw.notes),
    verdicts: list(raw.verdicts),
    sectionNotes: list(raw.sectionNotes),
    frame: raw.frame ? compile(raw.frame, file) : null,
    outputLanguages: new Set((raw.outputLanguages ?? []).map((l) => l.toLowerCase())),
    commandLanguages: new Set((raw.commandLanguages ?? []).map((l) => l.toLowerCase())),
  };
}

/** Merges a child grammar over its parent: prompts and verify/output lists add to the parent's, the rest overrides. */
function merge(parent: GrammarFile, child: GrammarFile): GrammarFile {
  return {
    ...parent,
    ...child,
    detect: child.detect ?? [],
    prompts: [...(child.prompts ?? []), ...(parent.prompts ?? [])],
    verify: [...(parent.verify ?? []), ...(child.verify ?? [])],
    output: [...(parent.output ?? []), ...(child.output ?? [])],
    sessions: child.sessions ?? parent.sessions,
  };
}

/**
 * Loads a dialect grammar by name, resolving `extends` and compiling every pattern (once; cached).
 * @throws {GrammarError} on a missing file, a schema violation, a bad pattern or an `extends` cycle.
 */
export function loadGrammar(name: string, dir = GRAMMAR_DIR): Grammar {
  const key = `${dir}\0${name}`;
  const cached = grammarCache.get(key);
  if (cached) return cached;
  const chain: GrammarFile[] = [];
  const seen = new Set<string>();
  for (let n: string | undefined = name; n; ) {
    if (seen.has(n)) throw new GrammarError(`extends cycle through "${n}"`, join(dir, `${name}.yaml`));
    seen.add(n);
    const g: GrammarFile = readGrammarFile(n, dir);
    chain.unshift(g);
    n = g.extends;
  }
  const raw = chain.reduce((acc, g) => merge(acc, g));
  const file = join(dir, `${name}.yaml`);
  const c = (p: string | undefined) => (p ? compile(p, file) : null);
  const grammar: Grammar = {
    name: raw.name,
    description: raw.description,
    format: raw.format,
    // No `m` flag: detect-dialect matches one line at a time, so `^`/`$` are the line's ends (with
    // `m`, `^\s+…` over a run of blank lines restarts at every line and is quadratic).
    detect: (raw.detect ?? []).map((d) => ({ re: compile(d.pattern, file, 'gu'), weight: d.weight })),
    prompts: (raw.prompts ?? []).map((p) => ({ name: p.name, re: compile(p.pattern, file), user: p.user ?? null, sql: p.sql ?? false })),
    continuation: compile(raw.continuation ?? '(?<!\\s)\\s*\\\\\\s*$', file),
    continuationLead: c(raw.continuationLead),
    sessions: (raw.sessions ?? []).map((s) => ({ name: s.name, opens: compile(s.opens, file), ends: compile(s.ends, file, 'iu') })),
    settingsFiles: (raw.settingsFiles ?? []).map((f) => ({
      name: f.name,
      section: f.section,
      file: c(f.file),
      key: c(f.key),
      namedBy: (f.namedBy ?? []).map((p) => compile(p, file)),
      defaultFile: f.defaultFile ?? null,
    })),
    switchUser: c(raw.switchUser),
    elevate: c(raw.elevate),
    namePlaceholder: raw.namePlaceholder ? compile(raw.namePlaceholder, file, 'gu') : null,
    editors: c(raw.editors),
    verify: (raw.verify ?? []).map((p) => compile(p, file)),
    output: (raw.output ?? []).map((p) => compile(p, file)),
    filePath: compile(raw.filePath ?? '(/etc/[\\w./-]+)', file, 'gu'),
    headings: (raw.headings ?? []).map((h) => ({ re: compile(h.pattern, file), depth: h.depth ?? null, depthFromNumber: h.depthFromNumber ?? false, procedure: h.procedure ?? false })),
    listItem: c(raw.listItem),
    noise: (raw.noise ?? []).map((n) => ({ re: compile(n.pattern, file, 'gu'), boundary: n.boundary })),
    gluedPrompts: raw.gluedPrompts ?? false,
    duplicateBlocks: raw.duplicateBlocks ?? false,
    hostTag: c(raw.hostTag),
    outputFence: raw.outputFence ? { open: compile(raw.outputFence.open, file), close: compile(raw.outputFence.close, file) } : null,
    annotation: c(raw.annotation),
    skipMarkers: (raw.skipMarkers ?? []).map((p) => compile(p, file)),
    drop: raw.drop ?? [],
    preprocess: (raw.preprocess ?? []).map((r) => ({ re: compile(r.pattern, file), replace: r.replace })),
    codeNotes: {
      trailing: (raw.codeNotes?.trailing ?? []).map((p) => compile(p, file)),
      lines: (raw.codeNotes?.lines ?? []).map((p) => compile(p, file)),
      checks: (raw.codeNotes?.checks ?? []).map((p) => compile(p, file)),
      change: c(raw.codeNotes?.change),
    },
    contentLanguages: { ini: raw.contentLanguages?.ini ?? [], file: raw.contentLanguages?.file ?? [] },
    bare: compileBare(raw.bare ?? {}, file),
    skipRest: c(raw.skipRest),
    optionalMarkers: (raw.optionalMarkers ?? []).map((p) => compile(p, file)),
  };
  grammarCache.set(key, grammar);
  return grammar;
}
