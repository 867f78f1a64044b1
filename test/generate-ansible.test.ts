/**
 * Tests of the Ansible generator: structure of the playbook, module choice, conditions,
 * secrets, group_vars and inventory. Jinja safety proved with Jinja2 itself, ansible-playbook and
 * ansible-lint on the output: test/tools/generate-ansible.test.ts (`npm run test:tools`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { parse, parseDocument, type Tags } from 'yaml';
import type { StepGraph } from '../src/ir/types.js';
import { jinjaVar } from '../src/generate/escape/ansible.js';
import { classifyCommand, needsShell, splitAndChain } from '../src/generate/ansible/modules.js';
import { dropPasswordPrompt } from '../src/generate/ansible/handlers/sql.js';
import { groupName } from '../src/generate/ansible/plays.js';
import { inventoryGroups } from '../src/generate/ansible/inventory.js';
import { stepsToAnsible } from '../src/generate/ansible/steps-to-ansible.js';
import type { GenerateOptions, OutputFile } from '../src/generate/index.js';
import { sampleGraph } from './helpers/ansible-sample-graph.js';
import { defaultsFiles, handlerFiles, inlineFiles } from './helpers/ansible-layout.js';

/** Names of the tasks a role with run-once tasks starts with (run-once.ts's stampsPlay). */
const RUN_ONCE_SETUP = ['Directory of the run-once stamps', 'Find the run-once stamps of earlier runs', 'Names of the run-once stamps of earlier runs'];

/** A value with everything that could break quoting or templating. */
const HOSTILE = `pa'ss"w{{ 7*7 }}{% if 1 %}x{% endif %}$(id)\`id\`\nline2\\ -dash ü`;

/** HOSTILE on one line: the sample graph puts PASSWORD into an INI value, where a line break is refused at binding. */
const HOSTILE_LINE = HOSTILE.replace(/\n/g, ' ');

const VARS: GenerateOptions = { vars: { PASSWORD: HOSTILE_LINE, IP: '10.0.0.1' } };

/** `!unsafe` as a YAML tag that reads back as a plain string (for parsing our output). */
const UNSAFE: Tags = [
  { tag: '!unsafe', identify: () => false, resolve: (value: string) => value } as unknown as Tags[number],
];

function file(files: OutputFile[], suffix: string): OutputFile {
  const found = files.find((f) => f.path.endsWith(suffix));
  assert.ok(found, `no ${suffix} in ${files.map((f) => f.path).join(', ')}`);
  return found;
}

type AnyTask = Record<string, any>;
type AnyPlay = { name: string; hosts: string; become: boolean; tasks: AnyTask[] };

/** The plays of site.yml with the tasks of the role part each applies (test/helpers/ansible-layout.ts). */
function playbook(graph: StepGraph, options: GenerateOptions = VARS): AnyPlay[] {
  return inlineFiles(stepsToAnsible(graph, options).files, (text) => parse(text, { customTags: UNSAFE })) as AnyPlay[];
}

function tasks(plays: AnyPlay[]): AnyTask[] {
  return plays.flatMap((p) => p.tasks);
}

/** The ids a task name may end with: the graph's action ids (context.ts's taskName), and step ids (a flush of handlers). */
function anchorIds(graph: StepGraph): string[] {
  return graph.procedures.flatMap((p) => p.steps.flatMap((s) => [s.id, ...s.actions.map((a) => a.id)]));
}

/** The tasks of `all` doing an action of `graph` at guide line `line`: their names end with the action's id, `(a7)` or `(a7) #2`. */
function atLine(graph: StepGraph, all: AnyTask[], line: number): AnyTask[] {
  const ids = graph.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions.filter((a) => a.source.line === line).map((a) => a.id)));
  return all.filter((t) => ids.some((id) => String(t.name).endsWith(`(${id})`) || new RegExp(`\\(${id}\\) #\\d+$`).test(String(t.name))));
}

test('output files: site.yml, one role per host group (tasks, defaults) and the inventory under the guide base name', () => {
  const result = stepsToAnsible(sampleGraph(), VARS);
  const role = (group: string) => `000_sample/roles/tejun_000_sample_${group}`;
  assert.deepEqual(
    result.files.map((f) => f.path),
    [
      '000_sample/site.yml',
      ...['db', 'controller'].flatMap((g) => [`${role(g)}/tasks/main.yml`, `${role(g)}/defaults/main.yml`]),
      // the compute role restarts iptables after editing its rules: a handler
      ...[`${role('compute')}/tasks/main.yml`, `${role('compute')}/handlers/main.yml`, `${role('compute')}/defaults/main.yml`],
      '000_sample/inventory.ini',
    ],
  );
  assert.ok(!result.files.some((f) => f.path.includes('group_vars')), 'no group_vars beside the playbook: the operator\'s win');
  for (const f of defaultsFiles(result.files)) assert.equal(f.mode, 0o600, `${f.path} holds the bound secret`);
  assert.equal(file(result.files, 'site.yml').mode, 0o644);
  for (const f of result.files.filter((x) => x.path.includes('/tasks/') || x.path.endsWith('site.yml'))) {
    assert.ok(!f.content.includes('pa\'ss'), `no bound value in ${f.path}`);
  }
  const header = file(result.files, 'site.yml').content.split('\n').slice(0, 2).join('\n');
  assert.match(header, /guides\/000_sample\.txt/);
  assert.match(header, new RegExp('ab'.repeat(32)));
});

test('plays follow roles in guide order, become: true', () => {
  const plays = playbook(sampleGraph());
  assert.deepEqual(plays.map((p) => p.hosts), ['db', 'controller', 'compute'], 'one play per role');
  assert.ok(plays.every((p) => p.become === true));
  const names = tasks(plays).map((t) => t.name as string).filter((n) => !RUN_ONCE_SETUP.includes(n));
  assert.equal(new Set(names).size, names.length, 'task names are unique');
  const own = names.filter((n) => !n.startsWith('Stamp: '));
  const ids = anchorIds(sampleGraph());
  assert.ok(own.every((n) => ids.some((id) => n.endsWith(`(${id})`) || n.includes(`(${id}) #`))), 'every name ends with the stable id of its action');
  assert.ok(names.every((n) => !/\.txt:\d+/.test(n)), 'no name holds a guide line');
  assert.ok(names.every((n) => !/^\p{Ll}/u.test(n)), 'names start with a capital or a non-letter (name[casing])');
  assert.ok(plays.every((p) => /^Role \w+: /.test(p.name)), 'play names start with the role');
});

test('null roles run on all hosts; consecutive steps of one role share a play', () => {
  const graph = sampleGraph();
  for (const p of graph.procedures) {
    p.role = null;
    for (const s of p.steps) s.role = null;
  }
  const plays = playbook(graph);
  assert.deepEqual(plays.map((p) => p.hosts), ['all'], 'every step in one play');
});

test('modules are chosen by meaning', () => {
  const all = tasks(playbook(sampleGraph()));
  const byLine = (line: number) => atLine(sampleGraph(), all, line);
  assert.deepEqual(byLine(91)[0]!['ansible.builtin.package'], {
    name: ['openstack-nova-api', 'openstack-nova-compute'],
    state: 'present',
  });
  // The restart after the iptables lines: a handler those lines notify, flushed where the guide restarts.
  assert.deepEqual(byLine(300).map((t) => t['ansible.builtin.meta']), ['flush_handlers']);
  const iptablesLines = all.filter((t) => (t.notify as string[] | undefined)?.includes('Restart iptables'));
  assert.ok(iptablesLines.length > 0 && iptablesLines.every((t) => t['ansible.builtin.lineinfile'] || t['ansible.builtin.blockinfile']));
  const handler = handlerFiles(stepsToAnsible(sampleGraph(), VARS).files, (text) => parse(text, { customTags: UNSAFE })).find((h) => h.name === 'Restart iptables')!;
  assert.deepEqual(handler['ansible.builtin.service'], { name: 'iptables', state: 'restarted' });
  assert.ok(([] as string[]).concat(handler.when).includes("'services' not in ansible_skip_tags"), 'handlers honour --skip-tags services');
  assert.deepEqual(byLine(337)[0]!['ansible.builtin.service'], { name: 'messagebus', enabled: true });
  const systemd = byLine(338)[0]!;
  assert.deepEqual(systemd['ansible.builtin.systemd'], { name: '{{ item }}', state: 'started', enabled: true });
  assert.deepEqual(systemd.loop, ['libvirtd.service', 'openstack-nova-compute.service']);
  // Two consecutive settings of nova.conf in one step: one ini_file task with a loop.
  const nova = byLine(155)[0]!;
  assert.deepEqual(nova['community.general.ini_file'], {
    path: '{{ tejun_root }}/etc/nova/nova.conf',
    section: '{{ (item.section) | string }}',
    option: '{{ (item.option) | string }}',
    value: '{{ (item.value) | string }}',
    create: true,
    mode: '0640',
  });
  assert.deepEqual(nova.loop, [
    // The password is in the URL's userinfo: percent-encoded (escape/url.ts).
    { section: 'DEFAULT', option: 'sql_connection', value: "mysql://nova:{{ password | urlencode | replace('/', '%2F') }}@{{ ip }}/nova" },
    { section: 'DEFAULT', option: 'use_syslog', value: 'yes' },
  ]);
  assert.equal(nova.loop[1].value, 'yes', 'a YAML 1.1 boolean word stays a string');
  assert.deepEqual(nova.loop_control, { label: '[{{ item.section }}] {{ item.option }}' }, 'the label never shows the value');
  assert.equal(nova.no_log, true, 'one value of the loop holds the secret');
  assert.deepEqual(byLine(156), [], 'no task of its own for the second setting');
  const block = byLine(278)[0]!['ansible.builtin.blockinfile'];
  const appended = sampleGraph().procedures.flatMap((p) => p.steps.flatMap((s) => s.actions)).find((a) => a.source.line === 278)!;
  assert.equal(block.marker, `# {mark} tejun ${appended.id}`, 'the marker names the stable id, not the guide line');
  assert.equal(block.block, sampleGraph().procedures[2]!.steps[2]!.actions[0]!.kind === 'file' ? (sampleGraph().procedures[2]!.steps[2]!.actions[0] as { content: string }).content : '');
  assert.equal(byLine(296)[0]!['ansible.builtin.lineinfile'].line, '-A INPUT -p tcp -m multiport --dports 5900:5999 -j ACCEPT');
  // A manual step fails the play with its text unless tejun_manual_done lists its id (no pause that passes without a terminal).
  const manual = byLine(320)[0]!;
  assert.match(manual['ansible.builtin.fail'].msg, /ログインします/);
  assert.match(manual['ansible.builtin.fail'].msg, /tejun_manual_done.*a15/);
  assert.ok(([] as string[]).concat(manual.when).includes("'a15' not in (tejun_manual_done | default([]))"));
  assert.ok(!JSON.stringify(all).includes('ansible.builtin.pause'));
});

test('SQL: CREATE DATABASE and GRANT become community.mysql modules, the rest is fed to the client on stdin without the password prompt; su opens no task', () => {
  const all = tasks(playbook(sampleGraph()));
  const sql = all.filter((t) => t['ansible.builtin.command']?.stdin !== undefined);
  assert.equal(sql.length, 1, 'only USE is left for the client');
  assert.equal(
    sql[0]!['ansible.builtin.command'].cmd,
    '{% if tejun_mysql_defaults %}mysql --defaults-extra-file={{ tejun_mysql_defaults | quote }}{% else %}mysql -u root{% endif %}',
    'with tejun_mysql_defaults the option file says as whom: the guide\'s -u root is dropped',
  );
  assert.equal(sql[0]!['ansible.builtin.command'].stdin, 'USE nova;');
  assert.equal(sql[0]!.changed_when, false, 'USE reads only');
  const db = all.find((t) => t['community.mysql.mysql_db'])!['community.mysql.mysql_db'];
  assert.equal(db.name, 'nova');
  assert.equal(db.state, 'present');
  assert.equal(db.config_file, "{{ (tejun_mysql_defaults or '~/.my.cnf') | string }}");
  const user = all.find((t) => t['community.mysql.mysql_user'])!;
  assert.equal(user['community.mysql.mysql_user'].password, '{{ (password) | string }}', 'a module argument is data: the value raw, kept a string');
  assert.equal(user['community.mysql.mysql_user'].append_privs, true);
  assert.match(user['community.mysql.mysql_user'].priv, /^nova\.\*:ALL$/);
  assert.equal(user.no_log, true);
  assert.ok(jinjaVar('PASSWORD', 'sql-single'));
  assert.ok(!all.some((t) => JSON.stringify(t).includes('su nova')));
  const sync = all.find((t) => t['ansible.builtin.command']?.cmd === 'nova-manage db sync')!;
  assert.equal(sync.become_user, 'nova');
  assert.equal(sync.changed_when, undefined, 'a run-once task reports a change when it runs, none when its stamp skips it');
  const syncAction = sampleGraph().procedures.flatMap((p) => p.steps.flatMap((s) => s.actions)).find((a) => a.kind === 'command' && a.run === 'nova-manage db sync')!;
  assert.equal(sync['ansible.builtin.command'].creates, `{{ tejun_root }}/var/lib/tejun/000_sample/${syncAction.id}.done`, 'the stamp is named by the action\'s stable id, not a guide line');
});

test('run-once stamps: each role with run-once tasks finds them first; a run-once task is skipped on the controller when its stamp was there', () => {
  const plays = playbook(sampleGraph());
  for (const play of plays.filter((p) => JSON.stringify(p.tasks).includes('tejun_done'))) {
    const stamps = play.tasks.slice(0, 3);
    assert.deepEqual(stamps.map((t) => t.name), RUN_ONCE_SETUP, play.name);
    assert.deepEqual(
      stamps.map((t) => Object.keys(t).find((k) => k.includes('.'))),
      ['ansible.builtin.file', 'ansible.builtin.find', 'ansible.builtin.set_fact'],
    );
    assert.ok(stamps.every((t) => JSON.stringify(t.tags) === '["always"]'), 'stamps are found whatever --tags says');
  }
  const later = tasks(plays).filter((t) => !RUN_ONCE_SETUP.includes(t.name));
  const once = later.filter((t) => Object.values(t).some((v) => typeof v === 'object' && v !== null && 'creates' in v));
  assert.ok(once.length > 0);
  for (const task of once) {
    const module = Object.values(task).find((v) => typeof v === 'object' && v !== null && 'creates' in v) as { creates: string };
    const stamp = module.creates.split('/').pop()!;
    const when = ([] as string[]).concat(task.when);
    assert.equal(when[0], `'${stamp}' not in (tejun_done | default([]))`, task.name);
    const touch = later[later.indexOf(task) + 1]!;
    assert.equal(touch['ansible.builtin.file'].path, module.creates, 'the next task touches the stamp');
    assert.deepEqual(([] as string[]).concat(touch.when), [...when, 'not ansible_check_mode'], 'under the same conditions, not in check mode');
  }
});

test('re-run hazards of commands are made re-runnable as in the bash runbook: mkdir DIR → mkdir -p DIR, rm FILE → rm -f FILE', () => {
  const graph = sampleGraph();
  graph.procedures[1]!.steps[0]!.actions.unshift(
    { id: 'mk', kind: 'command', run: 'mkdir images', user: 'root', verify: false, expect: null, source: { line: 1 } },
    { id: 'rm', kind: 'command', run: 'rm nova.sqlite', user: 'root', verify: false, expect: null, source: { line: 1 } },
  );
  const all = tasks(playbook(graph));
  const cmds = all.map((t) => t['ansible.builtin.command']?.cmd ?? t['ansible.builtin.shell']?.cmd);
  assert.ok(all.some((t) => t['ansible.builtin.file']?.state === 'directory' && String(t['ansible.builtin.file'].path).endsWith('images')), 'mkdir → file state=directory');
  assert.ok(cmds.includes('rm -f nova.sqlite'), cmds.join('\n'));
});

test('( ) inside a word of a shell command are escaped, as in the bash runbook (bash reads the guide\'s %(tenant_id)s)', () => {
  const graph = sampleGraph();
  const run = "keystone endpoint-create --service-id=$(keystone service-list | awk '/ compute / {print $2}') --publicurl=http://controller:8774/v2/%(tenant_id)s";
  graph.procedures[1]!.steps[0]!.actions.unshift({ id: 'ep', kind: 'command', run, user: 'root', verify: false, expect: null, source: { line: 1 } });
  const task = tasks(playbook(graph)).find((t) => String(t['ansible.builtin.shell']?.cmd ?? '').includes('endpoint-create'))!;
  const cmd = task['ansible.builtin.shell'].cmd as string;
  assert.ok(cmd.endsWith('/v2/%\\(tenant_id\\)s'), cmd);
  const r = spawnSync('bash', ['-n', '-c', cmd], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('plays gather facts only when a task reads them (a ~/ path under tejun_root)', () => {
  const graph = sampleGraph();
  const reads = (p: AnyPlay): boolean => /ansible_(env|facts)\b/.test(JSON.stringify([p.tasks]));
  assert.ok(playbook(graph).every((p) => (p as AnyPlay & { gather_facts: boolean }).gather_facts === reads(p)));
  graph.procedures[1]!.steps[0]!.actions.unshift({ id: 'home', kind: 'ini', file: '~/.my.cnf', section: 'client', key: 'user', value: 'root', via: 'crudini', source: { line: 1 } });
  const plays = playbook(graph) as (AnyPlay & { gather_facts: boolean })[];
  assert.deepEqual(
    plays.map((p) => p.gather_facts),
    plays.map((p) => reads(p)),
  );
  assert.ok(plays.some((p) => p.gather_facts));
});

test('a quit-only SQL step opens no task; an && chain of plain commands becomes one task each', () => {
  const graph = sampleGraph();
  const db = graph.procedures[0]!;
  db.steps.push({
    id: 'sq',
    text: 'mysql クライアントを終了します。',
    role: 'db',
    when: null,
    source: { line: 19 },
    actions: [{ id: 'aq', kind: 'sql', run: 'quit', session: 'a1', source: { line: 20 } }],
  });
  db.steps.push({
    id: 'sn',
    text: 'Networking を再起動します。',
    role: 'db',
    when: null,
    source: { line: 21 },
    actions: [{ id: 'an', kind: 'command', run: 'service networking stop && service networking start', user: 'root', verify: false, expect: null, source: { line: 22 } }],
  });
  const all = tasks(playbook(graph));
  assert.deepEqual(atLine(graph, all, 20), []);
  assert.deepEqual(
    atLine(graph, all, 22).map((t) => t['ansible.builtin.service']),
    [{ name: 'networking', state: 'stopped' }, { name: 'networking', state: 'started' }],
  );
});

test('source is prefixed to later shell tasks of the play; placeholders are shell-quoted', () => {
  const all = tasks(playbook(sampleGraph()));
  const create = atLine(sampleGraph(), all, 45).find((t) => String(t['ansible.builtin.shell']?.cmd).includes('user-create'))!;
  assert.equal(
    create['ansible.builtin.shell'].cmd,
    'source ~/keystonerc_admin && keystone user-create --name compute --pass {{ password | quote }}',
  );
  assert.equal(create.no_log, true);
  const endpoint = atLine(sampleGraph(), all, 70)[0]!;
  assert.match(endpoint['ansible.builtin.shell'].cmd, /"http:\/\/"\{\{ ip \| quote \}\}":8774\/v2\/\\\$\(tenant_id\)s"/);
  assert.equal(endpoint.no_log, undefined);
});

test('checks register their output and assert a comparable expectation', () => {
  const all = tasks(playbook(sampleGraph()));
  const i = all.findIndex((t) => atLine(sampleGraph(), [t], 311).length > 0 && t['ansible.builtin.shell']);
  assert.ok(i >= 0);
  const check = all[i]!;
  assert.equal(check.changed_when, false);
  assert.match(check['ansible.builtin.shell'].cmd, /^set -o pipefail && egrep/);
  const assertion = all[i + 1]!['ansible.builtin.assert'];
  assert.deepEqual(assertion.that, [`(${check.register}.stdout | trim | int) >= 1`]);
});

test('conditions and optional steps become false-by-default variables; forbidden steps are dropped', () => {
  const result = stepsToAnsible(sampleGraph(), VARS);
  const all = tasks(inlineFiles(result.files, (text) => parse(text)) as AnyPlay[]);
  assert.ok(!JSON.stringify(all).includes('openstack-nova-network'), 'forbidden step not emitted');
  const cert = all.find((t) => t['ansible.builtin.service']?.name === 'openstack-nova-cert')!;
  // The optional step's text has no ASCII word: named after its procedure and a hash of its id.
  assert.match(cert.when as string, /^optional_[a-z0-9_]+_[0-9a-f]{4} \| bool$/);
  const iptables = all.filter((t) => (t.name as string).startsWith('INPUT'));
  assert.equal(iptables.length, 1, 'the restart of the step is a handler now');
  assert.ok(iptables.every((t) => t.when === 'when_red_hat_enterprise_linux_6 | bool'));
  const handlers = handlerFiles(result.files, (text) => parse(text, { customTags: UNSAFE })) as AnyTask[];
  assert.ok(handlers.some((h) => ([] as string[]).concat(h.when).includes('when_red_hat_enterprise_linux_6 | bool')), 'the handler keeps the condition');
  const varsText = file(result.files, 'defaults/main.yml').content;
  const vars = parseDocument(varsText, { customTags: UNSAFE }).toJS() as Record<string, unknown>;
  assert.equal(vars.when_red_hat_enterprise_linux_6, false);
  assert.equal(vars.when_linux_bridge, false);
  assert.equal(vars[(cert.when as string).replace(' | bool', '')], false);
  assert.match(varsText, /# Red Hat Enterprise Linux 6 ベースのシステムの場合 \(000_sample\.txt:295\)\nwhen_red_hat_enterprise_linux_6: false/);
});

test('role defaults: bound values are !unsafe and exact; unbound ones are null with an assert task', () => {
  const bound = file(stepsToAnsible(sampleGraph(), VARS).files, 'defaults/main.yml').content;
  const doc = parseDocument(bound, { customTags: UNSAFE });
  // The site file's PASSWORD is the playbook's `password` (Ansible's lower snake case, variable-names.ts).
  const node = doc.get('password', true) as { tag?: string; value: unknown };
  assert.equal(node.tag, '!unsafe');
  assert.equal(node.value, HOSTILE_LINE);
  assert.match(bound, /# PASSWORD: セキュアなパスワード \(000_sample\.txt:16\)/);

  const options: GenerateOptions = { vars: { IP: '10.0.0.1' }, allowUnbound: true };
  const result = stepsToAnsible(sampleGraph(), options);
  assert.equal(file(result.files, 'defaults/main.yml').mode, 0o644, 'no bound secret');
  const vars = parseDocument(file(result.files, 'defaults/main.yml').content, { customTags: UNSAFE }).toJS() as Record<string, unknown>;
  assert.equal(vars.password, null);
  for (const play of inlineFiles(result.files, (text) => parse(text)) as AnyPlay[]) {
    assert.deepEqual(play.tasks[0]!['ansible.builtin.assert'].that, ['password is not none and (password | string | length) > 0'], `first task of ${play.name}`);
  }
});

test('unbound placeholders without allowUnbound: errors and no files', () => {
  const result = stepsToAnsible(sampleGraph(), { vars: { IP: '1.2.3.4' } });
  assert.deepEqual(result.files, []);
  assert.equal(result.messages.length, 1);
  assert.equal(result.messages[0]!.ruleId, 'unbound-placeholder');
  assert.equal(result.messages[0]!.line, 16);
});

test('inventory: a group per role, hosts from fitting host literals', () => {
  const text = file(stepsToAnsible(sampleGraph(), VARS).files, 'inventory.ini').content;
  assert.match(text, /\[db\]\ndb01\.example\.org\n/);
  assert.match(text, /\[controller\]\ncontroller01\n/);
  assert.match(text, /\[compute\]\ncompute\.example\.com\n/);
  assert.deepEqual(inventoryGroups(['all', 'net work'], [{ value: 'evil host\n[x]', kind: 'host', source: { line: 1 } }]), [
    { name: 'net_work', hosts: ['net-work.example.com'] },
  ]);
  assert.equal(groupName('net work'), 'net_work');
  assert.equal(groupName(null), 'all');
});

test('output is deterministic', () => {
  const a = stepsToAnsible(sampleGraph(true), VARS);
  const b = stepsToAnsible(sampleGraph(true), VARS);
  assert.deepEqual(a, b);
});

test('module classification', () => {
  assert.deepEqual(classifyCommand('apt-get install -y nova-api'), { module: 'ansible.builtin.package', names: ['nova-api'] });
  assert.deepEqual(classifyCommand('zypper --non-interactive in nova'), { module: 'ansible.builtin.package', names: ['nova'] });
  assert.equal(classifyCommand('yum install --enablerepo=x nova').module, 'ansible.builtin.command');
  assert.equal(classifyCommand('yum update nova').module, 'ansible.builtin.command');
  assert.deepEqual(classifyCommand('systemctl restart a.service'), {
    module: 'ansible.builtin.systemd',
    items: [{ name: 'a.service', state: 'restarted' }],
  });
  assert.equal(classifyCommand('systemctl status a').module, 'ansible.builtin.command');
  assert.equal(classifyCommand('export OS_USERNAME=admin').module, 'environment');
  assert.equal(classifyCommand('ls /etc | grep nova').module, 'ansible.builtin.shell');
  assert.equal(needsShell('nova-manage db sync'), false);
  assert.equal(needsShell('echo $(id)'), true);
  assert.deepEqual(classifyCommand('apt-get update'), { module: 'ansible.builtin.apt', args: { update_cache: true } });
  assert.deepEqual(classifyCommand('apt-get -y dist-upgrade'), { module: 'ansible.builtin.apt', args: { upgrade: 'dist' } });
  assert.deepEqual(classifyCommand('yum -y update'), { module: 'ansible.builtin.yum', args: { name: '*', state: 'latest' } });
  assert.deepEqual(classifyCommand('rm -f /var/lib/keystone/keystone.db'), {
    module: 'ansible.builtin.file',
    args: { path: '/var/lib/keystone/keystone.db', state: 'absent' },
  });
  assert.deepEqual(classifyCommand('mkdir -p /srv/node'), { module: 'ansible.builtin.file', args: { path: '/srv/node', state: 'directory', mode: '0755' } });
  assert.deepEqual(classifyCommand('chown swift:swift /srv/node'), {
    module: 'ansible.builtin.file',
    args: { path: '/srv/node', owner: 'swift', group: 'swift' },
  });
  assert.deepEqual(classifyCommand('chmod 640 /etc/x'), { module: 'ansible.builtin.file', args: { path: '/etc/x', mode: '0640' } });
  assert.equal(classifyCommand('mkdir images').module, 'ansible.builtin.file', 'a relative directory is a path too');
  assert.equal(classifyCommand('rm nova.sqlite').module, 'ansible.builtin.command', 'a relative file to remove stays a command');
  assert.equal(classifyCommand('rm -i /x').module, 'ansible.builtin.command');
  assert.deepEqual(splitAndChain('service networking stop && service networking start'), ['service networking stop', 'service networking start']);
  assert.equal(splitAndChain("a && echo 'x y'"), null);
  assert.equal(splitAndChain('a | b && c'), null);
  assert.equal(dropPasswordPrompt('mysql -u root -p'), 'mysql -u root');
  assert.equal(dropPasswordPrompt('mysql -u root -psecret'), 'mysql -u root -psecret');
});
