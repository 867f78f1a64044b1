/**
 * The playbook's layout and placement decisions: host groups carried to steps that name no host
 * (host-groups.ts, grammars/host-groups.yaml), settings files shared by host groups
 * (shared-settings.ts; fixture redhat-text-settings-split-by-host), run_once for cluster-wide
 * actions (cluster-wide.ts, grammars/cluster-wide.yaml) and the roles/ layout (roles-layout.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import type { Action, IniAction, StepGraph } from '../src/ir/types.js';
import { CLUSTER_WIDE_SCHEMA_PATH, clusterWideActions, isClusterWideCommand, isClusterWideSql, loadClusterWideFile } from '../src/generate/ansible/cluster-wide.js';
import { loadHostGroupsFile, stepGroups } from '../src/generate/ansible/host-groups.js';
import { roleName } from '../src/generate/ansible/roles-layout.js';
import { placeSteps } from '../src/generate/ansible/shared-settings.js';
import { stepsToAnsible } from '../src/generate/ansible/steps-to-ansible.js';
import { LEXICON_PATH } from '../src/nlp/lexicon.js';
import { sampleGraph } from './helpers/ansible-sample-graph.js';
import { inlineFiles } from './helpers/ansible-layout.js';
import { FIXTURES_DIR } from './helpers/paths.js';
import { loadTejun } from './helpers/tejun.js';

type AnyTask = Record<string, any>;

/** `!unsafe` read back as a plain string. */
const UNSAFE = [{ tag: '!unsafe', resolve: (value: string) => value }];

/** The INI keys each host group's tasks set, in task order (loop items or single settings). */
function iniKeysByGroup(graph: StepGraph): Map<string, string[]> {
  const files = stepsToAnsible(graph, { vars: {}, allowUnbound: true }).files;
  const keys = new Map<string, string[]>();
  for (const play of inlineFiles(files, (t) => parse(t, { customTags: UNSAFE }))) {
    const list = keys.get(play.hosts) ?? [];
    for (const task of play.tasks as AnyTask[]) {
      const ini = task['community.general.ini_file'];
      if (!ini) continue;
      if (task.loop) list.push(...(task.loop as { option: string }[]).map((i) => i.option));
      else list.push(String(ini.option));
    }
    keys.set(play.hosts, list);
  }
  return keys;
}

/** An INI action. */
function ini(id: string, file: string, key: string, value: string, line: number): IniAction {
  return { id, kind: 'ini', file, section: 'DEFAULT', key, value, via: 'crudini', source: { line } };
}

/** A graph of one procedure per entry: [role, actions]. */
function graphOf(procedures: [string | null, Action[]][]): StepGraph {
  return {
    ...sampleGraph(),
    procedures: procedures.map(([role, actions], i) => ({
      id: `p${i}`,
      title: `Procedure ${i}`,
      role,
      source: { line: i * 10 + 1 },
      steps: actions.map((a, j) => ({ id: `s${i}-${j}`, text: `Step ${i}.${j}`, role, when: null, source: { line: i * 10 + j + 2 }, actions: [a] })),
    })),
    placeholders: [],
  };
}

test('a settings file the guide splits between host groups goes whole to every group that writes it (fixture)', async () => {
  const tejun = await loadTejun();
  const graph = await tejun.parseGuide(join(FIXTURES_DIR, 'redhat-text-settings-split-by-host', 'input.txt'));
  assert.deepEqual(graph.procedures.map((p) => p.role), ['compute', 'controller'], 'the fixture tags the two procedures with two hosts');
  const keys = iniKeysByGroup(graph);
  const compute = keys.get('compute') ?? [];
  const controller = keys.get('controller') ?? [];
  for (const key of ['auth_strategy', 'sql_connection', 'rpc_backend', 'rabbit_host']) {
    assert.ok(compute.includes(key), `compute gets ${key}: ${compute.join(', ')}`);
    assert.ok(controller.includes(key), `controller gets ${key}: ${controller.join(', ')}`);
  }
  // The controller writes nova.conf first at its own procedure: the compute settings wait for it.
  assert.ok(controller.indexOf('sql_connection') < controller.indexOf('rpc_backend'), controller.join(', '));
});

test('a settings file each group configures for itself (a key set for two groups) stays per group', () => {
  const ml2 = '/etc/neutron/plugins/ml2/ml2_conf.ini';
  const graph = graphOf([
    ['network', [ini('a', ml2, 'local_ip', '10.0.1.21', 1), ini('b', ml2, 'bridge_mappings', 'external:br-ex', 2)]],
    ['compute', [ini('c', ml2, 'local_ip', '10.0.1.31', 11)]],
  ]);
  const keys = iniKeysByGroup(graph);
  assert.deepEqual(keys.get('network'), ['local_ip', 'bridge_mappings']);
  assert.deepEqual(keys.get('compute'), ['local_ip'], 'no bridge mapping on a host without the bridge');
});

test('settings of a step on every host (`all`) are not copied; a group that never wrote the file gets nothing', () => {
  const nova = '/etc/nova/nova.conf';
  const groups = (g: StepGraph) => placeSteps(g, stepGroups(g)).map((p) => `${p.group}:${p.step.actions.map((a) => a.id).join('')}`);
  const graph = graphOf([
    ['controller', [ini('a', nova, 'x', '1', 1)]],
    ['all', [ini('b', nova, 'y', '2', 11)]],
    ['compute', [ini('c', nova, 'z', '3', 21)]],
    ['network', [ini('d', '/etc/neutron/neutron.conf', 'w', '4', 31)]],
  ]);
  assert.deepEqual(groups(graph), ['controller:a', 'all:b', 'compute:a', 'compute:c', 'controller:c', 'network:d']);
});

test('host groups: a step that names no host runs where the step before it ran, except after a detour (the database server)', () => {
  const cmd = (id: string): Action => ({ id, kind: 'command', run: 'true', user: 'root', verify: false, expect: null, source: { line: 1 } });
  const graph = graphOf([[null, [cmd('a')]], ['controller', [cmd('b')]], [null, [cmd('c')]], ['db', [cmd('d')]], [null, [cmd('e')]], ['compute', [cmd('f')]], [null, [cmd('g')]]]);
  const groups = stepGroups(graph);
  assert.deepEqual(
    graph.procedures.map((p) => groups.get(p.steps[0]!)),
    ['all', 'controller', 'controller', 'db', 'controller', 'compute', 'compute'],
  );
});

test('grammars/host-groups.yaml: valid, and every detour is a lexicon role', () => {
  const data = parse(readFileSync(join(process.cwd(), 'grammars', 'host-groups.yaml'), 'utf8')) as unknown;
  const schema = JSON.parse(readFileSync(join(process.cwd(), 'grammars', 'host-groups.schema.json'), 'utf8')) as object;
  assert.ok(new Ajv({ strict: true }).validate(schema, data));
  const lexicon = parse(readFileSync(LEXICON_PATH, 'utf8')) as { roles: { role: string }[] };
  const roles = new Set(lexicon.roles.map((r) => r.role));
  for (const role of loadHostGroupsFile().detours) assert.ok(roles.has(role), `${role} is not a lexicon role`);
});

test('grammars/cluster-wide.yaml: valid against its schema; every pattern compiles and matches its example', () => {
  const file = loadClusterWideFile();
  const schema = JSON.parse(readFileSync(CLUSTER_WIDE_SCHEMA_PATH, 'utf8')) as object;
  assert.ok(new Ajv({ strict: true }).validate(schema, file));
  assert.ok(file.commands.length > 0 && file.sql.length > 0);
  for (const p of file.commands) {
    assert.match(p.example, new RegExp(p.pattern, 'iu'), p.pattern);
    assert.ok(isClusterWideCommand(p.example), p.example);
  }
  for (const p of file.sql) {
    assert.match(p.example, new RegExp(p.pattern, 'iu'), p.pattern);
    assert.ok(isClusterWideSql(p.example), p.example);
  }
});

test('cluster-wide actions: shared-service creation and migrations; never host changes', () => {
  for (const run of [
    'openstack user create --domain default --password-prompt glance',
    'openstack role add --project service --user glance admin',
    'keystone user-create --name compute --pass PASSWORD',
    "keystone endpoint-create --service-id $(keystone service-list | awk '/ network / {print $2}') --publicurl http://c:9696",
    'su -s /bin/sh -c "nova-manage db sync" nova',
    'keystone-manage db_sync',
    'keystone-manage bootstrap --bootstrap-password ADMIN_PASS',
    'neutron net-create ext-net --shared',
  ]) assert.ok(isClusterWideCommand(run), run);
  for (const run of [
    'openstack-config --set /etc/nova/nova.conf DEFAULT rpc_backend rabbit',
    'keystone-manage fernet_setup --keystone-user keystone --keystone-group keystone',
    'openstack user list',
    'keystone user-list',
    'mysql -u root -p',
    'yum install -y openstack-nova-api',
    'systemctl restart openstack-nova-api',
  ]) assert.ok(!isClusterWideCommand(run), run);
  assert.ok(!isClusterWideSql('SELECT * FROM mysql.user;'));
  assert.ok(!isClusterWideSql('USE nova;'));
  // A session with one cluster-wide statement is cluster-wide as a whole (one task feeds it).
  const sql = (id: string, run: string): Action => ({ id, kind: 'sql', run, session: 's', source: { line: 1 } });
  assert.deepEqual([...clusterWideActions([sql('a', 'USE nova;'), sql('b', 'CREATE DATABASE nova;')])], ['a', 'b']);
  assert.deepEqual([...clusterWideActions([sql('a', 'SELECT 1;')])], []);
});

test('run_once: true on the tasks of cluster-wide actions only', () => {
  const files = stepsToAnsible(sampleGraph(), { vars: { PASSWORD: 'x', IP: '10.0.0.1' } }).files;
  const tasks = inlineFiles(files, (t) => parse(t, { customTags: UNSAFE })).flatMap((p) => p.tasks as AnyTask[]);
  const once = tasks.filter((t) => t.run_once === true);
  const text = (t: AnyTask) => JSON.stringify(t);
  assert.ok(once.some((t) => 'community.mysql.mysql_db' in t), 'database creation');
  assert.ok(once.some((t) => 'community.mysql.mysql_user' in t), 'database account and grant');
  assert.ok(once.some((t) => text(t).includes('nova-manage db sync')), 'db sync');
  assert.ok(once.some((t) => text(t).includes('keystone user-create')), 'identity user');
  assert.ok(once.some((t) => String(t.name).startsWith('Stamp: ')), 'a run-once stamp of a cluster-wide task is touched on the same host');
  for (const t of tasks) {
    const cmd = t['ansible.builtin.command']?.cmd ?? t['ansible.builtin.shell']?.cmd;
    if (typeof cmd === 'string' && isClusterWideCommand(cmd)) assert.equal(t.run_once, true, String(t.name));
  }
  assert.ok(!once.some((t) => 'community.general.ini_file' in t || 'ansible.builtin.package' in t), 'host changes run on every host');
});

test('roles layout: a group the guide comes back to has parts imported in order; a group of one run is applied with roles:', () => {
  const cmd = (id: string, line: number): Action => ({ id, kind: 'command', run: `touch /tmp/${id}`, user: 'root', verify: false, expect: null, source: { line } });
  const graph = graphOf([['controller', [cmd('a', 2)]], ['compute', [cmd('b', 12)]], ['controller', [cmd('c', 22)]]]);
  const files = stepsToAnsible(graph, { vars: {} }).files;
  const controller = roleName('000_sample', 'controller');
  const compute = roleName('000_sample', 'compute');
  assert.equal(controller, 'tejun_000_sample_controller');
  assert.deepEqual(
    files.map((f) => f.path).filter((p) => p.includes('/roles/')),
    [
      `000_sample/roles/${controller}/tasks/main.yml`,
      `000_sample/roles/${controller}/tasks/part1.yml`,
      `000_sample/roles/${controller}/tasks/part2.yml`,
      `000_sample/roles/${controller}/defaults/main.yml`,
      `000_sample/roles/${compute}/tasks/main.yml`,
      `000_sample/roles/${compute}/defaults/main.yml`,
    ],
    'no handlers file without handlers',
  );
  const site = parse(files.find((f) => f.path.endsWith('site.yml'))!.content, { customTags: UNSAFE }) as AnyTask[];
  assert.deepEqual(site.map((p) => p.hosts), ['controller', 'compute', 'controller']);
  assert.deepEqual(site[0]!.tasks[0]['ansible.builtin.import_role'], { name: controller, tasks_from: 'part1' });
  assert.deepEqual(site[1]!.roles, [compute]);
  assert.deepEqual(site[2]!.tasks[0]['ansible.builtin.import_role'], { name: controller, tasks_from: 'part2' });
  const main = parse(files.find((f) => f.path.endsWith(`${controller}/tasks/main.yml`))!.content) as AnyTask[];
  assert.deepEqual(main.map((t) => t['ansible.builtin.import_tasks']), ['part1.yml', 'part2.yml'], 'the role alone runs every part in order');
  const plays = inlineFiles(files, (t) => parse(t, { customTags: UNSAFE }));
  assert.deepEqual(plays.map((p) => p.tasks.filter((t) => 'ansible.builtin.command' in t).map((t) => t['ansible.builtin.command'].cmd)), [['touch /tmp/a'], ['touch /tmp/b'], ['touch /tmp/c']]);
});
