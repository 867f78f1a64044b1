/**
 * The shared lexicon: grammars/lexicon.yaml, validated against grammars/lexicon.schema.json with
 * ajv, with every pattern compiled once. Loaded lazily on first use and cached for the process.
 *
 * The lexicon is data (role nouns, condition markers, optional/forbidden markers, placeholder
 * verbs, manual-step verbs, secret markers); the decisions that use it live in the other files
 * of src/nlp/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { PACKAGE_ROOT } from '../grammar/load-grammar.js';
import { validateLexiconFile } from '../grammar/validators.generated.js';
import type { Role } from '../ir/types.js';
import { normalizeSentence } from './text.js';


/** Absolute path of grammars/lexicon.yaml. */
export const LEXICON_PATH = join(PACKAGE_ROOT, 'grammars', 'lexicon.yaml');
/** Absolute path of grammars/lexicon.schema.json. */
export const LEXICON_SCHEMA_PATH = join(PACKAGE_ROOT, 'grammars', 'lexicon.schema.json');

/** One role's vocabulary as written in the YAML file. */
export interface RoleEntry {
  /** The role value emitted (`controller`, `compute`, `network`, `db`, `storage`, `all`). */
  role: Role;
  /** Nouns naming a host of this role ("コントローラーノード"). */
  nouns: string[];
  /** Services hosted on this role, a place only as the object of ホストする ("Compute Service"). */
  hosts: string[];
  /** English nouns after a preposition and determiner ("controller node"). */
  english: string[];
}

/** grammars/lexicon.yaml as written (after YAML parsing); see the comments in that file. */
export interface LexiconFile {
  version: 1;
  roles: RoleEntry[];
  allRole: Role;
  coordinators: string[];
  alternatives: string[];
  locationParticles: string[];
  hostVerbs: string[];
  workNouns: string[];
  englishPrepositions: string[];
  englishDeterminers: string[];
  conditions: {
    prefilter: string;
    markers: string[];
    suffixes: string[];
    scopeNouns: string[];
    englishPatterns: string[];
  };
  optional: {
    bracketed: string[];
    words: string[];
    followers: string[];
    wordsBeforeDe: string[];
    englishPatterns: string[];
  };
  forbidden: { patterns: string[]; englishPatterns: string[] };
  discouraged: { patterns: string[] };
  /** Conditions on a whole section or literal block (optional in the schema). */
  scopes?: { sectionSkip: string[]; alternativeWhen: string };
  placeholders: {
    prefilter: string;
    verbs: string[];
    dropLeading: string;
    herePatterns: string[];
    englishVerb: string;
    notNames: string[];
  };
  secrets: {
    nameSegments: string[];
    nameSuffixes: string[];
    lowerNames: string[];
    nonSecretSegments: string[];
    descriptionHeads: string[];
    pairedHead: string;
  };
  expectations: {
    prefilter: string;
    verbs: string[];
    dropLeading: string;
    instructionEnding: string;
    absence: string;
    englishPatterns: string[];
  };
  /** Which sentences of a paragraph before a procedure may give its steps a role (introRoleOf). */
  intro: {
    /** A sentence that says where the operator works: a work verb or "on the … node:". */
    work: string;
    /** A sentence that is not about where to work though it has a work verb (a placeholder description). */
    notWork: string;
  };
  manual: {
    verbs: string[];
    notManual: string;
    englishPatterns: string[];
    englishNotManual: string;
    englishLeadingCondition: string;
    /** The ending of a sentence that asks the reader to do something (`…してください`). */
    request: string;
    /** Verbs that make a manual step only in a sentence that asks the reader (`request`). */
    requestVerbs: string[];
    /** Verbs of getting something a later command uses: a request with one before a listing is a manual step. */
    obtainVerbs: string[];
  };
  /** Settings changed in prose ("'KEY = OLD' を 'KEY = NEW' に変更"): patterns with named groups `key` and `value`. */
  settingChanges: { patterns: string[] };
  /** Where added lines go: markers after the words of the line they go before (optional in the schema). */
  insertPositions?: { before: string[]; englishBefore: string[] };
  /** Conditions that read an earlier check's result (optional in the schema). */
  checkBranches?: { references: string[] };
}

/** One alias of a role, with the kind of mention it makes. */
export interface RoleAlias {
  role: Role;
  /** The alias as written in the lexicon. */
  text: string;
  /** The alias lower-cased with white space removed: the form matched against a sentence. */
  key: string;
  kind: 'noun' | 'host' | 'english';
}

/** The lexicon with every pattern compiled. */
export interface Lexicon {
  file: LexiconFile;
  /** Every Japanese alias (nouns and hosts), longest key first. */
  roleAliases: RoleAlias[];
  /** Every English alias, longest first. */
  englishRoleAliases: RoleAlias[];
  /** Cheap check for roleOf: some alias (any kind) occurs, case-insensitively. */
  rolePrefilter: RegExp;
  conditionPrefilter: RegExp;
  conditionEnglish: RegExp[];
  optionalEnglish: RegExp[];
  forbidden: RegExp[];
  forbiddenEnglish: RegExp[];
  discouraged: RegExp[];
  /** Sentences saying the section may be skipped (`scopes.sectionSkip`; none without `scopes`). */
  sectionSkip: RegExp[];
  placeholderPrefilter: RegExp;
  placeholderVerb: RegExp;
  placeholderDropLeading: RegExp;
  placeholderHere: RegExp[];
  placeholderEnglishVerb: RegExp;
  secretPairedHead: RegExp;
  expectationPrefilter: RegExp;
  expectationDropLeading: RegExp;
  expectationInstruction: RegExp;
  /** A sentence asking to check that something is absent; group 1 is the absence ("…ない"). */
  expectationAbsence: RegExp;
  expectationEnglish: RegExp[];
  introWork: RegExp;
  introNotWork: RegExp;
  manualNot: RegExp;
  manualEnglish: RegExp[];
  manualEnglishNot: RegExp;
  manualEnglishCondition: RegExp;
  /** {@link LexiconFile} `manual.request`, compiled. */
  manualRequest: RegExp;
  /** Settings changed in prose (named groups `key`, `value`). */
  settingChanges: RegExp[];
  /** English sentences placing added lines before a line (named group `anchor`); none without `insertPositions`. */
  insertBeforeEnglish: RegExp[];
  /** A condition that reads the result of a check before it (`checkBranches.references`); none without it. */
  checkResultReferences: RegExp[];
}

/** An error in the lexicon file: the ajv messages or the pattern that failed to compile. */
export class LexiconError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LexiconError';
  }
}

/**
 * Memoizes a pattern (or index) built from a lexicon: `build` runs once per lexicon object, on the
 * first call, and its result is kept as long as the lexicon is (a WeakMap), so patterns are
 * compiled once, never per sentence.
 * @param build lexicon → the compiled value; must be pure.
 */
export function perLexicon<T>(build: (lexicon: Lexicon) => T): (lexicon: Lexicon) => T {
  const cache = new WeakMap<Lexicon, T>();
  return (lexicon) => {
    if (!cache.has(lexicon)) cache.set(lexicon, build(lexicon));
    return cache.get(lexicon) as T;
  };
}

/** A pattern matching any of `words` literally (alternation of escaped words, `u` flag). */
export function anyOf(words: readonly string[]): RegExp {
  return new RegExp(words.map(escapeRegExp).join('|'), 'u');
}

/** Escapes a literal for use inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** Lower-cases and removes white space: the form aliases and sentences are compared in. */
export function aliasKey(text: string): string {
  return text.replace(/\s+/gu, '').toLowerCase();
}

/**
 * Compiles one pattern with the `u` flag (and `extra` flags).
 * @throws LexiconError naming `where` when the pattern is not a valid regular expression.
 */
function compile(pattern: string, where: string, extra = ''): RegExp {
  try {
    return new RegExp(pattern, `u${extra}`);
  } catch (error) {
    throw new LexiconError(`Invalid pattern at ${where}: ${(error as Error).message}`);
  }
}

/** An ajv validate function (its `errors` set after a failed call). */
type Validate = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };

/**
 * Validates a parsed lexicon against the JSON Schema.
 * @param data the YAML document, parsed.
 * @param schema a JSON Schema object, compiled with ajv for this call; omitted, the shipped
 *   grammars/lexicon.schema.json through its precompiled validator (scripts/validators.mjs:
 *   compiling it took ~160 ms per process).
 * @returns the data typed as {@link LexiconFile}.
 * @throws LexiconError listing every schema violation.
 */
export function validateLexicon(data: unknown, schema?: object): LexiconFile {
  const validate: Validate = schema ? new Ajv({ allErrors: true, strict: true }).compile(schema) : (validateLexiconFile as Validate);
  if (!validate(data)) {
    const details = (validate.errors ?? [])
      .map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
      .join('; ');
    throw new LexiconError(`Unexpected lexicon shape, expected grammars/lexicon.schema.json: ${details}`);
  }
  return data as LexiconFile;
}

/**
 * Compiles a validated lexicon file.
 * @throws LexiconError when a pattern does not compile.
 */
export function compileLexicon(file: LexiconFile): Lexicon {
  const roleAliases: RoleAlias[] = [];
  const englishRoleAliases: RoleAlias[] = [];
  for (const entry of file.roles) {
    for (const text of entry.nouns) roleAliases.push({ role: entry.role, text, key: aliasKey(text), kind: 'noun' });
    for (const text of entry.hosts) roleAliases.push({ role: entry.role, text, key: aliasKey(text), kind: 'host' });
    for (const text of entry.english) {
      englishRoleAliases.push({ role: entry.role, text, key: text.toLowerCase(), kind: 'english' });
    }
  }
  roleAliases.sort((a, b) => b.key.length - a.key.length);
  englishRoleAliases.sort((a, b) => b.key.length - a.key.length);
  const allAliases = [...roleAliases, ...englishRoleAliases].map((a) =>
    a.text.split(/\s+/u).map(escapeRegExp).join('\\s*'),
  );
  const many = (list: string[], where: string, flags = '') =>
    list.map((p, i) => compile(p, `${where}[${i}]`, flags));
  return {
    file,
    roleAliases,
    englishRoleAliases,
    rolePrefilter: compile(allAliases.join('|'), 'roles', 'i'),
    conditionPrefilter: compile(file.conditions.prefilter, 'conditions.prefilter'),
    conditionEnglish: many(file.conditions.englishPatterns, 'conditions.englishPatterns'),
    optionalEnglish: many(file.optional.englishPatterns, 'optional.englishPatterns'),
    forbidden: many(file.forbidden.patterns, 'forbidden.patterns'),
    forbiddenEnglish: many(file.forbidden.englishPatterns, 'forbidden.englishPatterns'),
    discouraged: many(file.discouraged.patterns, 'discouraged.patterns'),
    sectionSkip: many(file.scopes?.sectionSkip ?? [], 'scopes.sectionSkip'),
    placeholderPrefilter: compile(file.placeholders.prefilter, 'placeholders.prefilter', 'm'),
    placeholderVerb: compile(file.placeholders.verbs.map(escapeRegExp).join('|'), 'placeholders.verbs'),
    placeholderDropLeading: compile(file.placeholders.dropLeading, 'placeholders.dropLeading'),
    placeholderHere: many(file.placeholders.herePatterns, 'placeholders.herePatterns'),
    placeholderEnglishVerb: compile(file.placeholders.englishVerb, 'placeholders.englishVerb'),
    secretPairedHead: compile(file.secrets.pairedHead, 'secrets.pairedHead', 'i'),
    expectationPrefilter: compile(file.expectations.prefilter, 'expectations.prefilter'),
    expectationDropLeading: compile(file.expectations.dropLeading, 'expectations.dropLeading'),
    expectationInstruction: compile(file.expectations.instructionEnding, 'expectations.instructionEnding'),
    expectationAbsence: compile(file.expectations.absence, 'expectations.absence'),
    expectationEnglish: many(file.expectations.englishPatterns, 'expectations.englishPatterns'),
    introWork: compile(file.intro.work, 'intro.work', 'i'),
    introNotWork: compile(file.intro.notWork, 'intro.notWork', 'i'),
    manualNot: compile(file.manual.notManual, 'manual.notManual'),
    manualEnglish: many(file.manual.englishPatterns, 'manual.englishPatterns'),
    manualEnglishNot: compile(file.manual.englishNotManual, 'manual.englishNotManual'),
    manualEnglishCondition: compile(file.manual.englishLeadingCondition, 'manual.englishLeadingCondition'),
    manualRequest: compile(file.manual.request, 'manual.request'),
    settingChanges: many(file.settingChanges.patterns, 'settingChanges.patterns'),
    insertBeforeEnglish: many(file.insertPositions?.englishBefore ?? [], 'insertPositions.englishBefore'),
    checkResultReferences: many(file.checkBranches?.references ?? [], 'checkBranches.references'),
  };
}

/**
 * Reads, validates and compiles a lexicon from YAML text.
 * @param schema see {@link validateLexicon} (omitted: the shipped schema, precompiled).
 * @throws LexiconError on a YAML syntax error, a schema violation or a bad pattern.
 */
export function parseLexicon(yamlText: string, schema?: object): Lexicon {
  let data: unknown;
  try {
    data = parseYaml(yamlText);
  } catch (error) {
    throw new LexiconError(`Unexpected YAML in lexicon: ${(error as Error).message}`);
  }
  return compileLexicon(validateLexicon(data, schema));
}

let cached: Lexicon | undefined;

/**
 * The lexicon of grammars/lexicon.yaml, loaded, validated and compiled once per process.
 * @throws LexiconError when the file is invalid; Node's fs errors when it cannot be read.
 */
export function loadLexicon(): Lexicon {
  cached ??= parseLexicon(readFileSync(LEXICON_PATH, 'utf8'));
  return cached;
}

/**
 * The cheap check a decision runs before any tokenizing: `text` normalised (normalizeSentence)
 * when the lexicon's prefilter `which` finds something in it (conditionPrefilter: a condition
 * marker; rolePrefilter: a role alias), else null (the decision's answer is then null).
 * @param text a sentence, list item or title from a guide.
 */
export function prefiltered(which: 'conditionPrefilter' | 'rolePrefilter', text: string): string | null {
  const sentence = normalizeSentence(text);
  return loadLexicon()[which].test(sentence) ? sentence : null;
}
