/**
 * Fixture-folder tests: every test/fixtures/<case>/ holds `input.<txt|md|html|rst|adoc|sgml|xml>`
 * (a small excerpt cut unchanged from a guide in guides/, or a file written from the format's
 * specification, see its SOURCE file) and the expectations:
 *
 * - `expected.json`: the step graph of the input, normalised (source.path → `input.<ext>`,
 *   source.sha256 → `<sha256>`), always present;
 * - `expected.sh` / `expected.yml` / `expected.md`: the bash runbook / Ansible output / checklist
 *   for the normalised graph with no site values bound (`allowUnbound`), only for cases that have
 *   the file. A target that writes several files (Ansible: playbook, inventory, variables) has
 *   them one after the other, each under a `==> path <==` line.
 *
 * A difference is reported as the lines that differ, with three lines around them (`-` expected,
 * `+` actual). `UPDATE=1 node scripts/run-tests.mjs unit test/fixtures.test.ts` rewrites the
 * expected files from the current output instead of comparing (review the change with
 * `git diff`). To add an output expectation to a case, create an empty expected.sh / .yml / .md
 * and run with UPDATE=1. Keep these snapshots to a handful of cases: every generator change
 * rewrites them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Target } from '../src/generate/index.js';
import type { StepGraph } from '../src/ir/types.js';
import { normaliseGraph, toJsonText } from './helpers/graph.js';
import { lineDiff } from './helpers/line-diff.js';
import { FIXTURES_DIR } from './helpers/paths.js';
import { loadTejun } from './helpers/tejun.js';

const UPDATE = process.env['UPDATE'] === '1';

/** Output expectations a case may have, by file name. */
const OUTPUT_EXPECTATIONS: ReadonlyArray<{ file: string; target: Target }> = [
  { file: 'expected.sh', target: 'bash' },
  { file: 'expected.yml', target: 'ansible' },
  { file: 'expected.md', target: 'checklist' },
];

/** One fixture folder. */
interface FixtureCase {
  name: string;
  dir: string;
  input: string;
}

/** The fixture folders, sorted by name; each must hold exactly one input.* file. */
function listCases(): FixtureCase[] {
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    // diff-* cases hold `tejun diff` reports (test/diff.test.ts), not guide excerpts.
    .filter((d) => d.isDirectory() && !d.name.startsWith('diff-'))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = join(FIXTURES_DIR, name);
      const inputs = readdirSync(dir).filter((f) => /^input\.(txt|md|html|rst|adoc|sgml|xml)$/.test(f));
      assert.equal(inputs.length, 1, `${name}: expected exactly one input.<txt|md|html|rst|adoc|sgml|xml>, found ${inputs.join(', ') || 'none'}`);
      return { name, dir, input: join(dir, inputs[0] as string) };
    });
}

/** Compares `actual` with the file at `path`, or (UPDATE=1) writes it there. */
function expectFile(path: string, actual: string, label: string): void {
  if (UPDATE) {
    writeFileSync(path, actual);
    return;
  }
  assert.ok(existsSync(path), `${label}: ${path} is missing; run with UPDATE=1 to create it, then review it`);
  const expected = readFileSync(path, 'utf8');
  if (actual !== expected) assert.fail(`${label} differs from ${path} (UPDATE=1 rewrites it):\n${lineDiff(expected, actual)}`);
}

const cases = listCases();

test('there are fixture cases for every input format', () => {
  const formats = new Set(cases.map((c) => c.input.split('.').pop()));
  assert.deepEqual([...formats].sort(), ['adoc', 'html', 'md', 'rst', 'sgml', 'txt', 'xml']);
});

for (const c of cases) {
  test(`fixture ${c.name}`, async (t) => {
    const tejun = await loadTejun();
    const graph: StepGraph = normaliseGraph(await tejun.parseGuide(c.input));

    await t.test('step graph', () => {
      expectFile(join(c.dir, 'expected.json'), toJsonText(graph), `${c.name} graph`);
    });

    for (const { file, target } of OUTPUT_EXPECTATIONS) {
      const path = join(c.dir, file);
      if (!existsSync(path)) continue;
      await t.test(`${target} output`, () => {
        const result = tejun.generate(target, graph, { vars: {}, allowUnbound: true });
        const errors = result.messages.filter((m) => m.severity === 'error');
        assert.deepEqual(errors, [], `${c.name}: ${target} generator reported errors`);
        assert.equal(result.files.length > 0, true, `${c.name}: ${target} generator wrote no files`);
        const text = result.files.map((f) => (result.files.length > 1 ? `==> ${f.path} <==\n${f.content}` : f.content)).join('\n');
        expectFile(path, text, `${c.name} ${target}`);
      });
    }
  });
}
