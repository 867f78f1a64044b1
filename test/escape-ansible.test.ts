/**
 * escape/ansible.ts and escape/yaml.ts without tools: asUnsafe and the YAML string helpers. The
 * proofs with Jinja2 (python3-jinja2), PyYAML and bash over generated hostile values are in
 * test/tools/escape-ansible.test.ts (`npm run test:tools`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asUnsafe, escapeJinja, UnsafeText } from '../src/generate/escape/ansible.js';
import { needsYamlEscapes, yamlComment, yamlDoubleQuoted } from '../src/generate/escape/yaml.js';

test('asUnsafe: guide-only text becomes !unsafe text (plain words stay plain), templates stay templates', () => {
  assert.deepEqual(asUnsafe(escapeJinja("{{ lookup('pipe','id') }}")), new UnsafeText("{{ lookup('pipe','id') }}"));
  assert.deepEqual(asUnsafe('Install nova (guide.txt:3)'), new UnsafeText('Install nova (guide.txt:3)'));
  assert.equal(asUnsafe('started'), 'started');
  assert.equal(asUnsafe('/etc/nova/nova.conf'), '/etc/nova/nova.conf');
  assert.equal(asUnsafe('pw={{ PASS | quote }}'), 'pw={{ PASS | quote }}');
});


test('yamlDoubleQuoted, needsYamlEscapes, yamlComment', () => {
  assert.equal(needsYamlEscapes('plain é 😀 \t\n'), false);
  for (const c of ['\x7f', '\x85', '\u2028', '\u2029', '\ufffe', '\x01']) assert.equal(needsYamlEscapes(`a${c}`), true, JSON.stringify(c));
  assert.equal(yamlDoubleQuoted('a"\\\u2028\x7f'), '"a\\"\\\\\\u2028\\x7F"');
  assert.equal(yamlComment('a\nb\x85c\u2028d\x7f e\ufffe'), 'a b c d e\ufffd');
});
