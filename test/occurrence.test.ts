import { test } from 'node:test';
import assert from 'node:assert/strict';
import { occurrences, occursAt } from '../src/ir/occurrence.js';
import { splitByPlaceholders } from '../src/generate/bind.js';
import type { Placeholder } from '../src/ir/types.js';

test('a placeholder that is a plain lower-case word is no occurrence inside a hyphenated word or an option name', () => {
  const run = 'openstack user create --domain default --password-prompt admin; mysql -p password; x password-file y';
  assert.deepEqual(occurrences(run, 'password'), [run.indexOf('-p password') + 3]);
  assert.equal(occursAt('--os-password password', 5, 'password'), false);
  assert.equal(occursAt('--os-password password', 14, 'password'), true);
});

test('upper-case names, tokens and paths keep the whole-token rule (a hyphen is a boundary)', () => {
  assert.deepEqual(occurrences('--pass=ADMIN_PASS-x ADMIN_PASS', 'ADMIN_PASS'), [7, 20]);
  assert.deepEqual(occurrences('url=<password>-x', '<password>'), [4]);
  assert.deepEqual(occurrences('NOVA_PASSX NOVA_PASS_2 aNOVA_PASS', 'NOVA_PASS'), []);
});

test('substitution replaces exactly the occurrences the rule finds', () => {
  const p = { name: 'password', variable: 'password' } as Placeholder;
  const segs = splitByPlaceholders('openstack user create --password-prompt nova --password password', [p]);
  assert.equal(segs.filter((s) => 'placeholder' in s).length, 1);
  assert.deepEqual(segs.at(-1), { placeholder: p });
});
