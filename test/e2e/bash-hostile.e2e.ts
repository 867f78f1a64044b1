/**
 * Hostile values against a real MariaDB (the e2e half of test/bash-hostile.test.ts): a random
 * hostile password bound into the bash runbook of a small graph, run with TEJUN_MYSQL_DEFAULTS
 * pointing at the harness's server, must be the password the user logs in with (a real client
 * connection), the INI value read back by configparser, and never run (tripwire).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stepsToBash } from '../../src/generate/bash/steps-to-bash.js';
import { hostileGraph, hostileValues } from '../helpers/hostile.js';
import { makeShim, readIni, startMariaDb, type MariaDb } from './harness/index.js';

let db: MariaDb;
let base = '';

before(async () => {
  base = mkdtempSync(join(tmpdir(), 'tejun-e2e-hostile-'));
  db = await startMariaDb({ parent: base });
});

after(async () => {
  await db?.stop();
  if (base) rmSync(base, { recursive: true, force: true });
});

test('random hostile passwords: the user logs in with exactly the bound value; nothing runs', async (t) => {
  const tripwire = join(base, 'tripwire');
  mkdirSync(tripwire);
  const values = fc.sample(hostileValues(tripwire, true), { numRuns: 12, seed: 20261121 });
  let tried = 0;
  for (const secret of values) {
    const dir = mkdtempSync(join(base, 'run-'));
    const root = join(dir, 'root');
    const shim = makeShim(join(dir, 'shim'), { fake: ['hostile-echo'], sandboxed: [] });
    const { files } = stepsToBash(hostileGraph(), { vars: { SECRET: secret, DBNAME: 'hostile_db' } });
    const script = join(dir, 'runbook.sh');
    writeFileSync(script, files[0]?.content ?? '');
    for (let run = 0; run < 2; run++) {
      const r = spawnSync('bash', [script, '--yes'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: shim.path, HOME: dir, TEJUN_ROOT: root, TEJUN_MYSQL_DEFAULTS: db.defaultsFile } });
      assert.equal(r.status, 0, `${JSON.stringify(secret)}: ${r.stderr}`);
    }
    assert.equal(existsSync(join(tripwire, 'PWNED')), false, `${JSON.stringify(secret)} was executed`);
    const login = await db.login('hostile', secret, 'SELECT CURRENT_USER();');
    assert.equal(login.code, 0, `login with ${JSON.stringify(secret)}: ${login.stderr}`);
    assert.equal((await db.login('hostile', `${secret}x`)).code === 0, false, 'a wrong password logs in');
    assert.equal(readIni(join(root, 'etc/hostile/hostile.conf'))['database']?.['password'], secret);
    tried++;
  }
  t.diagnostic(`hostile passwords tried against MariaDB: ${tried}`);
  assert.equal(tried, 12);
});
