/**
 * Hostile site values in the bash target, property-based (fast-check), with a recording fake
 * mysql client (no database); the INI file is read back by Python's configparser, so python3 is
 * required. test/e2e/bash-hostile.e2e.ts sends the same kind of values to a real MariaDB; secrets
 * kept out of argv, trace and output are tested in test/bash-hostile.test.ts (bash only).
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
import { stepsToBash } from '../../src/generate/bash/steps-to-bash.js';
import { makeShim } from '../e2e/harness/shim.js';
import { readIni } from '../e2e/harness/ini.js';
import { hostileGraph, hostileValues } from '../helpers/hostile.js';
import { urlUserinfo } from '../../src/generate/escape/url.js';

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
