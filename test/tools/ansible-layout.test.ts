/**
 * The roles layout run by ansible-playbook (src/generate/ansible/roles-layout.ts): the site values
 * are role defaults, so the operator's inventory group_vars win over them, and a value the
 * operator does not set comes from the defaults; with two hosts of several groups, a key the
 * groups set differently is written once where a later task overrides it (superseded.ts), so a
 * second run changes nothing, and a run_once task and its stamp run on one host.
 * ansible-playbook is required: the test fails, never skips, when it is missing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import type { Action, IniAction, StepGraph } from '../../src/ir/types.js';
import { stepsToAnsible } from '../../src/generate/ansible/steps-to-ansible.js';
import { sampleGraph } from '../generate-ansible-graph.test.js';
import { hostsByTask } from '../e2e/harness/ansible-output.js';
import { inlineFiles } from '../helpers/ansible-layout.js';

test('the inventory\'s group_vars override the bound site values (role defaults); unset ones keep the bound value', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-ansible-layout-'));
  try {
    const out = join(dir, 'out');
    mkdirSync(out);
    const write = (id: string, name: string, line: number) =>
      ({ id, kind: 'command', run: `printf %s ${name} > ${out}/${id}`, user: 'root', verify: false, expect: null, source: { line } }) as const;
    const graph: StepGraph = {
      ...sampleGraph(),
      roles: ['controller'],
      procedures: [
        {
          id: 'p',
          title: 'Write the values',
          role: 'controller',
          source: { line: 1 },
          steps: [{ id: 's', text: 'Write', role: 'controller', when: null, source: { line: 2 }, actions: [write('a', 'HOST_A', 3), write('b', 'HOST_B', 4)] }],
        },
      ],
      placeholders: [
        { name: 'HOST_A', description: null, secret: false, source: { line: 1 }, variable: 'HOST_A', scope: null },
        { name: 'HOST_B', description: null, secret: false, source: { line: 1 }, variable: 'HOST_B', scope: null },
      ],
      literals: [],
      missing: [],
    };
    for (const f of stepsToAnsible(graph, { vars: { HOST_A: 'bound-a', HOST_B: 'bound-b' } }).files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
    const inventory = join(dir, 'inventory');
    mkdirSync(join(inventory, 'group_vars'), { recursive: true });
    writeFileSync(join(inventory, 'hosts.ini'), '[controller]\nlocalhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n');
    writeFileSync(join(inventory, 'group_vars', 'controller.yml'), 'host_a: from-inventory\n'); // the site file's HOST_A, by its Ansible name
    const r = spawnSync('ansible-playbook', ['-i', join(inventory, 'hosts.ini'), '-e', 'ansible_become=false', '-e', `tejun_root=${join(dir, 'root')}`, 'site.yml'], {
      cwd: join(dir, '000_sample'),
      encoding: 'utf8',
      env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCAL_TEMP: join(dir, 'tmp'), ANSIBLE_HOME: join(dir, 'home') },
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    // Redirections to absolute paths land under tejun_root (ansible/paths.ts's rootedRedirects).
    const written = (id: string) => readFileSync(join(dir, 'root', out, id), 'utf8');
    assert.equal(written('a'), 'from-inventory', 'the inventory group_vars win');
    assert.equal(written('b'), 'bound-b', 'the role default applies where the operator sets nothing');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('two hosts of several groups: a second run changes no key, each keeps its groups\' last value; a run_once task and its stamp report one host', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-ansible-hosts-'));
  try {
    const nova = '/etc/nova/nova.conf';
    const ini = (id: string, value: string, line: number): IniAction => ({ id, kind: 'ini', file: nova, section: 'DEFAULT', key: 'driver', value, via: 'crudini', source: { line } });
    const cmd = (id: string, run: string, line: number): Action => ({ id, kind: 'command', run, user: 'root', verify: false, expect: null, source: { line } });
    // Guide 003's shape: one key set by three groups, the controller twice, the network node with the controller's first value;
    // the controller's last step restarts a service after its setting (a handler, run at the play's end with the
    // services tag skipped) and ends with a cluster-wide migration (run_once, stamped).
    const procedures: [string, Action[]][] = [
      ['controller', [ini('a1', 'OVSIface', 2), cmd('a2', 'service nova-api restart', 3)]],
      ['compute', [ini('b1', 'OVSInterface', 12)]],
      ['controller', [ini('c1', 'OVSIInterface', 22), cmd('c2', 'service nova-api restart', 23), cmd('c3', 'nova-manage db sync', 24)]],
      ['network', [ini('d1', 'OVSIface', 32)]],
    ];
    const graph: StepGraph = {
      ...sampleGraph(),
      procedures: procedures.map(([role, actions], i) => ({
        id: `p${i}`,
        title: `Procedure ${i}`,
        role,
        source: { line: i * 10 + 1 },
        steps: [{ id: `s${i}`, text: `Step ${i}`, role, when: null, source: { line: i * 10 + 2 }, actions }],
      })),
      placeholders: [],
      literals: [],
      missing: [],
    };
    const files = stepsToAnsible(graph, { vars: {} }).files;
    for (const f of files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
    const once = inlineFiles(files, (t) => parse(t, { customTags: [{ tag: '!unsafe', resolve: (v: string) => v }] }))
      .flatMap((p) => p.tasks)
      .filter((t) => t.run_once)
      .map((t) => String(t.name));
    assert.ok(once.some((n) => n.startsWith('Stamp: ')), `a run_once stamp task: ${once.join(', ')}`);
    // The migration is a program on PATH that logs its calls.
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin', 'nova-manage'), `#!/bin/sh\necho "$*" >> ${JSON.stringify(join(dir, 'calls.log'))}\n`);
    chmodSync(join(dir, 'bin', 'nova-manage'), 0o755);
    const host = (name: string) => `${name} ansible_connection=local ansible_python_interpreter=/usr/bin/python3 tejun_root=${join(dir, name)}`;
    // c1 is a controller; c2 is every node at once (an all-in-one host).
    writeFileSync(join(dir, 'hosts.ini'), `[controller]\n${host('c1')}\n${host('c2')}\n[compute]\n${host('c2')}\n[network]\n${host('c2')}\n`);
    const play = () => {
      const r = spawnSync('ansible-playbook', ['-i', join(dir, 'hosts.ini'), '-e', 'ansible_become=false', '--skip-tags', 'services', 'site.yml'], {
        cwd: join(dir, '000_sample'),
        encoding: 'utf8',
        env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env['PATH'] ?? ''}`, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCAL_TEMP: join(dir, 'tmp'), ANSIBLE_HOME: join(dir, 'home') },
      });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      return r.stdout;
    };
    const driver = (name: string) => /^driver = (.*)$/m.exec(readFileSync(join(dir, name, nova), 'utf8'))?.[1];
    const first = play();
    assert.match(first, /^RUNNING HANDLER \[/m, 'the handler runs at the end of the play, after the stamp');
    for (const [task, seen] of hostsByTask(first)) {
      if (once.some((n) => task.includes(` : ${n}]`))) assert.equal(seen.size, 1, `${task} ran on ${[...seen].join(', ')}`);
    }
    assert.equal(readFileSync(join(dir, 'calls.log'), 'utf8'), 'db sync\n', 'the migration ran once for both hosts');
    assert.equal(driver('c1'), 'OVSIInterface', "the controller's last value");
    assert.equal(driver('c2'), 'OVSIface', "the all-in-one host's last value (the network node's)");
    const second = play();
    assert.deepEqual([...second.matchAll(/^(c\d)\s+:.*\bchanged=(\d+)/gm)].map((m) => `${m[1]} changed=${m[2]}`), ['c1 changed=0', 'c2 changed=0'], second);
    assert.equal(driver('c1'), 'OVSIInterface');
    assert.equal(driver('c2'), 'OVSIface');
    assert.ok(existsSync(join(dir, 'calls.log')) && readFileSync(join(dir, 'calls.log'), 'utf8') === 'db sync\n', 'not run again');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
