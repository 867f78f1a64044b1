/**
 * Grammars as data (grammars/*.yaml, src/grammar/load-grammar.ts) and dialect detection
 * (src/ingest/detect-dialect.ts): every dialect file validates against grammars/grammar.schema.json
 * and loads with its `extends` chain resolved; names, detect patterns, formats and prompts keep
 * their invariants; the prompts read the prompts the guides use; a broken grammar file is reported
 * with its path; every guide in guides/ is read by the right dialect, judged from its content.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { GRAMMAR_DIR, GrammarError, listDialects, loadGrammar, readGrammarFile, type GrammarFile } from '../src/grammar/load-grammar.js';
import { detectDialect, detectFormat, GENERIC_DIALECT } from '../src/ingest/detect-dialect.js';
import { parseGuide } from '../src/index.js';
import { corpusGuides, GUIDES_DIR, listGuides } from './helpers/paths.js';

/** Every grammar file (dialects and base), by name, as YAML data; a data file with its own NAME.schema.json (lexicon.yaml, site-variables.yaml) is not a grammar. */
function grammarFiles(): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const all = readdirSync(GRAMMAR_DIR);
  for (const f of all.filter((n) => n.endsWith('.yaml') && !all.includes(n.replace(/\.yaml$/, '.schema.json'))).sort()) {
    out.set(f.slice(0, -'.yaml'.length), parseYaml(readFileSync(join(GRAMMAR_DIR, f), 'utf8')));
  }
  return out;
}

/** A temporary grammars folder holding `files` (name → YAML text); removed by the caller. */
function tempGrammars(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-grammar-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, `${name}.yaml`), text);
  return dir;
}

test('the grammars folder holds base and the five dialects of the corpus', () => {
  const names = [...grammarFiles().keys()];
  for (const n of ['base', 'redhat-text', 'redhat-scraped', 'markdown-walkthrough', 'upstream-markdown', 'upstream-html']) {
    assert.ok(names.includes(n), `grammars/${n}.yaml missing (have ${names.join(', ')})`);
  }
  assert.deepEqual(listDialects(), names.filter((n) => n !== 'base').sort(), 'listDialects: every grammar but base');
});

test('every grammar file validates against grammars/grammar.schema.json', () => {
  const schema = JSON.parse(readFileSync(join(GRAMMAR_DIR, 'grammar.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
  for (const [name, data] of grammarFiles()) {
    const ok = validate(data);
    assert.ok(ok, `${name}.yaml: ${JSON.stringify(validate.errors)}`);
  }
});

test('the schema rejects what a grammar must not be (so the validation above can fail)', () => {
  const schema = JSON.parse(readFileSync(join(GRAMMAR_DIR, 'grammar.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
  const good = { name: 'x', description: 'd', format: 'text' };
  assert.equal(validate(good), true);
  assert.equal(validate({ ...good, format: 'pdf' }), false, 'unknown format');
  assert.equal(validate({ ...good, promtps: [] }), false, 'misspelt field');
  assert.equal(validate({ ...good, detect: [{ pattern: 'x', weight: 0 }] }), false, 'zero weight');
  assert.equal(validate({ ...good, prompts: [{ name: 'p' }] }), false, 'prompt without pattern');
  assert.equal(validate({ name: 'x', format: 'text' }), false, 'no description');
});

test('every grammar names itself after its file, and no two grammars share a name', () => {
  const seen = new Set<string>();
  for (const [file, data] of grammarFiles()) {
    const name = (data as GrammarFile).name;
    assert.equal(name, file, `${file}.yaml is named ${name}`);
    assert.ok(!seen.has(name), `two grammars named ${name}`);
    seen.add(name);
  }
});

test('extends chains end at a grammar without extends, through existing files, without a cycle', () => {
  const files = grammarFiles();
  for (const name of files.keys()) {
    const chain: string[] = [];
    for (let n: string | undefined = name; n; n = (files.get(n) as GrammarFile | undefined)?.extends) {
      assert.ok(files.has(n), `${name}: extends names missing grammar ${n}`);
      assert.ok(!chain.includes(n), `${name}: extends cycle ${[...chain, n].join(' → ')}`);
      chain.push(n);
    }
    if (name !== 'base') assert.equal(chain[chain.length - 1], 'base', `${name}: chain ${chain.join(' → ')} does not reach base`);
  }
});

test('every dialect loads through loadGrammar: extends resolved, every pattern compiled', () => {
  const base = readGrammarFile('base');
  for (const name of listDialects()) {
    const g = loadGrammar(name);
    assert.equal(g.name, name);
    assert.ok(g.prompts.length >= (base.prompts ?? []).length, `${name}: base prompts inherited`);
    for (const p of base.prompts ?? []) assert.ok(g.prompts.some((q) => q.name === p.name), `${name}: base prompt ${p.name} missing`);
    for (const re of [...g.detect.map((d) => d.re), ...g.prompts.map((p) => p.re), ...g.verify, ...g.output, g.continuation, g.filePath]) {
      assert.ok(re instanceof RegExp, `${name}: uncompiled pattern`);
    }
    assert.ok(g.sessions.length >= 1, `${name}: the mysql session of base is inherited`);
    assert.ok(g.switchUser instanceof RegExp, `${name}: switchUser inherited from base`);
  }
  // The scraped dialect extends redhat-text, so it has redhat-text's own prompt and headings too.
  const scraped = loadGrammar('redhat-scraped');
  assert.ok(scraped.prompts.some((p) => p.name === 'root-nospace'), 'redhat-scraped inherits root-nospace');
  assert.ok(scraped.headings.some((h) => h.procedure), 'redhat-scraped inherits the 手順 heading');
  assert.equal(scraped.duplicateBlocks, true);
});

test('every dialect has at least one detect pattern and a concrete format; the generic reading has neither', () => {
  for (const name of listDialects()) {
    const g = loadGrammar(name);
    if (name === GENERIC_DIALECT) {
      // Never chosen by detection: it reads what no dialect claims, whatever the format.
      assert.deepEqual([g.detect.length, g.format], [0, 'any']);
      continue;
    }
    assert.ok(g.detect.length >= 1, `${name}: no detect pattern`);
    assert.ok(['text', 'markdown', 'html'].includes(g.format), `${name}: format ${g.format}`);
  }
});

test('every prompt pattern is anchored at ^ and prompt names are unique within a dialect', () => {
  for (const name of listDialects()) {
    const g = loadGrammar(name);
    const names = g.prompts.map((p) => p.name);
    assert.deepEqual(names, [...new Set(names)], `${name}: duplicate prompt names`);
    for (const p of g.prompts) assert.ok(p.re.source.startsWith('^'), `${name}: prompt ${p.name} /${p.re.source}/ not anchored`);
  }
});

/** Prompt examples from the guides: the line, the rule that must match first, and what it marks. */
const PROMPT_EXAMPLES: ReadonlyArray<{ line: string; kind: 'root' | 'user' | 'sql'; rest: string }> = [
  { line: '# ls', kind: 'root', rest: 'ls' },
  { line: '$ ls', kind: 'user', rest: 'ls' },
  { line: 'mysql> SELECT 1;', kind: 'sql', rest: 'SELECT 1;' },
  { line: 'MariaDB [(none)]> exit', kind: 'sql', rest: 'exit' },
  { line: '[root@controller01 ~]# ls', kind: 'root', rest: 'ls' },
  { line: '[(keystone_admin)]# keystone user-list', kind: 'root', rest: 'keystone user-list' },
];

test('each prompt of the guides is read by the first matching rule of every dialect as intended', () => {
  for (const name of listDialects()) {
    const g = loadGrammar(name);
    for (const ex of PROMPT_EXAMPLES) {
      const rule = g.prompts.find((p) => p.re.test(ex.line));
      assert.ok(rule, `${name}: no prompt reads ${JSON.stringify(ex.line)}`);
      const kind = rule.sql ? 'sql' : rule.user;
      assert.equal(kind, ex.kind, `${name}: ${JSON.stringify(ex.line)} read by ${rule.name} as ${kind}`);
      assert.equal(ex.line.replace(rule.re, ''), ex.rest, `${name}: ${rule.name} removes the whole prompt`);
    }
  }
});

test('prompts do not read comments, shebangs or prose as commands', () => {
  const g = loadGrammar('redhat-text');
  for (const line of ['#!/bin/sh', '#', 'mysql -u root -p', 'Enter password:', '[DEFAULT]']) {
    const rule = g.prompts.find((p) => p.re.test(line));
    assert.equal(rule, undefined, `${JSON.stringify(line)} read by ${rule?.name}`);
  }
  // `#service x start` (no space) is a root prompt in redhat-text only.
  assert.equal(g.prompts.find((p) => p.re.test('#service x start'))?.user, 'root');
  assert.equal(loadGrammar('upstream-markdown').prompts.find((p) => p.re.test('#service x start')), undefined);
});

test('a broken grammar file throws GrammarError naming the file', () => {
  const dir = tempGrammars({
    base: 'name: base\ndescription: b\nformat: any\n',
    'bad-yaml': 'name: bad-yaml\ndescription: [unclosed\n',
    'bad-schema': 'name: bad-schema\ndescription: d\nformat: pdf\n',
    'bad-name': 'name: other\ndescription: d\nformat: text\ndetect: [{ pattern: x, weight: 1 }]\n',
    'bad-regex': "name: bad-regex\nextends: base\ndescription: d\nformat: text\ndetect: [{ pattern: '(unclosed', weight: 1 }]\n",
    'bad-parent': 'name: bad-parent\nextends: nowhere\ndescription: d\nformat: text\n',
    'cycle-a': 'name: cycle-a\nextends: cycle-b\ndescription: d\nformat: text\n',
    'cycle-b': 'name: cycle-b\nextends: cycle-a\ndescription: d\nformat: text\n',
    good: "name: good\nextends: base\ndescription: d\nformat: text\ndetect: [{ pattern: '^x', weight: 1 }]\n",
  });
  try {
    const expectError = (fn: () => unknown, file: string, reason: RegExp) => {
      assert.throws(fn, (e: unknown) => {
        assert.ok(e instanceof GrammarError, `not a GrammarError: ${String(e)}`);
        assert.equal(basename(e.file), file);
        assert.ok(e.message.includes(join(dir, file)), `message does not name the file: ${e.message}`);
        assert.match(e.message, reason);
        return true;
      });
    };
    expectError(() => readGrammarFile('bad-yaml', dir), 'bad-yaml.yaml', /cannot read/);
    expectError(() => readGrammarFile('bad-schema', dir), 'bad-schema.yaml', /invalid grammar/);
    expectError(() => readGrammarFile('bad-name', dir), 'bad-name.yaml', /does not match the file name/);
    expectError(() => readGrammarFile('absent', dir), 'absent.yaml', /cannot read/);
    expectError(() => loadGrammar('bad-regex', dir), 'bad-regex.yaml', /bad pattern/);
    expectError(() => loadGrammar('bad-parent', dir), 'nowhere.yaml', /cannot read/);
    expectError(() => loadGrammar('cycle-a', dir), 'cycle-a.yaml', /cycle/);
    // The same folder also loads a good grammar: the failures above are the files', not the folder's.
    assert.equal(loadGrammar('good', dir).name, 'good');
    assert.deepEqual(listDialects(dir), ['bad-name', 'bad-parent', 'bad-regex', 'bad-schema', 'bad-yaml', 'cycle-a', 'cycle-b', 'good']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The dialect each guide of the corpus is written in, by the number its file name starts with. */
const GUIDE_DIALECTS: Readonly<Record<string, { format: string; dialect: string }>> = {
  '000': { format: 'text', dialect: 'redhat-text' },
  '001': { format: 'text', dialect: 'redhat-scraped' },
  '002': { format: 'markdown', dialect: 'markdown-walkthrough' },
  '003': { format: 'markdown', dialect: 'upstream-markdown' },
  '004': { format: 'text', dialect: 'redhat-text' },
  '005': { format: 'html', dialect: 'upstream-html' },
  '006': { format: 'html', dialect: 'upstream-html' },
};

test('every guide in guides/ is detected as its format and dialect', () => {
  const guides = listGuides();
  assert.deepEqual(guides.map((g) => basename(g).slice(0, 3)), Object.keys(GUIDE_DIALECTS), 'the corpus changed');
  for (const guide of guides) {
    const want = GUIDE_DIALECTS[basename(guide).slice(0, 3)]!;
    const d = detectDialect(readFileSync(guide, 'utf8'));
    assert.deepEqual({ format: d.format, dialect: d.grammar.name }, want, basename(guide));
  }
});

test('detection reads content, not names: each guide under a misleading name keeps its dialect', async () => {
  const misleading: Record<string, string> = { text: 'x.md', markdown: 'x.html', html: 'x.txt' };
  for (const guide of corpusGuides()) {
    const want = GUIDE_DIALECTS[basename(guide).slice(0, 3)]!;
    const name = misleading[want.format]!;
    const graph = await parseGuide(name, { bytes: readFileSync(guide) });
    assert.equal(graph.source.path, name);
    assert.deepEqual({ format: graph.source.format, dialect: graph.source.dialect }, want, `${basename(guide)} as ${name}`);
  }
});

test('detectFormat: markup, fences and headings, else text', () => {
  assert.equal(detectFormat('<!DOCTYPE html>\n<html><body></body></html>'), 'html');
  assert.equal(detectFormat('  <?xml version="1.0"?>\n<html/>'), 'html');
  assert.equal(detectFormat('# a\n\n```\n# ls\n```\n'), 'markdown');
  assert.equal(detectFormat('手順8.5 作成\n  1. 実行します。\n    # ls\n'), 'text');
});

test('--dialect forces a dialect; an unknown dialect throws GrammarError', async () => {
  const text = readFileSync(join(GUIDES_DIR, readdirSync(GUIDES_DIR).find((f) => f.startsWith('000'))!), 'utf8');
  assert.equal(detectDialect(text).grammar.name, 'redhat-text');
  const forced = detectDialect(text, 'redhat-scraped');
  assert.equal(forced.grammar.name, 'redhat-scraped');
  assert.equal(forced.format, 'text');
  const graph = await parseGuide('x.txt', { bytes: Buffer.from(text), dialect: 'redhat-scraped' });
  assert.equal(graph.source.dialect, 'redhat-scraped');
  assert.throws(() => detectDialect(text, 'no-such-dialect'), GrammarError);
  await assert.rejects(parseGuide('x.txt', { bytes: Buffer.from(text), dialect: 'no-such-dialect' }), (e: unknown) => e instanceof GrammarError && /no-such-dialect\.yaml/.test(e.message));
});

test('base verify patterns: a program asked only for its version is a check; with more arguments it is not', () => {
  const g = loadGrammar(GENERIC_DIALECT);
  const isCheck = (run: string): boolean => g.verify.some((re) => re.test(run));
  for (const run of ['make --version', 'mysql -V', 'openstack version']) assert.equal(isCheck(run), true, run);
  for (const run of ['make install', 'pip install --version 2', 'sort -V file']) assert.equal(isCheck(run), false, run);
});
