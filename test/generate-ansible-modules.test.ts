/**
 * The module choices of the Ansible generator for what the guides write as commands and SQL
 * (issue 16): SQL account statements → community.mysql, OpenStack creates → an existence check,
 * export/cd → environment/chdir, firewall-cmd/pip/hostnamectl/sed/ln/chown → modules, and
 * the ansible-lint exceptions that remain written on the task.
 */
import { inlineFiles } from './helpers/ansible-layout.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mysqlSpec, readOnlySql, flushPrivileges } from '../src/generate/ansible/handlers/mysql.js';
import { existenceCheck } from '../src/generate/ansible/handlers/openstack.js';
import { classifyCommand, sedSpec } from '../src/generate/ansible/modules.js';
import { lintNoqa, skipLint, SKIP_LINT_TAG } from '../src/generate/ansible/lint-notes.js';
import { COMMENT, type Task } from '../src/generate/ansible/types.js';

test('mysqlSpec: CREATE DATABASE, CREATE USER and GRANT … IDENTIFIED BY become mysql_db / mysql_user; other statements none', () => {
  assert.deepEqual(mysqlSpec('CREATE DATABASE nova;'), { module: 'community.mysql.mysql_db', args: { name: 'nova', state: 'present' } });
  assert.deepEqual(mysqlSpec('create database if not exists `zabbix` character set utf8 collate utf8_bin;'), {
    module: 'community.mysql.mysql_db',
    args: { name: 'zabbix', state: 'present', encoding: 'utf8', collation: 'utf8_bin' },
  });
  assert.deepEqual(mysqlSpec("GRANT ALL PRIVILEGES ON nova.* TO 'nova'@'%' IDENTIFIED BY 'NOVA_DBPASS';"), {
    module: 'community.mysql.mysql_user',
    args: { name: 'nova', host: '%', password: 'NOVA_DBPASS', priv: 'nova.*:ALL', append_privs: true, state: 'present' },
  });
  assert.deepEqual(mysqlSpec("GRANT SELECT, INSERT ON db.t TO 'u'@'localhost';")?.args, { name: 'u', host: 'localhost', priv: 'db.t:SELECT,INSERT', append_privs: true, state: 'present' });
  assert.deepEqual(mysqlSpec("CREATE USER 'k'@'localhost' IDENTIFIED BY 'pw';")?.args, { name: 'k', host: 'localhost', password: 'pw', state: 'present' });
  assert.equal(mysqlSpec("GRANT ALL ON nova.* TO 'nova'@'%' IDENTIFIED BY 'it\\'s';"), null, 'an escape in the literal stays SQL');
  assert.equal(mysqlSpec("GRANT ALL ON *.* TO 'a'@'%' WITH GRANT OPTION;"), null);
  assert.equal(mysqlSpec('DROP DATABASE nova;'), null);
  assert.ok(readOnlySql('SHOW DATABASES;') && readOnlySql('use nova;') && !readOnlySql('UPDATE x SET y=1;'));
  assert.ok(flushPrivileges('FLUSH PRIVILEGES;') && !flushPrivileges('FLUSH TABLES;'));
});

test('existenceCheck: OpenStack creates are looked up by name before they run; other commands are not', () => {
  assert.deepEqual(existenceCheck('openstack user create --domain default --password-prompt nova'), { cmd: 'openstack user show --domain default nova', by: 'rc' });
  assert.deepEqual(existenceCheck('openstack project create --domain default service'), { cmd: 'openstack project show --domain default service', by: 'rc' });
  assert.deepEqual(existenceCheck('openstack service create --name glance image'), { cmd: 'openstack service show glance', by: 'rc' });
  assert.equal(existenceCheck('openstack endpoint create --region RegionOne image public http://controller:9292'), null, 'no show by name: stamped');
  assert.equal(existenceCheck('openstack role add --project service --user nova admin'), null);
  assert.deepEqual(existenceCheck('keystone user-create --name=nova --pass=NOVA_PASS --email=x@y'), { cmd: 'keystone user-get nova', by: 'rc' });
  assert.equal(existenceCheck('keystone endpoint-create --service-id=$(keystone service-list | awk "/ compute / {print $2}")'), null);
  assert.equal(existenceCheck('openstack server list'), null);
  assert.equal(existenceCheck('nova-manage db sync'), null);
});

test('commands with a module of the same meaning', () => {
  assert.deepEqual(classifyCommand('firewall-cmd --permanent --zone=internal --add-port=8776/tcp'), {
    module: 'ansible.posix.firewalld',
    args: { permanent: true, zone: 'internal', port: '8776/tcp', state: 'enabled' },
  });
  assert.deepEqual(classifyCommand('firewall-cmd --reload'), { module: 'ansible.builtin.systemd', items: [{ name: 'firewalld', state: 'reloaded' }] });
  assert.equal(classifyCommand('firewall-cmd --list-all').module, 'ansible.builtin.command');
  assert.deepEqual(classifyCommand('pip install --upgrade pip cmd2'), { module: 'ansible.builtin.pip', args: { name: ['pip', 'cmd2'], state: 'latest', executable: 'pip' } });
  assert.deepEqual(classifyCommand('hostnamectl set-hostname controller'), { module: 'ansible.builtin.hostname', args: { name: 'controller' } });
  assert.deepEqual(classifyCommand('reboot'), { module: 'ansible.builtin.reboot', args: {} });
  assert.deepEqual(classifyCommand('ln -s /etc/apache2/sites-available/k.conf /etc/apache2/sites-enabled'), {
    module: 'ansible.builtin.file',
    args: { src: '/etc/apache2/sites-available/k.conf', path: '/etc/apache2/sites-enabled/k.conf', state: 'link' },
  });
  assert.equal(classifyCommand('chown -R swift:swift /srv/node').module, 'ansible.builtin.command');
  assert.deepEqual(classifyCommand('chmod +x /etc/kernel/postinst.d/x'), { module: 'ansible.builtin.file', args: { path: '/etc/kernel/postinst.d/x', mode: 'a+x' } });
  assert.deepEqual(sedSpec("sed -i 's/127.0.0.1/0.0.0.0/g' /etc/my.cnf"), {
    module: 'ansible.builtin.replace',
    args: { path: '/etc/my.cnf', regexp: '127.0.0.1', replace: '0.0.0.0' },
  });
  assert.deepEqual(sedSpec("sed -i 's|a(b)|[&]|g' /x")?.args, { path: '/x', regexp: 'a\\(b\\)', replace: '[\\g<0>]' });
  assert.equal(sedSpec("sed -i 's/a/b/' /x"), null, 'without g sed changes one match a line');
  assert.equal(sedSpec("sed -i 's/a\\(b\\)/c/g' /x"), null, 'backslashes stay sed');
});

test('lint exceptions are written on the task: the skip tag and the reason', () => {
  assert.match(lintNoqa('rm -f /var/lib/x/*.log'), /deprecated-command-syntax/);
  assert.match(lintNoqa('sed -e s/a/b/ x'), /command-instead-of-module/);
  assert.equal(lintNoqa('systemctl status nova'), '', 'ansible-lint allows systemctl status');
  assert.equal(lintNoqa('nova-manage db sync'), '');
  const task: Task = { name: 'x', tags: ['commands'] };
  task[COMMENT] = 'run once';
  skipLint(task, lintNoqa('rm -f /x/*'));
  assert.deepEqual(task.tags, ['commands', SKIP_LINT_TAG]);
  assert.match(task[COMMENT]!, /^run once; no file module argument says the same \(rm\): lint skips deprecated-command-syntax$/);
});

test('export of the guide becomes the environment: of later command tasks; export, cd and source are no tasks of their own', async () => {
  const { stepsToAnsible } = await import('../src/generate/ansible/steps-to-ansible.js');
  const { parse } = await import('yaml');
  const command = (id: string, run: string, line: number) => ({ id, kind: 'command', run, user: 'root', verify: false, expect: null, source: { line } }) as const;
  const graph = {
    schemaVersion: 1,
    source: { path: 'guides/900_env.txt', format: 'text', dialect: 'redhat-text', sha256: 'ab'.repeat(32) },
    title: 'env',
    roles: [],
    procedures: [
      {
        id: 'p',
        title: 'Rings',
        role: null,
        source: { line: 1 },
        steps: [
          {
            id: 's',
            text: 'Build the rings',
            role: null,
            when: null,
            source: { line: 2 },
            actions: [command('a', 'export OS_USERNAME=admin', 3), command('b', 'cd /etc/swift', 4), command('c', 'swift-ring-builder account.builder rebalance', 5), command('d', 'source ~/openrc', 6), command('e', 'nova list', 7)],
          },
        ],
      },
    ],
    placeholders: [],
    literals: [],
    missing: [],
    messages: [],
  };
  const files = stepsToAnsible(graph as never, { vars: {} }).files;
  const plays = inlineFiles(files, (text) => parse(text, { customTags: [{ tag: '!unsafe', resolve: (s: string) => s }] }));
  const tasks = plays.flatMap((p) => p.tasks).filter((t) => t['ansible.builtin.command'] || t['ansible.builtin.shell']);
  assert.equal(tasks.length, 2, 'export, cd and source open no task');
  assert.equal(tasks[0]!['ansible.builtin.shell'].cmd, 'cd /etc/swift && swift-ring-builder account.builder rebalance');
  assert.deepEqual(tasks[0]!.environment, { OS_USERNAME: 'admin' });
  assert.equal(tasks[1]!['ansible.builtin.shell'].cmd, 'cd /etc/swift && source ~/openrc && nova list', 'what no keyword says stays a prefix');
  assert.deepEqual(tasks[1]!.environment, { OS_USERNAME: 'admin' });
});

test('ln -s with an absolute target: the link and its target are both under tejun_root (unchanged when the root is empty)', async () => {
  const { stepsToAnsible } = await import('../src/generate/ansible/steps-to-ansible.js');
  const { rebootGraph } = await import('./helpers/reboot-graph.js');
  const { parse } = await import('yaml');
  const graph = rebootGraph('ln -s /etc/apache2/sites-available/k.conf /etc/apache2/sites-enabled');
  const text = stepsToAnsible(graph, { vars: {} }).files.map((f) => f.content).join('\n');
  const tasks = (parse(text.split('\n---\n').find((t) => t.includes('state: link'))!.replace(/!unsafe /g, '')) as Record<string, any>[]).filter((t) => t['ansible.builtin.file']?.state === 'link');
  assert.deepEqual(tasks.map((t) => t['ansible.builtin.file']), [
    { src: '{{ tejun_root }}/etc/apache2/sites-available/k.conf', path: '{{ tejun_root }}/etc/apache2/sites-enabled/k.conf', state: 'link' },
  ]);
});
