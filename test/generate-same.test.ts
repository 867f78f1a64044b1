/**
 * Generation made cheaper, output unchanged (issue 5, bench/generate.mjs):
 *
 * - every guide × target × {site values bound, nothing bound}: the sha256 and size of every
 *   generated file, and the generator's messages, equal test/golden/outputs.sha256 (written from
 *   the generators before the speed changes; `UPDATE=1 node --test dist/test/generate-same.test.js`
 *   rewrites it after an intended output change; review which files changed with `git diff`);
 * - the linear `shellContexts` (bash-subst.ts) equals the quadratic prefix scan it replaced, on
 *   every command of every guide and on random quoting soup;
 * - `placeholderIndex` (bind.ts) returns what `placeholdersFor` returns for every action of every
 *   guide and of random graphs;
 * - `usesFacts` (steps-to-ansible.ts) answers as the regular expression over the tasks' JSON it
 *   replaced, on random task trees;
 * - `PlayWriter` (ansible-yaml.ts) writes each play as the `yaml` package's own Document does, on
 *   random trees of tricky strings, with one writer (its remembered texts) across many items.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import fc from 'fast-check';
import { Document } from 'yaml';
import { PlayWriter, YAML_TEXT } from '../src/generate/ansible/yaml.js';
import { placeholderIndex, placeholdersFor } from '../src/generate/bind.js';
import { shellContexts, type ShellContext } from '../src/generate/shell/quoting.js';
import { usesFacts } from '../src/generate/ansible/plays.js';
import type { Task } from '../src/generate/ansible/types.js';
import type { Action, Placeholder, StepGraph } from '../src/ir/types.js';
import { corpusGuides, listGuides, ROOT } from './helpers/paths.js';
import { loadTejun } from './helpers/tejun.js';
import { FULL, runs } from './helpers/depth.js';

const UPDATE = process.env['UPDATE'] === '1';
const GOLDEN = join(ROOT, 'test', 'golden', 'outputs.sha256');

/** The guides' step graphs, source.path made `guides/<file>` (independent of the checkout). */
const graphs: StepGraph[] = [];

/** The guides compared: corpusGuides() (the quick tier leaves out the one very long guide); all when rewriting. */
const GUIDES = UPDATE ? listGuides() : corpusGuides();

/** The golden lines of the guides compared: `<options>/<target>/<base>.…` or `…/<base>/…`, base = the guide's file name without extension. */
function goldenLines(text: string): string {
  const bases = GUIDES.map((g) => basename(g).replace(/\.[^.]+$/, ''));
  // The base is the third `/`-separated part up to its first `.` or blank (guide names hold no dot but the extension's).
  const compared = (line: string) => bases.includes(line.split('/')[2]?.split(/[ .]/)[0] ?? '');
  return `${text.split('\n').filter((line) => line !== '' && compared(line)).join('\n')}\n`;
}

before(async () => {
  const tejun = await loadTejun();
  for (const path of GUIDES) {
    const graph = await tejun.parseGuide(path);
    graph.source.path = `guides/${basename(path)}`;
    graphs.push(graph);
  }
});

/** Every action of `graph`, in guide order. */
function actions(graph: StepGraph): Action[] {
  return graph.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions));
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

test('every guide × target: generated files and messages equal test/golden/outputs.sha256', async () => {
  const tejun = await loadTejun();
  const site = tejun.loadVars(readFileSync(join(ROOT, 'examples', 'site.yaml'), 'utf8'), 'examples/site.yaml');
  assert.deepEqual(site.messages, []);
  const optionSets = [
    { name: 'site', options: { vars: site.vars } },
    { name: 'unbound', options: { vars: {}, allowUnbound: true } },
  ];
  const lines: string[] = [];
  for (const { name, options } of optionSets) {
    for (const graph of graphs) {
      for (const target of tejun.TARGETS) {
        const result = tejun.generate(target, graph, options);
        const base = basename(graph.source.path).replace(/\.[^.]+$/, '');
        for (const file of result.files) {
          lines.push(`${name}/${target}/${file.path} ${file.mode.toString(8)} ${Buffer.byteLength(file.content)} ${sha256(file.content)}`);
        }
        const messages = JSON.stringify(result.messages);
        lines.push(`${name}/${target}/${base}.messages.json - ${Buffer.byteLength(messages)} ${sha256(messages)}`);
      }
    }
  }
  const ansible = lines.filter((l) => /^\w+\/ansible\//.test(l) && !l.includes('.messages.json '));
  assert.equal(lines.length - ansible.length, 2 * graphs.length * (1 + 1 + 3), 'one line per file (bash 1, checklist 1) and per message list (3)');
  assert.equal(ansible.filter((l) => /\/(site\.yml|inventory\.ini) /.test(l)).length, 2 * graphs.length * 2, 'site.yml and inventory.ini per guide, beside its roles');
  const actual = `${lines.sort().join('\n')}\n`;
  if (UPDATE) {
    mkdirSync(dirname(GOLDEN), { recursive: true });
    writeFileSync(GOLDEN, actual);
    return;
  }
  assert.ok(existsSync(GOLDEN), `${GOLDEN} is missing; run with UPDATE=1 to create it`);
  assert.equal(actual, goldenLines(readFileSync(GOLDEN, 'utf8')), `generated outputs differ from ${GOLDEN} (UPDATE=1 rewrites it after an intended change)`);
});

/** The shell-quoting prefix scan shellContexts replaced (O(n²)), kept here as the reference. */
function referenceContexts(text: string): ShellContext[] {
  const advance = (input: string): { stack: ShellContext[]; escaped: boolean } => {
    const stack: ShellContext[] = ['unquoted'];
    let escaped = false;
    for (let i = 0; i < input.length; i++) {
      const c = input[i];
      const ctx = stack[stack.length - 1];
      if (escaped) {
        escaped = false;
        continue;
      }
      if (ctx === 'single') {
        if (c === "'") stack.pop();
        continue;
      }
      if (ctx === 'ansi') {
        if (c === '\\') escaped = true;
        else if (c === "'") stack.pop();
        continue;
      }
      if (c === '\\') {
        escaped = true;
        continue;
      }
      if (ctx === 'double') {
        if (c === '"') stack.pop();
        else if (c === '$' && input[i + 1] === '(') {
          stack.push('unquoted');
          i++;
        } else if (c === '`') stack.push('backtick');
        continue;
      }
      if (c === '`') {
        if (ctx === 'backtick') stack.pop();
        else stack.push('backtick');
      } else if (c === "'") stack.push('single');
      else if (c === '"') stack.push('double');
      else if (c === '$' && input[i + 1] === "'") {
        stack.push('ansi');
        i++;
      } else if (c === '$' && input[i + 1] === '(') {
        stack.push('unquoted');
        i++;
      } else if (c === '(' && stack.length > 1) stack.push('unquoted');
      else if (c === ')' && stack.length > 1 && ctx === 'unquoted') stack.pop();
    }
    return { stack, escaped };
  };
  const out: ShellContext[] = [];
  for (let i = 0; i < text.length; i++) {
    const scan = advance(text.slice(0, i));
    out.push(scan.escaped ? 'single' : (scan.stack[scan.stack.length - 1] as ShellContext));
  }
  return out;
}

test('shellContexts equals the prefix scan on every command, SQL statement and file line of every guide', () => {
  let texts = 0;
  for (const graph of graphs) {
    for (const a of actions(graph)) {
      const text = a.kind === 'command' || a.kind === 'sql' ? a.run : a.kind === 'file' ? a.content : a.kind === 'ini' ? a.value : a.text;
      assert.deepEqual(shellContexts(text), referenceContexts(text), `${graph.source.path}:${a.source.line}: ${text}`);
      texts += 1;
    }
  }
  // Over 500 in the whole corpus; about 270 without the long guide (the quick tier's corpusGuides).
  assert.ok(texts > (FULL ? 500 : 200), `expected the guides to hold more than 500 actions, found ${texts}`);
});

test('shellContexts equals the prefix scan on random quoting', () => {
  const piece = fc.constantFrom("'", '"', '`', '$', '(', ')', '\\', '$(', "$'", 'a', ' ', '>', '\\\\');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
      const text = pieces.join('');
      assert.deepEqual(shellContexts(text), referenceContexts(text));
    }),
    { numRuns: runs(3000, 300) },
  );
});

test('placeholderIndex gives placeholdersFor for every action of every guide', () => {
  let scoped = 0;
  for (const graph of graphs) {
    const index = placeholderIndex(graph);
    for (const a of actions(graph)) {
      const expected = placeholdersFor(graph, a);
      assert.deepEqual(index(a), expected, `${graph.source.path}: action ${a.id}`);
      // Asked twice (cached): the same answer.
      assert.deepEqual(index(a), expected);
      if (graph.placeholders.some((p) => p.scope?.includes(a.id))) scoped += 1;
    }
  }
  assert.ok(scoped > 0, 'expected some action of the guides to have scoped placeholders');
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
