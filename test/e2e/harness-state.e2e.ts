/**
 * The sandbox's stand-ins for what the skipped tags would leave and for reads under the root
 * (test/e2e/harness/skipped-state.ts, state-fakes.bash, shim.ts's `rerooted` kind and
 * rerootSource): each answers from state, so a playbook that installs, configures or writes the
 * wrong thing still fails its check.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeShim } from './harness/index.js';
import { seedPackageFiles, skippedState, writeSkippedState } from './harness/skipped-state.js';

/** Runs `fn` with a fresh temporary directory, removed afterwards. */
function inTmp(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-state-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('skippedState: packages of package tasks tagged packages, pip names with pins, lvg volume groups', () => {
  const state = skippedState([
    { 'ansible.builtin.package': { name: ['mariadb', 'mariadb-server'], state: 'present' }, tags: ['packages'] },
    { 'ansible.builtin.package': { name: 'mariadb', state: 'present' }, tags: ['packages'] },
    { 'ansible.builtin.package': { name: ['{{ item }}'] }, tags: ['packages'] },
    { 'ansible.builtin.package': { name: ['removed'], state: 'absent' }, tags: ['packages'] },
    { 'ansible.builtin.pip': { name: ['cliff', 'pip==7.1.0'], state: 'latest' }, tags: ['packages'] },
    { 'community.general.lvg': { vg: 'cinder-volumes', pvs: ['/dev/sda'] }, tags: ['mounts'] },
    { 'ansible.builtin.command': { cmd: 'yum install -y other' }, tags: ['commands'] },
  ]);
  assert.deepEqual(state, { packages: ['mariadb', 'mariadb-server'], pip: ['cliff', 'pip==7.1.0'], vgs: ['cinder-volumes'] });
});

test('rpm, pip and vgdisplay answer from the state; without it they print nothing', () => {
  inTmp((dir) => {
    const shim = makeShim(join(dir, 'shim'));
    const sh = (script: string) => spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { ...process.env, PATH: shim.path } });
    assert.deepEqual([sh('rpm -qa').stdout, sh('rpm -q x').status, sh('pip list').stdout, sh('vgdisplay vg').status], ['', 0, '', 0]);
    writeSkippedState(join(dir, 'shim'), { packages: ['mariadb', 'mariadb-server'], pip: ['cliff', 'pip==7.1.0'], vgs: ['cinder-volumes'] });
    assert.equal(sh('rpm -qa | grep -i mariadb').stdout, 'mariadb-0-0.e2e.noarch\nmariadb-server-0-0.e2e.noarch\n');
    assert.equal(sh("rpm -qa 'mariadb-s*'").stdout, 'mariadb-server-0-0.e2e.noarch\n');
    const q = sh('rpm -q mariadb httpd');
    assert.deepEqual([q.status, q.stdout], [1, 'mariadb-0-0.e2e.noarch\npackage httpd is not installed\n']);
    assert.equal(sh('set -o pipefail; rpm -qa | grep -i httpd').status, 1, 'a package the playbook does not install is not there');
    assert.match(sh('pip list').stdout, /^cliff +0$/m);
    assert.match(sh('pip list').stdout, /^pip +7\.1\.0$/m);
    assert.equal(sh('pip freeze').stdout, 'cliff==0\npip==7.1.0\n');
    assert.match(sh('vgdisplay cinder-volumes').stdout, /VG Name +cinder-volumes/);
    assert.equal(sh('vgdisplay other-vg').status, 5);
  });
});

test('chkconfig --list, systemctl status and ip a s answer from the run: fake systemd units, network scripts under the root', () => {
  inTmp((dir) => {
    const shim = makeShim(join(dir, 'shim'), { units: true });
    const root = join(dir, 'root');
    const sh = (script: string) => spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { ...process.env, PATH: shim.path, TEJUN_ROOT: root } });
    assert.equal(sh('systemctl status mysqld').status, 3, 'an inactive unit');
    assert.equal(sh('systemctl start mysqld && systemctl start qpidd && systemctl enable qpidd').status, 0);
    assert.match(sh('systemctl status mysqld').stdout, /Active: active \(running\)/);
    assert.equal(sh('systemctl status mysqld').status, 0);
    const list = sh('chkconfig --list').stdout;
    assert.match(list, /^mysqld +0:off\t1:off\t2:off\t3:off/m);
    assert.match(list, /^qpidd +0:off\t1:off\t2:on\t3:on\t4:on\t5:on\t6:off$/m);
    assert.doesNotMatch(list, /httpd/, 'a service the run never touched is not listed');
    assert.equal(sh('chkconfig --list qpidd').stdout.split('\n').filter(Boolean).length, 1);
    assert.equal(sh('ip a s br-ex').status, 1, 'a device the run configured nowhere');
    mkdirSync(join(root, 'etc/sysconfig/network-scripts'), { recursive: true });
    writeFileSync(join(root, 'etc/sysconfig/network-scripts/ifcfg-br-ex'), "DEVICE=br-ex\nIPADDR='192.0.2.11'\nNETMASK=255.255.255.0  # netmask\n");
    assert.match(sh('ip a s br-ex | grep inet').stdout, /inet 192\.0\.2\.11\/24 scope global br-ex/);
    assert.match(sh('ping example.org -c 3 -I br-ex').stdout, /3 packets transmitted, 3 received, 0% packet loss/);
  });
});

test('cat, ls and source of an absolute path read it under the root where the run wrote it, else where it is', () => {
  inTmp((dir) => {
    const shim = makeShim(join(dir, 'shim'), { rerooted: ['cat', 'ls'], rerootSource: true, allow: [dir] });
    const root = join(dir, 'root');
    const sh = (script: string) => spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { ...process.env, PATH: shim.path, BASH_ENV: shim.bashEnv, TEJUN_ROOT: root } });
    const outside = `/etc/tejun-e2e-missing-${process.pid}/x.conf`;
    assert.equal(sh(`cat ${outside}`).status, 1, 'a file the run did not write is missing as before');
    mkdirSync(join(root, `etc/tejun-e2e-missing-${process.pid}`), { recursive: true });
    writeFileSync(join(root, outside), 'export FROM_ROOT=yes\n');
    assert.equal(sh(`cat ${outside}`).stdout, 'export FROM_ROOT=yes\n');
    assert.equal(sh(`ls ${outside}`).status, 0);
    assert.equal(sh(`source ${outside} && echo "$FROM_ROOT"`).stdout, 'yes\n');
    assert.equal(sh(`. ${outside} && echo "$FROM_ROOT"`).stdout, 'yes\n');
    // A real file the root does not have is read where it is.
    assert.equal(sh('cat /etc/hostname >/dev/null || cat /etc/passwd >/dev/null').status, 0);
    assert.ok(!existsSync(join(root, 'etc/passwd')));
  });
});

test('package files are seeded only for a package that ships them; packstack leaves root\'s keystonerc_admin', () => {
  inTmp((dir) => {
    assert.deepEqual(seedPackageFiles(join(dir, 'none'), ['httpd']), []);
    assert.deepEqual(seedPackageFiles(join(dir, 'mysql'), ['mysql', 'mysql-server']), ['/etc/my.cnf']);
    assert.match(readFileSync(join(dir, 'mysql/etc/my.cnf'), 'utf8'), /^\[mysqld\]\ndatadir=\/var\/lib\/mysql/);
    assert.deepEqual(seedPackageFiles(join(dir, 'maria'), ['mariadb-server']), ['/etc/my.cnf', '/etc/my.cnf.d/client.cnf']);
    const shim = makeShim(join(dir, 'shim'));
    const root = join(dir, 'root');
    const sh = (script: string) => spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { ...process.env, PATH: shim.path, TEJUN_ROOT: root } });
    sh('packstack --dry-run --allinone');
    assert.ok(!existsSync(join(root, 'root/keystonerc_admin')), 'a dry run installs nothing');
    sh('packstack --answer-file=answers.txt');
    assert.match(readFileSync(join(root, 'root/keystonerc_admin'), 'utf8'), /export OS_USERNAME=admin/);
  });
});
