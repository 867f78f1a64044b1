/**
 * escape/bash.ts, proved with bash itself over generated hostile values (fast-check, fixed seed):
 * a `#` comment never ends early; a value written into a file that is then sourced (the openrc
 * path) reads back exactly in every quoting the file may put it in; the runbook's `tejun_escape`
 * helper writes what escape/url.ts and escape/python.ts write, and Python reads it back. A canary
 * file proves nothing a value holds ran.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { bashComment, placeExpansion, pythonStringExpansion, shellQuote, sourcedReference, urlUserinfoExpansion, type ShellQuoting } from '../src/generate/escape/bash.js';
import { pythonString } from '../src/generate/escape/python.js';
import { urlUserinfo } from '../src/generate/escape/url.js';
import { stepsToBash } from '../src/generate/bash/steps-to-bash.js';
import type { StepGraph } from '../src/ir/types.js';
import { canaries, sampleHostile, SEED } from './helpers/hostile-values.js';

/** A scratch directory with a canary path inside (the file must never appear). */
function scratch(): { dir: string; canary: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-escape-bash-'));
  return { dir, canary: join(dir, 'CANARY') };
}

/** Runs `script` (read from stdin: it may be larger than one argument can be) with bash in `cwd`; asserts exit 0; returns stdout. */
function bash(script: string, cwd: string, env: Record<string, string> = {}): string {
  const r = spawnSync('bash', ['-s'], { cwd, input: script, encoding: 'utf8', env: { PATH: process.env.PATH, ...env }, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.status, 0, `${r.error?.message ?? ''}${r.stderr}`);
  return r.stdout;
}

test('bashComment: no text, however hostile, ends a # comment (bash runs only what follows)', () => {
  const { dir, canary } = scratch();
  try {
    const every = fc.string({ unit: fc.integer({ min: 0, max: 0x2030 }).map((c) => String.fromCharCode(c)), maxLength: 30 });
    const values = [...sampleHostile(canary, 300), ...fc.sample(every, { seed: SEED, numRuns: 300 }).map((s) => `${s}\ntouch ${canary}\r\u2028touch ${canary}`)];
    for (const v of values) assert.doesNotMatch(bashComment(v), /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
    const script = values.map((v) => `# ${bashComment(v)}`).join('\n') + '\nprintf END\n';
    assert.equal(bash(script, dir), 'END');
    assert.equal(existsSync(canary), false, 'a comment ended early and its text ran');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A file line `export X=…REF…` in each quoting a guide's openrc may put the value in. */
const FILE_LINES: Array<{ ctx: ShellQuoting; before: string; after: string }> = [
  { ctx: 'unquoted', before: 'export X=', after: '' },
  { ctx: 'double', before: 'export X="', after: '"' },
  { ctx: 'single', before: "export X='", after: "'" },
  { ctx: 'ansi', before: "export X=$'", after: "'" },
  { ctx: 'unquoted', before: 'export X=pre-', after: '-post' },
];

test('sourcedReference: a value written into a sourced file reads back exactly in every quoting; nothing runs (1,000 writes)', () => {
  const { dir, canary } = scratch();
  try {
    const values = sampleHostile(canary, 200);
    const lines: string[] = ['set -u'];
    for (const v of values) {
      lines.push(`V=${shellQuote(v)}`);
      for (const f of FILE_LINES) {
        // What the runbook passes to tejun_file_add: the file text as one bash word.
        const word = `${shellQuote(f.before)}${sourcedReference('V', f.ctx)}${shellQuote(f.after)}`;
        lines.push(`printf '%s\\n' ${word} > f.sh`, 'unset X', 'source ./f.sh', `printf '%s\\0' "$X"`);
      }
    }
    const out = bash(lines.join('\n'), dir).split('\0').slice(0, -1);
    const expected = values.flatMap((v) => FILE_LINES.map((f) => (f.ctx === 'unquoted' && f.before.endsWith('pre-') ? `pre-${v}-post` : v)));
    assert.equal(out.length, 1000);
    assert.deepEqual(out, expected);
    assert.equal(existsSync(canary), false, 'a value written into a sourced file ran');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

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

test('shellQuote: every canary form reads back as data', () => {
  const { dir, canary } = scratch();
  try {
    const values = canaries(canary);
    const out = bash(values.map((v) => `printf '%s\\0' ${shellQuote(v)}`).join('\n'), dir).split('\0').slice(0, -1);
    assert.deepEqual(out, values);
    assert.equal(existsSync(canary), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
