/**
 * One-shot forms of commands that follow a log for ever (src/generate/shell/one-shot.ts): the
 * runbooks print what the reader sees first and go on instead of hanging.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { oneShotCommand } from '../src/generate/shell/one-shot.js';
import { stepsToAnsible } from '../src/generate/ansible/steps-to-ansible.js';
import type { StepGraph } from '../src/ir/types.js';

test('oneShotCommand: tailf and tail -f/-F/--follow read the file once, watch runs its command once, ping stops after 4; other commands and options stay', () => {
  assert.equal(oneShotCommand('tailf /var/log/rabbitmq/rabbit@controller.log'), 'tail /var/log/rabbitmq/rabbit@controller.log');
  assert.equal(oneShotCommand('tail -f /var/log/nova/nova-api.log'), 'tail /var/log/nova/nova-api.log');
  assert.equal(oneShotCommand('tail -F -n 100 /var/log/x.log'), 'tail -n 100 /var/log/x.log');
  assert.equal(oneShotCommand('tail --follow=name --retry /var/log/x.log'), 'tail /var/log/x.log');
  assert.equal(oneShotCommand('tail -n 20 /var/log/x.log'), 'tail -n 20 /var/log/x.log', 'no follow option: unchanged');
  assert.equal(oneShotCommand('tail /var/log/-f'), 'tail /var/log/-f', 'an operand is not an option');
  assert.equal(oneShotCommand('tailfoo x'), 'tailfoo x');
  assert.equal(oneShotCommand('grep -f patterns x'), 'grep -f patterns x');
  assert.equal(oneShotCommand('watch nova list'), 'nova list');
  assert.equal(oneShotCommand('watch -n 1 -d nova service-list'), 'nova service-list');
  assert.equal(oneShotCommand("watch 'openstack server list | grep ACTIVE'"), 'openstack server list | grep ACTIVE');
  assert.equal(oneShotCommand('ping 8.8.8.8 -I qg-1'), 'ping -c 4 8.8.8.8 -I qg-1');
  assert.equal(oneShotCommand('ping -c3 10.0.0.200'), 'ping -c3 10.0.0.200');
  assert.equal(oneShotCommand('ping -c 3 controller'), 'ping -c 3 controller');
  assert.equal(oneShotCommand('ping -w 5 controller'), 'ping -w 5 controller');
});

test('a log the guide has the reader follow is read once by the playbook (no task that never returns)', () => {
  const graph: StepGraph = {
    schemaVersion: 1,
    source: { path: 'guides/900_follow.md', format: 'markdown', dialect: 'generic', sha256: 'cd'.repeat(32) },
    title: 'ログ',
    roles: ['controller'],
    procedures: [
      {
        id: 'p-1',
        title: 'ログの確認',
        role: 'controller',
        source: { line: 1 },
        steps: [
          {
            id: 's-1',
            text: 'ログを確認します。',
            role: 'controller',
            when: null,
            source: { line: 3 },
            actions: [{ id: 'a-1', kind: 'command', run: 'tailf /var/log/sample/sample.log', user: 'root', verify: true, expect: null, source: { line: 4 } }],
          },
        ],
      },
    ],
    placeholders: [],
    literals: [],
  } as unknown as StepGraph;
  const text = stepsToAnsible(graph, { vars: {} }).files.map((f) => f.content).join('\n');
  assert.match(text, /cmd: (?:!unsafe )?tail \/var\/log\/sample\/sample\.log/);
  assert.doesNotMatch(text, /tailf/);
});
