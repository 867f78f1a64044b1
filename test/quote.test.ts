/**
 * shellQuote and sqlString, proved against bash itself (property tests with fast-check) and
 * against a MySQL string-literal reader.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { shellQuote } from '../src/generate/escape/bash.js';
import { sqlString } from '../src/generate/escape/sql.js';

/** Strings full of shell metacharacters, quotes, newlines, dashes and unicode (no NUL). */
const hostile = fc
  .array(
    fc.oneof(
      fc.constantFrom("'", '"', '\\', '$', '`', '$(id)', '${HOME}', '!', '\n', '\t', ' ', ';', '&', '|', '*', '?', '~', '#', '-', '--', '{{ x }}', '=', '%', 'é', '日本語', '😀', '\r'),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join('').replace(/\0/g, ''));

/** What bash prints for each word: one `printf %s WORD` per value, NUL-separated, one bash run. */
function bashReadsBack(words: string[]): string[] {
  const script = words.map((w) => `printf '%s\\0' ${w}`).join('\n');
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\0').slice(0, -1);
}

test('shellQuote: bash reads every quoted word back exactly', () => {
  fc.assert(
    fc.property(fc.array(hostile, { minLength: 1, maxLength: 30 }), (values) => {
      assert.deepEqual(bashReadsBack(values.map(shellQuote)), values);
    }),
    { numRuns: 40 },
  );
});

test('shellQuote: the hard cases, including empty and leading dash', () => {
  const values = ['', '-n', '--', "it's", 'a\nb', '$(touch /tmp/x)', '`id`', '{{ lookup("pipe","id") }}', '~root', '#c', 'a b', '日本語', '=x'];
  assert.deepEqual(bashReadsBack(values.map(shellQuote)), values);
  assert.equal(shellQuote('/etc/nova/nova.conf'), '/etc/nova/nova.conf');
  assert.equal(shellQuote(''), "''");
});

/** Reads the contents of a MySQL '...' literal back (default sql_mode: backslash escapes). */
function readMysqlLiteral(body: string): string {
  const map: Record<string, string> = { '0': '\0', n: '\n', r: '\r', t: '\t', Z: '\x1a', b: '\b' };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      const n = body[++i];
      out += map[n] ?? n;
    } else if (c === "'") {
      assert.equal(body[++i], "'", 'a lone quote would end the literal');
      out += "'";
    } else out += c;
  }
  return out;
}

test('sqlString: the literal never ends early and reads back as the value', () => {
  fc.assert(
    fc.property(fc.oneof(hostile, fc.string()), (v) => {
      const body = sqlString(v);
      assert.equal(readMysqlLiteral(body), v);
    }),
  );
  assert.equal(sqlString("a'b\\c"), "a\\'b\\\\c");
});
