/**
 * The firewall in the playbook: `firewall-cmd --permanent --add-…` is an ansible.posix.firewalld
 * task tagged `firewall` (it needs python3-firewall and a running firewalld: an operator skips or
 * selects it by that tag), and `firewall-cmd --reload` reloads firewalld as a handler only the
 * firewalld tasks notify; a configuration file edited in between notifies the restart of its
 * service, never the firewall's reload (handlers/restart.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, type Tags } from 'yaml';
import type { Action, StepGraph } from '../src/ir/types.js';
import { stepsToAnsible } from '../src/generate/ansible/steps-to-ansible.js';
import { TASK_TAGS } from '../src/generate/ansible/types.js';
import { handlerFiles, inlineFiles } from './helpers/ansible-layout.js';

const UNSAFE: Tags = [{ tag: '!unsafe', identify: () => false, resolve: (value: string) => value } as unknown as Tags[number]];
const read = (text: string): unknown => parse(text, { customTags: UNSAFE });

const cmd = (id: string, run: string, line: number): Action => ({ id, kind: 'command', run, user: 'root', verify: false, expect: null, source: { line } });

/** A controller step: a port opened, an INI edit, the zone's service allowed, the firewall reloaded, the service restarted. */
function graph(): StepGraph {
  return {
    schemaVersion: 1,
    source: { path: 'guides/900_firewall.md', format: 'markdown', dialect: 'generic', sha256: 'cd'.repeat(32) },
    title: 'firewall',
    roles: ['controller'],
    procedures: [
      {
        id: 'p1',
        title: 'Block Storage',
        role: 'controller',
        source: { line: 1 },
        steps: [
          {
            id: 's1',
            text: 'ファイアウォールを開ける。',
            role: 'controller',
            when: null,
            source: { line: 3 },
            actions: [cmd('a-port', 'firewall-cmd --permanent --zone=internal --add-port=8776/tcp', 4), cmd('a-reload1', 'firewall-cmd --reload', 5)],
          },
          {
            id: 's2',
            text: '設定ファイルを更新する。',
            role: 'controller',
            when: null,
            source: { line: 7 },
            actions: [
              { id: 'a-ini', kind: 'ini', file: '/etc/cinder/cinder.conf', section: 'lvm', key: 'volume_group', value: 'cinder-volumes', via: 'edit', source: { line: 8 } },
              cmd('a-svc', 'firewall-cmd --permanent --zone=internal --add-service=iscsi-target', 9),
              cmd('a-reload2', 'firewall-cmd --reload', 10),
              cmd('a-restart', 'systemctl restart openstack-cinder-api', 11),
            ],
          },
        ],
      },
    ],
    placeholders: [],
    literals: [],
  } as unknown as StepGraph;
}

test('firewall-cmd rules are firewalld tasks tagged firewall, a tag of TASK_TAGS', () => {
  assert.ok((TASK_TAGS as readonly string[]).includes('firewall'));
  const tasks = inlineFiles(stepsToAnsible(graph(), { vars: {} }).files, read).flatMap((p) => p.tasks);
  const firewalld = tasks.filter((t) => t['ansible.posix.firewalld']);
  assert.deepEqual(firewalld.map((t) => t['ansible.posix.firewalld'].port ?? t['ansible.posix.firewalld'].service), ['8776/tcp', 'iscsi-target']);
  for (const t of firewalld) assert.deepEqual(t.tags, ['firewall']);
  // No other task is tagged firewall: the INI edit stays config.
  assert.deepEqual(tasks.filter((t) => (t.tags as string[] | undefined)?.includes('firewall')), firewalld);
  assert.deepEqual(tasks.find((t) => t['community.general.ini_file'])!.tags, ['config']);
});

test('the firewall reload is notified by the firewalld tasks only; the INI edit notifies its service', () => {
  const files = stepsToAnsible(graph(), { vars: {} }).files;
  const tasks = inlineFiles(files, read).flatMap((p) => p.tasks);
  const notify = (t: Record<string, any>): string[] => (t.notify as string[] | undefined) ?? [];
  for (const t of tasks.filter((x) => x['ansible.posix.firewalld'])) assert.deepEqual(notify(t), ['Reload firewalld']);
  assert.deepEqual(notify(tasks.find((t) => t['community.general.ini_file'])!), ['Restart openstack-cinder-api']);
  const handlers = handlerFiles(files, read);
  assert.deepEqual(handlers.find((h) => h.name === 'Reload firewalld')?.['ansible.builtin.systemd'], { name: 'firewalld', state: 'reloaded' });
});
