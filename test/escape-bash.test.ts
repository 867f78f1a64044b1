/**
 * escape/bash.ts, proved with bash itself over generated hostile values (fast-check, fixed seed):
 * a `#` comment never ends early; a value written into a file that is then sourced (the openrc
 * path) reads back exactly in every quoting the file may put it in. A canary file proves nothing
 * a value holds ran. The runbook's `tejun_escape` helper read back by Python (urllib) is in
 * test/tools/escape-bash.test.ts (`npm run test:tools`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import fc from 'fast-check';
import { bashComment, shellQuote, sourcedReference, type ShellQuoting } from '../src/generate/escape/bash.js';
import { canaries, sampleHostile, SEED } from './helpers/hostile-values.js';
import { bash, scratch } from './helpers/bash-run.js';

test('bashComment: no text, however hostile, ends a # comment (bash runs only what follows)', () => {
  const { dir, canary } = scratch();
  try {
    const every = fc.string({ unit: fc.integer({ min: 0, max: 0x2030 }).map((c) => String.fromCharCode(c)), maxLength: 30 });
    const values = [...sampleHostile(canary, 300), ...fc.sample(every, { seed: SEED, numRuns: 300 }).map((s) => `${s}\ntouch ${canary}\r\u2028touch ${canary}`)];
    // eslint-disable-next-line no-control-regex -- no control character may stay in a comment
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
