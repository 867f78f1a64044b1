/**
 * The sandbox harness itself (test/e2e/harness/): the private MariaDB server answers and stops,
 * the shim records argv verbatim and keeps file commands inside the sandbox, the INI reader reads
 * oslo-style values verbatim.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeShim, readIni, startMariaDb } from './harness/index.js';
import { runInLanes } from './harness/lanes.js';

test('startMariaDb: a private server on a socket, root via the defaults file, a user logs in, stop() removes it', async () => {
  const db = await startMariaDb();
  try {
    assert.match(await db.query('SELECT VERSION();'), /MariaDB/);
    const pw = `it's "x" $(y) \\ ;`;
    await db.query(`CREATE USER 'u1'@'localhost' IDENTIFIED BY '${pw.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}';`);
    const ok = await db.login('u1', pw);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^u1@localhost$/m);
    const bad = await db.login('u1', `${pw}x`);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /Access denied/);
    const mode = spawnSync('stat', ['-c', '%a', db.defaultsFile], { encoding: 'utf8' }).stdout.trim();
    assert.equal(mode, '600');
  } finally {
    await db.stop();
  }
  assert.equal(existsSync(db.dir), false);
  assert.equal(existsSync(db.socket), false);
});

test('makeShim: fake commands record argv (any bytes) with the exported step and role; sandboxed ones stay inside', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-shim-'));
  try {
    const root = join(dir, 'root');
    const shim = makeShim(join(dir, 'shim'), { stdout: { keystone: 'id-1\n' } });
    const weird = `a "b" \\c\n\td\u0001 é ${'$'}(x)`;
    const script = [
      'set -e',
      'export TEJUN_STEP=g.txt:9 TEJUN_STEP_ROLE=controller',
      'yum install -y "$1"',
      'out=$(keystone service-list)',
      'printf "%s" "$out" > "$TEJUN_ROOT.out"',
      'mkdir -p "$TEJUN_ROOT/etc/x" /etc/tejun-shim-must-not-exist',
      'rm -f /etc/passwd-tejun-not-there',
    ].join('\n');
    const r = spawnSync('bash', ['-c', script, 'bash', weird], { encoding: 'utf8', env: { ...process.env, PATH: shim.path, TEJUN_ROOT: root } });
    assert.equal(r.status, 0, r.stderr);
    const calls = shim.calls();
    assert.deepEqual(calls.map((c) => [c.cmd, c.ran]), [['yum', false], ['keystone', false], ['mkdir', false], ['rm', false]]);
    assert.deepEqual(calls[0]?.argv, ['install', '-y', weird]);
    assert.equal(calls[0]?.step, 'g.txt:9');
    assert.equal(calls[0]?.role, 'controller');
    assert.equal(existsSync('/etc/tejun-shim-must-not-exist'), false);
    const inside = spawnSync('bash', ['-c', 'mkdir -p "$TEJUN_ROOT/etc/y"'], { env: { ...process.env, PATH: shim.path, TEJUN_ROOT: root } });
    assert.equal(inside.status, 0);
    assert.ok(existsSync(join(root, 'etc', 'y')));
    assert.equal(shim.calls().at(-1)?.ran, true);
    shim.reset();
    assert.deepEqual(shim.calls(), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('makeShim units: systemctl keeps unit state per sandbox root, as ansible.builtin.systemd reads it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-units-'));
  try {
    const shim = makeShim(join(dir, 'shim'), { units: true });
    const sh = (script: string, root = join(dir, 'root')) => spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { ...process.env, PATH: shim.path, TEJUN_ROOT: root } });
    const show = (unit: string, root?: string) => Object.fromEntries(sh(`systemctl show '${unit}'`, root).stdout.trim().split('\n').map((l) => l.split('=') as [string, string]));
    assert.deepEqual(
      [show('nova-api').LoadState, show('nova-api').ActiveState, show('nova-api').SubState, show('nova-api').UnitFileState],
      ['loaded', 'inactive', 'dead', 'disabled'],
    );
    const disabled = sh("systemctl is-enabled 'nova-api' -l");
    assert.deepEqual([disabled.status, disabled.stdout], [1, 'disabled\n']);
    assert.equal(sh("systemctl start 'nova-api.service' && systemctl enable 'nova-api'").status, 0);
    // `nova-api` and `nova-api.service` are one unit.
    assert.deepEqual([show('nova-api').ActiveState, show('nova-api.service').UnitFileState], ['active', 'enabled']);
    assert.deepEqual([sh("systemctl is-enabled 'nova-api' -l").status, sh('systemctl is-active nova-api').status], [0, 0]);
    // Another root (check mode, another run) is another machine.
    assert.equal(show('nova-api', join(dir, 'other')).ActiveState, 'inactive');
    assert.equal(sh('systemctl stop nova-api && systemctl disable nova-api').status, 0);
    assert.deepEqual([show('nova-api').ActiveState, show('nova-api').UnitFileState], ['inactive', 'disabled']);
    assert.equal(sh('systemctl reload nova-api').status, 1, 'reload of a stopped unit fails as systemd does');
    assert.equal(sh('systemctl frobnicate nova-api').status, 1);
    // Every call is logged like any fake, and nothing else (its own mkdir and rm are not).
    assert.deepEqual([...new Set(shim.calls().map((c) => c.cmd))], ['systemctl']);
    assert.deepEqual(shim.calls().find((c) => c.argv[0] === 'start')?.argv, ['start', 'nova-api.service']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('readIni: oslo-style values verbatim (%, :, #, ;, quotes inside), case kept, DEFAULT a plain section, keys before any section in section \'\'', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-ini-'));
  try {
    const file = join(dir, 'nova.conf');
    writeFileSync(file, '[DEFAULT]\nAuth_Strategy = keystone\n# comment\n[database]\nconnection = mysql://nova:p%a#s;s\'w"d@h/nova\nx = 1\nx = 2\n');
    assert.deepEqual(readIni(file), {
      DEFAULT: { Auth_Strategy: 'keystone' },
      database: { connection: 'mysql://nova:p%a#s;s\'w"d@h/nova', x: '2' },
    });
    writeFileSync(file, 'key = before any section\n[s]\nb = 2\n');
    assert.deepEqual(readIni(file), { '': { key: 'before any section' }, s: { b: '2' } });
    writeFileSync(file, '[s]\nnot a key line\n');
    assert.throws(() => readIni(file), /configparser could not read/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('runInLanes: longest job first to the least loaded lane, one job at a time per lane, a failed job does not stop its lane', async () => {
  const ran: string[] = [];
  const busy = new Set<string>();
  const job = (name: string, cost: number, fail = false) => ({
    cost,
    start: async (lane: string) => {
      assert.equal(busy.has(lane), false, `${lane} runs two jobs at once`);
      busy.add(lane);
      await new Promise((resolve) => setTimeout(resolve, 5));
      ran.push(`${name}@${lane}`);
      busy.delete(lane);
      if (fail) throw new Error(name);
    },
  });
  await runInLanes(['a', 'b'], [job('small', 2), job('big', 5, true), job('mid', 3), job('large', 4)]);
  assert.deepEqual(ran.sort(), ['big@a', 'large@b', 'mid@b', 'small@a']);
  assert.throws(() => runInLanes([], []), /no lane/);
});
