/**
 * Commands with a module of the same meaning beyond modules.ts's first ones: OpenStack v3 creates
 * (handlers/openstack-modules.ts), disks, package removal and holds, init scripts, chgrp
 * (system-modules.ts); and the tasks the OpenStack modules get (credentials check, tag `cloud`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { openstackModuleSpec, shellWords } from '../src/generate/ansible/handlers/openstack-modules.js';
import { classifyCommand } from '../src/generate/ansible/modules.js';
import { inlineFiles } from './helpers/ansible-layout.js';

test('shellWords: quotes and escaped parentheses as the shell reads them; other shell syntax refused', () => {
  assert.deepEqual(shellWords(`a --d "Open Stack" 'x y' http://h:1/v2/%\\(tenant_id\\)s`), ['a', '--d', 'Open Stack', 'x y', 'http://h:1/v2/%(tenant_id)s']);
  assert.equal(shellWords('a $(b)'), null);
  assert.equal(shellWords('a | b'), null);
  assert.equal(shellWords('a "$X"'), null);
  assert.equal(shellWords('a "unclosed'), null);
});

test('openstackModuleSpec: v3 creates → openstack.cloud modules; unknown options, v2 forms and lists stay commands', () => {
  assert.deepEqual(openstackModuleSpec('openstack endpoint create --region RegionOne compute admin http://c:8774/v2/%\\(tenant_id\\)s'), {
    module: 'openstack.cloud.endpoint',
    args: { region: 'RegionOne', service: 'compute', endpoint_interface: 'admin', url: 'http://c:8774/v2/%(tenant_id)s', state: 'present' },
  });
  assert.deepEqual(openstackModuleSpec('openstack service create --name glance --description "OpenStack Image" image'), {
    module: 'openstack.cloud.catalog_service',
    args: { name: 'glance', description: 'OpenStack Image', service_type: 'image', state: 'present' },
  });
  assert.deepEqual(openstackModuleSpec('openstack role add --project service --user nova admin'), {
    module: 'openstack.cloud.role_assignment',
    args: { project: 'service', user: 'nova', role: 'admin' },
  });
  assert.deepEqual(openstackModuleSpec('openstack project create --domain=default --description "Service Project" service')?.args, {
    domain_id: 'default',
    description: 'Service Project',
    name: 'service',
    state: 'present',
  });
  assert.deepEqual(openstackModuleSpec('openstack user create --domain default --password-prompt nova'), {
    module: 'openstack.cloud.identity_user',
    args: { domain: 'default', name: 'nova', state: 'present' },
    prompted: true,
  });
  assert.equal(openstackModuleSpec('openstack role create user')?.module, 'openstack.cloud.identity_role');
  assert.equal(openstackModuleSpec('openstack endpoint create --publicurl http://x compute'), null, 'v2 endpoint options');
  assert.equal(openstackModuleSpec('openstack endpoint create --region R compute sideways http://x'), null, 'unknown interface');
  assert.equal(openstackModuleSpec('openstack service create compute'), null, 'a service without --name has no name to look up');
  assert.equal(openstackModuleSpec('openstack role add --project p --user u --group g admin'), null);
  assert.equal(openstackModuleSpec('openstack user create --domain default --password-prompt --password x nova'), null);
  assert.equal(openstackModuleSpec('openstack user list'), null);
  assert.equal(openstackModuleSpec('keystone user-create --name nova --pass x'), null, 'the v2 client stays a command');
});

test('disks, removals, holds, init scripts and chgrp have their modules', () => {
  assert.deepEqual(classifyCommand('vgcreate cinder-volumes /dev/sdb'), { module: 'community.general.lvg', args: { vg: 'cinder-volumes', pvs: ['/dev/sdb'] } });
  assert.deepEqual(classifyCommand('lvcreate -L 64G -T drbdpool/thinpool'), { module: 'community.general.lvol', args: { vg: 'drbdpool', thinpool: 'thinpool', size: '64G' } });
  assert.deepEqual(classifyCommand('mkfs.xfs /dev/sdb1'), { module: 'community.general.filesystem', args: { fstype: 'xfs', dev: '/dev/sdb1' } });
  assert.deepEqual(classifyCommand('mkfs -t ext4 /dev/sdc'), { module: 'community.general.filesystem', args: { fstype: 'ext4', dev: '/dev/sdc' } });
  assert.deepEqual(classifyCommand('apt-get remove --purge openstack-dashboard-ubuntu-theme'), {
    module: 'ansible.builtin.apt',
    args: { name: ['openstack-dashboard-ubuntu-theme'], state: 'absent', purge: true },
  });
  assert.deepEqual(classifyCommand('yum -y remove NetworkManager'), { module: 'ansible.builtin.package', args: { name: ['NetworkManager'], state: 'absent' } });
  assert.deepEqual(classifyCommand('apt-mark hold rabbitmq-server'), { module: 'ansible.builtin.dpkg_selections', args: { name: 'rabbitmq-server', selection: 'hold' } });
  assert.deepEqual(classifyCommand('rpm -ivh http://example.org/epel-release-6-8.noarch.rpm'), {
    module: 'ansible.builtin.yum',
    args: { name: 'http://example.org/epel-release-6-8.noarch.rpm', state: 'present' },
  });
  assert.deepEqual(classifyCommand('easy_install pip'), { module: 'community.general.easy_install', args: { name: 'pip' } });
  assert.deepEqual(classifyCommand('/etc/init.d/apache2 restart'), { module: 'ansible.builtin.service', items: [{ name: 'apache2', state: 'restarted' }] });
  assert.deepEqual(classifyCommand('chgrp www-data /etc/zabbix'), { module: 'ansible.builtin.file', args: { path: '/etc/zabbix', group: 'www-data' } });
  for (const run of ['vgcreate vg0', 'lvcreate -L 10G -n lv vg0', 'mkfs.xfs -f /dev/sdb1', 'apt-get remove --force x', 'rpm -i local.rpm', '/etc/init.d/x status', 'pvcreate /dev/sdb']) {
    assert.match(classifyCommand(run).module, /^ansible\.builtin\.(command|shell)$/, run);
  }
});

test('OpenStack creates: one credentials check per session state, module tasks tagged cloud with its OS_* environment', async () => {
  const { stepsToAnsible } = await import('../src/generate/ansible/steps-to-ansible.js');
  const command = (id: string, run: string, line: number) => ({ id, kind: 'command', run, user: 'root', verify: false, expect: null, source: { line } }) as const;
  const graph = {
    schemaVersion: 1,
    source: { path: 'guides/901_cloud.txt', format: 'text', dialect: 'redhat-text', sha256: 'cd'.repeat(32) },
    title: 'cloud',
    roles: [],
    procedures: [
      {
        id: 'p',
        title: 'Service',
        role: null,
        source: { line: 1 },
        steps: [
          {
            id: 's',
            text: 'Register the service',
            role: null,
            when: null,
            source: { line: 2 },
            actions: [
              command('a', 'source ~/admin-openrc', 3),
              command('b', 'openstack service create --name glance --description "Image" image', 4),
              command('c', 'openstack endpoint create --region R image public http://c:9292', 5),
              command('d', 'export OS_PROJECT_NAME=demo', 6),
              command('e', 'openstack role add --project demo --user demo user', 7),
            ],
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
  const tasks = inlineFiles(files, (text) => parse(text, { customTags: [{ tag: '!unsafe', resolve: (s: string) => s }] })).flatMap((p) => p.tasks);
  const checks = tasks.filter((t) => t['ansible.builtin.shell']);
  assert.deepEqual(
    checks.map((t) => t['ansible.builtin.shell'].cmd),
    ['source ~/admin-openrc && env', 'source ~/admin-openrc && env'],
    'a check for the first session state and one after the export changed it, none for the endpoint',
  );
  assert.ok(checks.every((t) => t.changed_when === false && t.no_log === true && t.check_mode === false));
  assert.deepEqual(checks[1]!.environment, { OS_PROJECT_NAME: 'demo' });
  const modules = tasks.filter((t) => Object.keys(t).some((k) => k.startsWith('openstack.cloud.')));
  assert.deepEqual(
    modules.map((t) => Object.keys(t).find((k) => k.startsWith('openstack.cloud.'))),
    ['openstack.cloud.catalog_service', 'openstack.cloud.endpoint', 'openstack.cloud.role_assignment'],
  );
  assert.ok(modules.every((t) => JSON.stringify(t.tags) === '["cloud"]'));
  assert.match(modules[0]!.environment, new RegExp(`^\\{\\{ dict\\(${checks[0]!.register}\\.stdout_lines`));
  assert.match(modules[2]!.environment, new RegExp(`^\\{\\{ dict\\(${checks[1]!.register}\\.stdout_lines`));
  assert.ok(!tasks.some((t) => JSON.stringify(t).includes('tejun_done')), 'no run-once stamp: the modules look the objects up');
});

test('answerOf: a prompted secret keeps its site variable after site binding rebuilt the scopes from the command texts', async () => {
  const { answerOf } = await import('../src/generate/shell/interactive-secrets.js');
  const action = { id: 'c1', kind: 'command', run: 'openstack user create --domain default --password-prompt nova', user: 'root', verify: false, expect: null, source: { line: 3 } } as const;
  const placeholder = (scope: string[]) => ({ name: 'NOVA_PASS', variable: 'NOVA_PASS', description: 'nova', secret: true, source: { line: 9 }, scope });
  const graph = (placeholders: unknown[]) => ({ placeholders }) as never;
  assert.equal(answerOf(graph([placeholder(['c7', 'c8'])]), action)?.placeholder.name, 'NOVA_PASS', 'scoped to the commands that spell it: still the prompt’s');
  assert.equal(answerOf(graph([placeholder(['c7']), placeholder(['c8'])]), action), null, 'two of that name, neither scoped here: none chosen');
  assert.equal(answerOf(graph([]), action), null);
});
