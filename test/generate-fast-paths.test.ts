/**
 * The generators' fast paths answer as their plain definitions:
 *
 * - `shellContexts` (shell/quoting.ts): the quoting context each character of a command is read
 *   in, written out for a table of commands (one letter a character: u unquoted, d "…", s '…' or
 *   an escaped character, a $'…', b backticks), and, on random quoting soup, the context
 *   {@link advance} reaches over the text before each character;
 * - `placeholderIndex` (bind.ts) returns what `placeholdersFor` returns, for every action of every
 *   fixture's expected graph and of random graphs (duplicate names and scopes, ties);
 * - `usesFacts` (ansible/plays.ts) answers as its regular expression over the tasks' JSON, on
 *   random task trees;
 * - `PlayWriter` (ansible/yaml.ts) writes each play as the `yaml` package's own Document does, on
 *   random trees of tricky strings, with one writer (its remembered texts) across many items.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Document } from 'yaml';
import { PlayWriter, YAML_TEXT } from '../src/generate/ansible/yaml.js';
import { placeholderIndex, placeholdersFor } from '../src/generate/bind.js';
import { advance, shellContexts, startScan, top, type ShellContext } from '../src/generate/shell/quoting.js';
import { usesFacts } from '../src/generate/ansible/plays.js';
import type { Task } from '../src/generate/ansible/types.js';
import type { Action, Placeholder, StepGraph } from '../src/ir/types.js';
import { FIXTURES_DIR } from './helpers/paths.js';
import { runs } from './helpers/depth.js';

/** One letter a context, as the tables write them. */
const LETTER: Record<ShellContext, string> = { unquoted: 'u', double: 'd', single: 's', ansi: 'a', backtick: 'b' };

/** The contexts of `text` as letters, one a character. */
const letters = (text: string): string => shellContexts(text).map((c) => LETTER[c]).join('');

test('shellContexts: the quoting each character is read in', () => {
  const cases: Array<[string, string]> = [
    ["echo 'a b' c", 'uuuuuussssuu'],
    ['echo "x $(date) y"', 'uuuuuudddduuuuuddd'], // the ( of $( is read where the $ is
    ["a\\'b", 'uusu'], // an escaped quote opens nothing; the escaped character counts as single
    ["echo $'a\\'b' c", 'uuuuuuuaasaauu'],
    ['echo `id` x', 'uuuuuubbbuu'],
    ['"a `b` c"', 'udddbbddd'],
    ['$( (a) ) x', 'uuuuuuuuuu'], // a ( inside $( ) nests and the ) closes it
    ['(a) x', 'uuuuu'],
    ['"$\'x\'"', 'uddddd'], // $' inside "…" is no ANSI quote
    ["'a\\' b", 'usssuu'], // a backslash inside '…' escapes nothing
    ['x\\\\y', 'uusu'],
    ['"a\\"b" c', 'uddsdduu'],
    ["`a 'b' c`", 'ubbbssbbb'],
    ['$(echo "$(id)")', 'uuuuuuuudduuudu'],
    ['', ''],
  ];
  for (const [text, expected] of cases) assert.equal(letters(text), expected, text);
});

/** Random quoting soup: the characters and pairs the scanner treats specially. */
const soup = fc.array(fc.constantFrom("'", '"', '`', '$', '(', ')', '\\', '$(', "$'", 'a', ' ', '>', '\\\\'), { maxLength: 40 }).map((p) => p.join(''));

test('shellContexts: each character is read in the context advance reaches over the text before it', () => {
  fc.assert(
    fc.property(soup, (text) => {
      const got = shellContexts(text);
      for (let i = 0; i < text.length; i++) {
        const scan = advance(startScan(), text.slice(0, i));
        assert.equal(got[i], scan.escaped ? 'single' : top(scan), `${JSON.stringify(text)} at ${i}`);
      }
    }),
    { numRuns: runs(3000, 300) },
  );
});

/** Every fixture's expected step graph (expected.json in each folder of test/fixtures but the diff-* reports). */
function fixtureGraphs(): StepGraph[] {
  return readdirSync(FIXTURES_DIR)
    .filter((name) => !name.startsWith('diff-'))
    .map((name) => join(FIXTURES_DIR, name, 'expected.json'))
    .filter((path) => existsSync(path))
    .map((path) => JSON.parse(readFileSync(path, 'utf8')) as StepGraph);
}

test('placeholderIndex gives placeholdersFor for every action of every fixture graph', () => {
  let scoped = 0;
  let actions = 0;
  for (const graph of fixtureGraphs()) {
    const index = placeholderIndex(graph);
    for (const a of graph.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions))) {
      const expected = placeholdersFor(graph, a);
      assert.deepEqual(index(a), expected, `${graph.source.path}: action ${a.id}`);
      // Asked twice (cached): the same answer.
      assert.deepEqual(index(a), expected);
      actions += 1;
      if (graph.placeholders.some((p) => p.scope?.includes(a.id))) scoped += 1;
    }
  }
  assert.ok(actions > 50 && scoped > 0, `expected the fixtures to hold actions with scoped placeholders: ${actions} actions, ${scoped} scoped`);
});

test('placeholderIndex gives placeholdersFor on random graphs (duplicate names and scopes, ties)', () => {
  const ids = ['a1', 'a2', 'a3', 'a4'];
  const placeholder = fc.record({
    name: fc.constantFrom('PASS', 'PASSWORD', 'IP', 'HOST', 'X', 'XY'),
    token: fc.option(fc.constantFrom('<p>', '<password>'), { nil: undefined }),
    scope: fc.option(fc.array(fc.constantFrom(...ids), { maxLength: 4 }), { nil: null }),
  });
  fc.assert(
    fc.property(fc.array(placeholder, { maxLength: 12 }), (list) => {
      const placeholders = list.map((p, i) => ({
        name: p.name,
        variable: `V${i}`,
        ...(p.token === undefined ? {} : { token: p.token }),
        description: '',
        secret: false,
        scope: p.scope,
        source: { line: i + 1, column: 1 },
      })) as unknown as Placeholder[];
      const graph = { placeholders } as unknown as StepGraph;
      const index = placeholderIndex(graph);
      for (const id of [...ids, 'a9']) {
        const action = { id } as Action;
        const got = index(action);
        const expected = placeholdersFor(graph, action);
        assert.equal(got.length, expected.length);
        got.forEach((p, i) => assert.equal(p, expected[i], `action ${id}, position ${i}`));
      }
    }),
    { numRuns: runs(1000, 100) },
  );
});

test('usesFacts answers as the test of its regular expression on the JSON of the tasks', () => {
  const text = fc
    .array(fc.constantFrom('ansible_env', 'ansible_facts', 'ansible_', 'env', 'x', '_', '.', ' ', '\n', '\t', '"', '\\', '\u0001', '{{ ', ' }}'), { maxLength: 8 })
    .map((parts) => parts.join(''));
  const leaf = fc.oneof(text, fc.boolean(), fc.integer(), fc.constant(null), fc.constant(undefined));
  const tree = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(text, tie('node'), { maxKeys: 3 })),
  })).node;
  let matched = 0;
  fc.assert(
    fc.property(fc.array(fc.dictionary(text, tree, { maxKeys: 4 }), { maxLength: 3 }), (tasks) => {
      const expected = /\bansible_(env|facts)\b/.test(JSON.stringify(tasks));
      if (expected) matched += 1;
      assert.equal(usesFacts(tasks as Task[]), expected, JSON.stringify(tasks));
    }),
    { numRuns: runs(3000, 300) },
  );
  assert.ok(matched > 100, `expected the random tasks to read facts more than 100 times, found ${matched}`);
});

test('PlayWriter writes what the yaml package writes for each item alone, on random plays, one writer for many items', () => {
  // Strings YAML 1.1 reads as something else, or must quote, fold or block: the remembered texts
  // (by string and context) and the shared scalars must not change any of them.
  const word = fc.constantFrom(
    'name', 'tags', 'yes', 'No', 'on', 'OFF', 'y', 'null', '~', '', ' ', '0', '0o17', '017', '0x1F', '1_000', '1:20', '.5', '1e3', '-.inf',
    '.NaN', '2001-12-14', 'a: b', 'a #b', '#x', '- x', '? x', '@x', '`x', '%x', '!x', '&x', '*x', '|', '>', "'", '"', '\\', '{{ x }}',
    '{x}', '[x]', 'x,y', '設定', '　', '\t', '\n', 'x\n', '\nx', 'x\n\n', '  x', 'x  ', 'ansible.builtin.shell', 'mysql -u root -p',
  );
  const text = fc.array(word, { maxLength: 6 }).map((ws) => ws.join(''));
  const long = fc.array(fc.constantFrom('word ', 'ことば', 'x', ' ', '\n'), { minLength: 20, maxLength: 60 }).map((ws) => ws.join(''));
  // One line past lineWidth: folded where the column allows (after `- ` or a long key).
  const wide = fc.array(fc.constantFrom('word ', 'ことば ', 'x', '#'), { minLength: 30, maxLength: 70 }).map((ws) => ws.join(''));
  const leaf = fc.oneof(text, long, wide, fc.boolean(), fc.constant(null));
  const tree = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(text, tie('node'), { maxKeys: 4 })),
  }));
  fc.assert(
    fc.property(fc.array(tree.node, { minLength: 1, maxLength: 3 }), (trees) => {
      const writer = new PlayWriter();
      // Each tree again at other depths and columns, so remembered texts meet other contexts.
      // (Copies: the package writes an anchor and alias for one object met twice; plays share none.)
      const c = (t: unknown) => structuredClone(t);
      const items = trees.flatMap((t) => [c(t), { k: c(t), kkkkkkkkkkkkkkkkkkkkk: c(t) }, [[c(t)]], { a: [{ bb: c(t), [(JSON.stringify(t) ?? "").slice(0, 9)]: c(t) }] }]);
      for (const value of items) {
        const expected = new Document([value], { version: '1.1' }).toString({ ...YAML_TEXT, directives: false }).replace(/\n$/, '');
        assert.equal(writer.item(value), expected);
      }
    }),
    { numRuns: runs(400, 100) },
  );
});
