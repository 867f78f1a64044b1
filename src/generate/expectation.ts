/**
 * A check's expected result as a test the runbooks make: the guide's words (a command action's
 * `expect`, read by src/nlp/expectation.ts or from a caption in the listing) matched against
 * grammars/expectations.yaml. One reading for both generators: the bash runbook's `tejun_check`
 * (bash/handlers/command.ts) and the playbook's assert or `failed_when`
 * (ansible/handlers/command.ts, ansible/branch-results.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { commandWords } from '../extract/command-words.js';
import { PACKAGE_ROOT } from '../grammar/load-grammar.js';
import { validateExpectationsFile } from '../grammar/validators.generated.js';

/** Absolute path of grammars/expectations.yaml. */
export const EXPECTATIONS_PATH = join(PACKAGE_ROOT, 'grammars', 'expectations.yaml');
/** Absolute path of grammars/expectations.schema.json. */
export const EXPECTATIONS_SCHEMA_PATH = join(PACKAGE_ROOT, 'grammars', 'expectations.schema.json');

/** One pattern entry of grammars/expectations.yaml: a regular expression and a text it matches. */
export interface ExpectationPattern {
  pattern: string;
  example: string;
}

/** grammars/expectations.yaml as written (after YAML parsing). */
export interface ExpectationsFile {
  version: 1;
  atLeast: ExpectationPattern[];
  atMost: ExpectationPattern[];
  exactly: ExpectationPattern[];
  nothing: ExpectationPattern[];
  searches: string[];
}

/**
 * A testable expectation. `count`: the last line of the check's output that is a number
 * compares with `value` by `op` (`>=`, `<=`, `==`). `nothing`: the check is a search that must
 * select no line (exit status 1; 0 means it found lines, 2 or more that it could not search).
 */
export type Expectation = { kind: 'count'; op: '>=' | '<=' | '=='; value: number } | { kind: 'nothing' };

/** The compiled file. */
interface Compiled {
  counts: Array<{ op: '>=' | '<=' | '=='; res: RegExp[] }>;
  nothing: RegExp[];
  searches: Set<string>;
}

let compiled: Compiled | null = null;

/**
 * Reads grammars/expectations.yaml and checks it against its JSON schema (the validator
 * scripts/validators.mjs precompiles). Throws with the first schema error (`instancePath
 * message`) when the file does not match.
 */
export function loadExpectationsFile(): ExpectationsFile {
  const data = parseYaml(readFileSync(EXPECTATIONS_PATH, 'utf8')) as unknown;
  const validate = validateExpectationsFile as ((d: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };
  if (!validate(data)) {
    const e = validate.errors?.[0];
    throw new Error(`Unexpected grammars/expectations.yaml ${e?.instancePath || '/'} ${e?.message ?? ''}, expected a document of expectations.schema.json`);
  }
  return data as ExpectationsFile;
}

/** The compiled patterns, loaded on first use and cached for the process. Throws SyntaxError for a bad pattern. */
function expectations(): Compiled {
  if (!compiled) {
    const file = loadExpectationsFile();
    const res = (list: ExpectationPattern[]) => list.map((p) => new RegExp(p.pattern, 'u'));
    compiled = {
      counts: [
        { op: '>=', res: res(file.atLeast) },
        { op: '<=', res: res(file.atMost) },
        { op: '==', res: res(file.exactly) },
      ],
      nothing: res(file.nothing),
      searches: new Set(file.searches),
    };
  }
  return compiled;
}

/**
 * The program of the last command of shell line `run` (after its last `|`, `&&`, `||` or `;`),
 * past `sudo`, `env` and leading `NAME=value` words: `sudo systemctl … | grep error` → `grep`;
 * '' when there is none. Variables are kept as written, not expanded.
 */
export function lastProgram(run: string): string {
  const last = commandWords(run).at(-1) ?? '';
  return last.slice(last.lastIndexOf('/') + 1);
}

/**
 * The test `expect` (the guide's words for check `run`'s result) asks for, or null when it gives
 * none a runbook can make (the words are then shown to the operator). A count form wins over
 * "nothing" ("0 を返すこと" is a count even of a search).
 */
export function readExpectation(run: string, expect: string | null | undefined): Expectation | null {
  if (!expect) return null;
  const text = expect.normalize('NFKC');
  const e = expectations();
  for (const { op, res } of e.counts) {
    for (const re of res) {
      const m = re.exec(text);
      if (m) return { kind: 'count', op, value: Number(m[1]) };
    }
  }
  if (e.nothing.some((re) => re.test(text)) && e.searches.has(lastProgram(run))) return { kind: 'nothing' };
  return null;
}
