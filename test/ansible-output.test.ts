/**
 * The e2e's reading of ansible-playbook's output (test/e2e/harness/ansible-output.ts): which hosts
 * reported each task. The text is the default callback's for two local hosts, a config task
 * notifying a handler, the flush skipped by `--skip-tags services`, then a run_once task and its
 * stamp as the play's last tasks, so the handler runs at the end of the play on both hosts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostsByTask } from './e2e/harness/ansible-output.js';

const OUTPUT = `
PLAY [controller] **************************************************************

TASK [tejun_000_sample_controller : Edit nova.conf (a-1f2e3d4c)] ***************
changed: [c2] => (item=[DEFAULT] driver)
changed: [c1] => (item=[DEFAULT] driver)

TASK [tejun_000_sample_controller : Create the service (a-5b6a7980)] ***********
changed: [c1]

TASK [tejun_000_sample_controller : Stamp: Create the service (a-5b6a7980) ran] ***
changed: [c1]

RUNNING HANDLER [tejun_000_sample_controller : Restart nova-api] ***************
skipping: [c1]
skipping: [c2]

PLAY [compute] *****************************************************************
skipping: no hosts matched

PLAY RECAP *********************************************************************
c1                         : ok=3    changed=3    unreachable=0    failed=0    skipped=1    rescued=0    ignored=0
c2                         : ok=1    changed=1    unreachable=0    failed=0    skipped=1    rescued=0    ignored=0
`;

test('hostsByTask: a handler run after the last task of a play is not counted for that task', () => {
  const hosts = hostsByTask(OUTPUT);
  const seen = (name: string) => [...(hosts.get([...hosts.keys()].find((k) => k.includes(name))!) ?? [])].sort();
  assert.deepEqual(seen('Edit nova.conf'), ['c1', 'c2']);
  assert.deepEqual(seen('Create the service'), ['c1']);
  assert.deepEqual(seen('Stamp: Create the service'), ['c1'], 'the handler\'s results are not the stamp task\'s');
  assert.equal([...hosts.keys()].filter((k) => !k.startsWith('TASK [')).length, 0, 'handlers, plays and the recap are not tasks');
  assert.equal(hosts.size, 3);
});
