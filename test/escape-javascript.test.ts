/**
 * escape/javascript.ts over generated hostile values (fast-check, fixed seed): jsString's literal
 * evaluates back to the value in Node's own JavaScript engine for each delimiter; evalQuotings
 * finds the literals of an `--eval` program through the shell's quoting; and the bash runbook of
 * a `mongo --eval` command, run with a fake `mongo` (a bash function), hands it a program whose
 * literal is exactly the bound value, with no canary created. The playbook's Jinja filters are
 * proved with Jinja2 in test/tools/escape-javascript.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { evalQuotings, jsQuoting, jsString, type JsQuote } from '../src/generate/escape/javascript.js';
import { stepsToBash } from '../src/generate/bash/steps-to-bash.js';
import type { StepGraph } from '../src/ir/types.js';
import { canaries, sampleHostile, SEED } from './helpers/hostile-values.js';
import { scratch } from './helpers/bash-run.js';

const QUOTES: readonly JsQuote[] = ["'", '"', '`'];

test('jsString: the literal evaluates back to exactly the value for each delimiter, holds no line break, and runs nothing', () => {
  const { dir, canary } = scratch();
  try {
    const every = fc.string({ unit: fc.integer({ min: 1, max: 0x2030 }).map((c) => String.fromCharCode(c)), maxLength: 20 });
    const values = [...sampleHostile(canary, 300), ...fc.sample(every, { seed: SEED, numRuns: 300 }), ...canaries(canary), '${process.exit(3)}', '\\', '\u2028\u2029', "'\"`"];
    let checked = 0;
    for (const v of values)
      for (const q of QUOTES) {
        const literal = jsString(v, q);
        assert.doesNotMatch(literal, /[\n\r\u2028\u2029]/);
        // A context with nothing in it: an escape that failed would be a syntax or reference error.
        assert.equal(runInNewContext(`${q}${literal}${q}`, {}), v, `${q} ${JSON.stringify(v)}`);
        checked++;
      }
    assert.ok(checked >= 1800);
    assert.equal(existsSync(canary), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('jsQuoting and evalQuotings: the literals of an --eval program, through the shell quoting; other commands have none', () => {
  assert.deepEqual(jsQuoting(`a"b\\"c"'d'\`e\``).map((q) => q ?? '.').join(''), `..""""".''.\`\``);
  const at = (command: string, marker: string): JsQuote | null => evalQuotings(command)[command.indexOf(marker)] ?? null;
  const mongo = `mongo --host controller --eval ' db = db.getSiblingDB("nova"); db.addUser({user: "u", pwd: "X", roles: [ "r" ]})'`;
  assert.equal(at(mongo, 'X'), '"');
  assert.equal(at(mongo, 'db.'), null);
  assert.equal(at(mongo, 'controller'), null);
  assert.equal(at(`node -e "console.log('X')"`, 'X'), "'");
  assert.equal(at('mongosh --eval=`X` --quiet', 'X'), '`');
  assert.equal(at(`source openrc.sh && /usr/bin/mongo --eval 'pwd = "X"'`, 'X'), '"');
  assert.equal(at(`echo --eval '"X"'`, 'X'), null, 'not a JavaScript shell');
  assert.equal(at(`mongo --host "X"`, 'X'), null, 'not the program');
  assert.ok(evalQuotings(`mysql -e "SELECT 'X'"`).every((q) => q === null));
});

/**
 * A one-action graph: `mongo --eval` with SECRET in a JavaScript string literal delimited by
 * `quote`, the program in shell single quotes (in double quotes for a `'` literal).
 */
function mongoGraph(quote: JsQuote): StepGraph {
  const program = ` db = db.getSiblingDB(${quote}ceilometer${quote}); db.addUser({user: ${quote}u${quote}, pwd: ${quote}SECRET${quote}})`;
  const run = `mongo --host controller --eval ${quote === "'" ? `"${program}"` : `'${program}'`}`;
  return {
    schemaVersion: 1,
    source: { path: 'guides/mongo.txt', format: 'text', dialect: 'redhat-text', sha256: '00'.repeat(32) },
    title: 'mongo',
    roles: [],
    procedures: [
      {
        id: 'p1', title: '手順1', role: null, source: { line: 1 },
        steps: [{ id: 's1', text: 'ユーザー', role: null, when: null, source: { line: 2 }, actions: [{ id: 'c1', kind: 'command', run, user: 'root', verify: false, expect: null, source: { line: 3 } }] }],
      },
    ],
    placeholders: [{ name: 'SECRET', variable: 'SECRET', description: null, secret: true, source: { line: 1 }, scope: null }],
    literals: [], missing: [], messages: [],
  };
}

test('the bash runbook of a mongo --eval command: the program mongo gets holds exactly the bound value in its literal; nothing runs', () => {
  const { dir, canary } = scratch();
  try {
    const values = [...sampleHostile(canary, 40), "a\"b'c`d${x}\\", 'line\nbreak\u2028'];
    let runs = 0;
    for (const quote of QUOTES)
      for (const [i, v] of values.entries()) {
        const work = join(dir, `${quote === '`' ? 't' : quote === '"' ? 'd' : 's'}${i}`);
        mkdirSync(work);
        const { files, messages } = stepsToBash(mongoGraph(quote), { vars: { SECRET: v } });
        assert.deepEqual(messages.filter((m) => m.severity === 'error'), []);
        writeFileSync(join(work, 'runbook.sh'), files[0]!.content);
        // The fake mongo writes the program it was given (the word after --eval) to a file.
        const r = spawnSync('bash', ['runbook.sh', '--yes'], {
          cwd: work,
          encoding: 'utf8',
          env: { PATH: process.env.PATH, HOME: work, TEJUN_ROOT: join(work, 'root'), 'BASH_FUNC_mongo%%': `() { while [[ $# -gt 0 && $1 != --eval ]]; do shift; done; printf '%s' "$2" > program.js; }` },
        });
        assert.equal(r.status, 0, r.stderr);
        let got: unknown;
        runInNewContext(readFileSync(join(work, 'program.js'), 'utf8'), { db: { getSiblingDB: () => ({ addUser: (u: { pwd: unknown }) => (got = u.pwd) }) } });
        assert.equal(got, v, `${quote} ${JSON.stringify(v)}`);
        runs++;
      }
    assert.equal(existsSync(canary), false, 'a value ran');
    assert.equal(runs, values.length * 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
