/**
 * INI settings a later task may override on the same host are applied once (src/generate/ansible/
 * superseded.ts), decided on the placed settings in playbook order: a second run of the playbook
 * writes no key, whatever groups a host is in, and every host keeps the last value its groups
 * get. The shape is guide 003's `linuxnet_interface_driver`: the controller, the compute node and
 * the network node set one nova.conf key with different spellings, the network node's spelling
 * being the controller's first one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import type { IniAction, StepGraph } from '../src/ir/types.js';
import { stepGroups } from '../src/generate/ansible/host-groups.js';
import { placeSteps } from '../src/generate/ansible/shared-settings.js';
import { stepsToAnsible } from '../src/generate/ansible/steps-to-ansible.js';
import { placementKey, supersededSettings } from '../src/generate/ansible/superseded.js';
import { sampleGraph } from './generate-ansible-graph.test.js';
import { inlineFiles, type InlinedPlay } from './helpers/ansible-layout.js';

const NOVA = '/etc/nova/nova.conf';

/** An INI action of nova.conf's [DEFAULT]. */
function ini(id: string, key: string, value: string, line: number): IniAction {
  return { id, kind: 'ini', file: NOVA, section: 'DEFAULT', key, value, via: 'crudini', source: { line } };
}

/** A graph of one procedure per entry (role, settings of one step). */
function graphOf(procedures: [string, IniAction[]][]): StepGraph {
  return {
    ...sampleGraph(),
    procedures: procedures.map(([role, actions], i) => ({
      id: `p${i}`,
      title: `Procedure ${i}`,
      role,
      source: { line: i * 10 + 1 },
      steps: [{ id: `s${i}`, text: `Edit nova.conf ${i}`, role, when: null, source: { line: i * 10 + 2 }, actions }],
    })),
    placeholders: [],
  };
}

/** 003's shape: one key set by three groups, the controller twice; other keys set once. */
const GRAPH = graphOf([
  ['controller', [ini('a1', 'api', 'neutron', 2), ini('a2', 'driver', 'OVSIface', 3)]],
  ['compute', [ini('b1', 'api', 'neutron', 12), ini('b2', 'driver', 'OVSInterface', 13)]],
  ['controller', [ini('c1', 'driver', 'OVSIInterface', 22), ini('c2', 'firewall', 'Noop', 23)]],
  ['network', [ini('d1', 'driver', 'OVSIface', 32)]],
]);

/**
 * Runs the ini_file tasks of `plays` on a host of `groups` (plays of those groups and `all`), on
 * the state `file` (key → value): run-once tasks (their `when` tests tejun_done) only when
 * `first`. Returns the number of tasks that changed a key.
 */
function run(plays: InlinedPlay[], groups: string[], file: Map<string, string>, first: boolean): number {
  let changed = 0;
  for (const play of plays.filter((p) => p.hosts === 'all' || groups.includes(p.hosts))) {
    for (const task of play.tasks) {
      const args = task['community.general.ini_file'] as { option: string; value: string } | undefined;
      if (!args) continue;
      const once = JSON.stringify(task.when ?? '').includes('tejun_done');
      if (once && !first) continue;
      const items = (task.loop as { option: string; value: string }[] | undefined) ?? [args];
      let touched = false;
      for (const { option, value } of items) {
        if (file.get(option) !== value) touched = true;
        file.set(option, value);
      }
      if (touched) changed += 1;
    }
  }
  return changed;
}

test('superseded settings: decided per placement in playbook order, a later write of any group counts', () => {
  const superseded = supersededSettings(placeSteps(GRAPH, stepGroups(GRAPH)));
  // The controller's first driver is the last value in the guide (network's) but not the
  // controller's last: it runs once, as does every value set again later with another spelling.
  assert.deepEqual(
    [...superseded].sort(),
    [placementKey('compute', 'b2'), placementKey('controller', 'a2'), placementKey('controller', 'c1')].sort(),
  );
});

test('a second run writes no INI key on a host of any groups, and each host keeps its groups\' last value', () => {
  const plays = inlineFiles(stepsToAnsible(GRAPH, { vars: {} }).files, (t) => parse(t, { customTags: [{ tag: '!unsafe', resolve: (v: string) => v }] }));
  const memberships: [string[], string][] = [
    [['controller'], 'OVSIInterface'],
    [['compute'], 'OVSInterface'],
    [['network'], 'OVSIface'],
    [['controller', 'db'], 'OVSIInterface'],
    [['controller', 'compute', 'network'], 'OVSIface'],
  ];
  for (const [groups, driver] of memberships) {
    const file = new Map<string, string>();
    assert.ok(run(plays, groups, file, true) > 0, `${groups.join('+')}: the first run writes`);
    assert.equal(file.get('driver'), driver, `${groups.join('+')}: the last driver its groups set`);
    const after = new Map(file);
    assert.equal(run(plays, groups, file, false), 0, `${groups.join('+')}: the second run changes nothing`);
    assert.deepEqual(file, after);
  }
});
