/**
 * Hostile values through real ansible-playbook runs (the Ansible half of
 * test/e2e/bash-hostile.e2e.ts): a handful of fast-check values (fixed seed) bound as SECRET in
 * the small graph of test/helpers/hostile.ts — a command argument, two INI values of one file
 * (one ini_file task with a loop), and the password of a GRANT — are run by
 * `ansible-playbook -c local` against the harness MariaDB (tejun_mysql_defaults) and a throwaway
 * root (tejun_root). Each must arrive verbatim: the user logs in with exactly the value (a real
 * client connection; the value plus one character does not), configparser reads exactly the value
 * back from the INI file, the shim logs exactly the value as the command's argument; and the
 * tripwire each value carries (`$(touch …)`, backticks, `'; touch …; '`) never fires.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { stepsToAnsible } from '../../src/generate/ansible/steps-to-ansible.js';
import { urlUserinfo } from '../../src/generate/escape/url.js';
import { hostileGraph, hostileValues } from '../helpers/hostile.js';
import { makeShim, readIni, startMariaDb, type MariaDb } from './harness/index.js';

/** How many values are run (each is one real ansible-playbook run of a few seconds). */
const VALUES = 6;

let db: MariaDb;
let base = '';

before(async () => {
  base = mkdtempSync(join(tmpdir(), 'tejun-e2e-ansible-hostile-'));
  db = await startMariaDb({ parent: base });
});

after(async () => {
  await db?.stop();
  if (base) rmSync(base, { recursive: true, force: true });
});

test('random hostile values through ansible-playbook: INI value, login password and argument arrive verbatim; nothing runs', async (t) => {
  const tripwire = join(base, 'tripwire');
  mkdirSync(tripwire);
  const values = fc.sample(hostileValues(tripwire, true), { numRuns: VALUES, seed: 20261121 });
  let tried = 0;
  for (const secret of values) {
    const dir = mkdtempSync(join(base, 'run-'));
    const root = join(dir, 'root');
    const shim = makeShim(join(dir, 'shim'), { fake: ['hostile-echo'], allow: [dir] });
    const { files, messages } = stepsToAnsible(hostileGraph(), { vars: { SECRET: secret, DBNAME: 'hostile_db' } });
    assert.deepEqual(messages.filter((m) => m.severity === 'error'), []);
    for (const f of files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
    const playbook = join(dir, dirname(files[0]!.path), 'site.yml');
    writeFileSync(join(dir, 'e2e.ini'), '[controller]\nlocalhost\n');
    // Each value starts from a server without the database and user of the graph.
    await db.query("DROP DATABASE IF EXISTS hostile_db; DROP USER IF EXISTS 'hostile'@'localhost';");
    const r = spawnSync(
      'ansible-playbook',
      ['-c', 'local', '-i', join(dir, 'e2e.ini'), '-e', 'ansible_become=false', '-e', 'ansible_python_interpreter=/usr/bin/python3', '-e', `tejun_root=${root}`, '-e', `tejun_mysql_defaults=${db.defaultsFile}`, playbook],
      {
        cwd: dir,
        encoding: 'utf8',
        env: {
          ...process.env,
          PATH: shim.path,
          HOME: dir,
          ANSIBLE_NOCOLOR: '1',
          ANSIBLE_PIPELINING: '1',
          ANSIBLE_HOME: join(dir, '.ansible'),
          ANSIBLE_LOCAL_TEMP: join(dir, '.ansible', 'tmp'),
          ANSIBLE_RETRY_FILES_ENABLED: '0',
        },
      },
    );
    assert.equal(r.status, 0, `${JSON.stringify(secret)}:\n${r.stdout.slice(-4000)}${r.stderr}`);
    assert.equal(existsSync(join(tripwire, 'PWNED')), false, `${JSON.stringify(secret)} was executed`);
    assert.ok(!`${r.stdout}${r.stderr}`.includes(secret), `${JSON.stringify(secret)} printed by ansible-playbook (no_log)`);
    const login = await db.login('hostile', secret, 'SELECT CURRENT_USER();');
    assert.equal(login.code, 0, `login with ${JSON.stringify(secret)}: ${login.stderr}`);
    assert.notEqual((await db.login('hostile', `${secret}x`)).code, 0, 'a wrong password logs in');
    const ini = readIni(join(root, 'etc/hostile/hostile.conf'))['database'];
    assert.equal(ini?.['password'], secret);
    // The password sits in the URL's userinfo, percent-encoded (RFC 3986), so `@ / : # ?` cannot end it.
    assert.equal(ini?.['connection'], `mysql://hostile:${urlUserinfo(secret)}@localhost/hostile_db`);
    assert.deepEqual(shim.calls().filter((c) => c.cmd === 'hostile-echo').map((c) => c.argv), [['--pass', secret]]);
    tried++;
  }
  t.diagnostic(`hostile values tried through ansible-playbook against MariaDB: ${tried}`);
  assert.equal(tried, VALUES);
});
