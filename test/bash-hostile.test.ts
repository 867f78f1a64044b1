/**
 * Hostile site values in the bash target, property-based (fast-check), and secrets kept out of
 * argv, trace and output. The fast part (no database: a recording fake mysql client) runs in
 * `npm test`; test/e2e/bash-hostile.e2e.ts sends the same kind of values to a real MariaDB.
 *
 * Values are random strings over quotes, `$()`, backticks, `;`, newlines, unicode, `{{ }}`,
 * leading dashes and backslashes, plus a tripwire `$(touch TRIPWIRE/PWNED)` (and backtick and
 * `${…}` forms): the file must never appear. They must arrive verbatim: as the command's argv,
 * in the INI file under TEJUN_ROOT (read back by configparser) and in the SQL sent to the client.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stepsToBash } from '../src/generate/bash/steps-to-bash.js';
import { makeShim } from './e2e/harness/shim.js';
import { readIni } from './e2e/harness/ini.js';
import { hostileGraph, hostileValues } from './helpers/hostile.js';
import { urlUserinfo } from '../src/generate/escape/url.js';

/** The MySQL single-quoted literal contents of `v` as tejun_sql_line writes it. */
function sqlEscaped(v: string): string {
  return v.replace(/[\\'"]/g, (c) => `\\${c}`);
}

test('hostile values arrive verbatim in argv, INI (configparser) and SQL; nothing they hold runs', () => {
  const base = mkdtempSync(join(tmpdir(), 'tejun-hostile-'));
  const tripwire = join(base, 'tripwire');
  mkdirSync(tripwire);
  let tried = 0;
  try {
    fc.assert(
      fc.property(hostileValues(tripwire, true), fc.string({ maxLength: 12 }).map((s) => `d${s.replace(/[\0\r\n]/g, '')}d`), (secret, dbname) => {
        tried++;
        const dir = mkdtempSync(join(base, 'run-'));
        const root = join(dir, 'root');
        const shim = makeShim(join(dir, 'shim'), { fake: ['hostile-echo'], sandboxed: [] });
        mkdirSync(join(dir, 'bin'));
        writeFileSync(join(dir, 'bin', 'mysql'), '#!/bin/sh\ncat > "$TEJUN_TEST_DIR/mysql.stdin"\n', { mode: 0o755 });
        const { files } = stepsToBash(hostileGraph(), { vars: { SECRET: secret, DBNAME: dbname } });
        const script = join(dir, 'runbook.sh');
        writeFileSync(script, files[0]?.content ?? '');
        const r = spawnSync('bash', [script, '--yes'], {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, PATH: `${join(dir, 'bin')}:${shim.path}`, HOME: dir, TEJUN_ROOT: root, TEJUN_MYSQL_DEFAULTS: '/nonexistent.cnf', TEJUN_TEST_DIR: dir },
        });
        assert.equal(r.status, 0, r.stderr);
        assert.equal(existsSync(join(tripwire, 'PWNED')), false, 'a value was executed');
        assert.deepEqual(shim.calls().map((c) => c.argv), [['--pass', secret]]);
        assert.deepEqual(readIni(join(root, 'etc/hostile/hostile.conf')), {
          database: { password: secret, connection: `mysql://hostile:${urlUserinfo(secret)}@localhost/${dbname}` },
        });
        assert.equal(
          readFileSync(join(dir, 'mysql.stdin'), 'utf8'),
          `CREATE DATABASE IF NOT EXISTS \`${dbname.replace(/`/g, '``')}\`;\nGRANT ALL PRIVILEGES ON \`${dbname.replace(/`/g, '``')}\`.* TO 'hostile'@'localhost' IDENTIFIED BY '${sqlEscaped(secret)}';\n`,
        );
        rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 25 },
    );
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  assert.ok(tried >= 25);
});

test('a bound secret is on no argv the runbook adds, in no trace (bash -x) and in no output', () => {
  const base = mkdtempSync(join(tmpdir(), 'tejun-secret-'));
  try {
    // The marker is searched for too: a trace quotes the whole value ('\'' for each quote).
    const marker = `S3cr3tMarker${Date.now()}`;
    const secret = `${marker}-'"$x \\ end`;
    const root = join(base, 'root');
    // Every external program a runbook helper starts is a recording passthrough; the guide's own
    // command (hostile-echo --pass SECRET) is a fake: its argv is the guide's, not the runbook's.
    const helpers = ['mkdir', 'dirname', 'mktemp', 'awk', 'cat', 'rm', 'tail', 'grep', 'sed', 'tr'];
    const shim = makeShim(join(base, 'shim'), { fake: ['hostile-echo', 'mysql'], sandboxed: [], passthrough: helpers });
    const { files } = stepsToBash(hostileGraph(), { vars: { SECRET: secret, DBNAME: 'db1' } });
    const script = join(base, 'runbook.sh');
    writeFileSync(script, files[0]?.content ?? '');
    const env = { ...process.env, PATH: shim.path, HOME: base, TEJUN_ROOT: root, TEJUN_MYSQL_DEFAULTS: join(base, 'client.cnf') };
    for (const args of [['-x', script, '--yes'], [script, '--yes']]) {
      shim.reset();
      const r = spawnSync('bash', args, { cwd: base, encoding: 'utf8', env: { ...env, SHELLOPTS: args[0] === '-x' ? 'xtrace' : '' } });
      assert.equal(r.status, 0, r.stderr);
      assert.ok(![secret, marker].some((v) => r.stdout.includes(v) || r.stderr.includes(v)), `secret in the output of bash ${args.join(' ')}`);
      const calls = shim.calls();
      assert.ok(calls.some((c) => c.cmd === 'awk') && calls.some((c) => c.cmd === 'mysql'), 'the helpers ran');
      const leaking = calls.filter((c) => c.argv.some((a) => a.includes(marker)));
      assert.deepEqual(leaking.map((c) => c.cmd), ['hostile-echo'], 'only the guide\'s own command carries it on argv');
      assert.ok(calls.filter((c) => c.cmd === 'mysql').every((c) => c.argv.every((a) => !/^-p|^--password/.test(a))));
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});
