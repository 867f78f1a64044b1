/**
 * A bound secret is kept out of argv, trace (`bash -x`) and output of the bash runbook (bash and a
 * recording PATH shim, no other tool). The hostile-values property test (INI read back by Python's
 * configparser) is in test/tools/bash-hostile.test.ts; test/e2e/bash-hostile.e2e.ts sends the same
 * kind of values to a real MariaDB.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stepsToBash } from '../src/generate/bash/steps-to-bash.js';
import { makeShim } from './e2e/harness/shim.js';
import { hostileGraph } from './helpers/hostile.js';

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
    // The second run in the same root runs every step again (--redo all): the first recorded them.
    for (const args of [['-x', script, '--yes'], [script, '--yes', '--redo', 'all']]) {
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
