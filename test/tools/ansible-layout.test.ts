/**
 * The roles layout run by ansible-playbook (src/generate/ansible/roles-layout.ts): the site values
 * are role defaults, so the operator's inventory group_vars win over them, and a value the
 * operator does not set comes from the defaults. ansible-playbook is required: the test fails,
 * never skips, when it is missing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { StepGraph } from '../../src/ir/types.js';
import { stepsToAnsible } from '../../src/generate/ansible/steps-to-ansible.js';
import { sampleGraph } from '../helpers/ansible-sample-graph.js';

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
