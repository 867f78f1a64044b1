/**
 * escape/bash.ts: the runbook's `tejun_escape` helper writes what escape/url.ts and
 * escape/python.ts write, and Python (urllib, python3 required) reads the values back; a canary
 * file proves nothing a value holds ran. The bash-only proofs are in test/escape-bash.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { placeExpansion, pythonStringExpansion, shellQuote, urlUserinfoExpansion } from '../../src/generate/escape/bash.js';
import { pythonString } from '../../src/generate/escape/python.js';
import { urlUserinfo } from '../../src/generate/escape/url.js';
import { stepsToBash } from '../../src/generate/bash/steps-to-bash.js';
import type { StepGraph } from '../../src/ir/types.js';
import { sampleHostile } from '../helpers/hostile-values.js';
import { bash, scratch } from '../helpers/bash-run.js';

/** The runbook's helper functions (tejun_escape and its tejun_fail), cut out of a generated runbook. */
function runbookHelpers(): string {
  const graph: StepGraph = {
    schemaVersion: 1,
    source: { path: 'empty.txt', format: 'text', dialect: 'redhat-text', sha256: '00'.repeat(32) },
    title: 'empty', roles: [], procedures: [], placeholders: [], literals: [], missing: [], messages: [],
  };
  const script = stepsToBash(graph, { vars: {} }).files[0]!.content;
  const cut = (name: string) => {
    const start = script.indexOf(`\n${name}() {`);
    assert.ok(start >= 0, `no ${name} in the runbook`);
    return script.slice(start + 1, script.indexOf('\n}\n', start) + 3);
  };
  return cut('tejun_fail') + cut('tejun_escape');
}

test('tejun_escape url and py-*: what escape/url.ts and escape/python.ts write; urllib and Python read the values back', () => {
  const { dir, canary } = scratch();
  try {
    const values = [...sampleHostile(canary, 150), '', 'p@ss/w:rd#?', '%', 'é😀'];
    const lines = [runbookHelpers()];
    for (const v of values) {
      lines.push(`V=${shellQuote(v)}`);
      for (const expansion of [urlUserinfoExpansion('V'), pythonStringExpansion('V', "'"), pythonStringExpansion('V', '"')]) {
        lines.push(`printf '%s\\0' ${placeExpansion(expansion, 'unquoted')}`);
      }
    }
    const out = bash(lines.join('\n'), dir, { LANG: 'C.UTF-8' }).split('\0').slice(0, -1);
    const expected = values.flatMap((v) => [urlUserinfo(v), pythonString(v, "'"), pythonString(v, '"')]);
    assert.deepEqual(out, expected);
    for (const u of out.filter((_, i) => i % 3 === 0)) assert.match(u, /^[A-Za-z0-9._~%-]*$/);
    const read = spawnSync(
      'python3',
      ['-c', 'import ast, json, sys, urllib.parse\nrows = json.load(sys.stdin)\nprint(json.dumps([[urllib.parse.unquote(u), ast.literal_eval("\'" + s + "\'"), ast.literal_eval(\'"\' + d + \'"\')] for u, s, d in rows]))'],
      { input: JSON.stringify(values.map((_, i) => out.slice(3 * i, 3 * i + 3))), encoding: 'utf8' },
    );
    assert.equal(read.status, 0, read.stderr);
    assert.deepEqual(JSON.parse(read.stdout), values.map((v) => [v, v, v]));
    assert.equal(existsSync(canary), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
