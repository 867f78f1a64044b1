/** varsSkeleton and loadVars (src/vars/): the skeleton round-trips, bad files give located errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { loadVars, varsSkeleton } from '../src/vars/index.js';
import type { StepGraph } from '../src/ir/types.js';
import { bashSampleGraph, ph } from './helpers/bash-sample-graph.js';

/** A second guide sharing PASSWORD (another description) and adding odd names. */
function otherGraph(): StepGraph {
  const g = bashSampleGraph();
  g.source = { ...g.source, path: 'guides/005_other.html' };
  g.placeholders = [
    ph('PASSWORD', 'PASSWORD', 5, false, '別の\n説明'),
    ph('/path/to/ca.crt', 'PATH_TO_CA_CRT', 9),
    ph('true', 'TRUE', 10, false, 'a: b # not a key'),
  ];
  return g;
}

test('varsSkeleton lists each placeholder once with descriptions, guide lines and secret, values empty', () => {
  const text = varsSkeleton([bashSampleGraph(), otherGraph()]);
  const doc = parseDocument(text);
  assert.deepEqual(doc.errors, []);
  assert.deepEqual(doc.toJS(), { PASSWORD: null, IP: null, USER: null, PATH: null, '/path/to/ca.crt': null, true: null });
  assert.match(text, /# このユーザーとしてデータベースサーバーとの認証を行う際に使用するセキュアなパスワード\n# 別の 説明\n# guides\/000_sample\.txt:17, guides\/005_other\.html:5 \(secret\)\nPASSWORD:\n/);
  assert.match(text, /# a: b # not a key\n# guides\/005_other\.html:10\n"true":\n/);
  assert.equal(varsSkeleton([bashSampleGraph(), otherGraph()]), text, 'deterministic');
  const unfilled = loadVars(text, 'site.yaml');
  assert.deepEqual([unfilled.vars, unfilled.lines, unfilled.messages], [{}, {}, []], 'an unfilled skeleton binds nothing');
  assert.ok(Object.values(unfilled.keys).every((k) => k.empty), 'every key is known as empty');
});

test('a filled-in skeleton loads back every value as the string written', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), (values) => {
      const graph = bashSampleGraph();
      graph.placeholders = Object.keys(values).map((k, i) => ph(k, `V${i}`, i + 1));
      const doc = parseDocument(varsSkeleton([graph]));
      for (const [k, v] of Object.entries(values)) doc.set(k, v);
      const loaded = loadVars(doc.toString(), 'site.yaml');
      assert.deepEqual(loaded.messages, []);
      assert.deepEqual(loaded.vars, { ...values }); // fc dictionaries have a null prototype
    }),
    { numRuns: 60 },
  );
});

test('loadVars turns numbers and booleans into the text written', () => {
  const { vars, messages } = loadVars("PORT: 08080\nDEBUG: true\nRATIO: 1.50\nEMPTY:\nQ: '{{ x }}'\n", 'site.yaml');
  assert.deepEqual(messages, []);
  assert.deepEqual(vars, { PORT: '08080', DEBUG: 'true', RATIO: '1.50', Q: '{{ x }}' });
});

test('loadVars reports bad shapes and bad YAML with their line and column', () => {
  let r = loadVars('A: ok\nB: [1, 2]\nC:\n  d: 1\n', 'site.yaml');
  assert.deepEqual(r.vars, {});
  assert.deepEqual(r.messages.map((m) => [m.ruleId, m.line, m.column]), [['vars-shape', 2, 4], ['vars-shape', 4, 3]]);
  assert.match(r.messages[0].reason, /`B` in site\.yaml, expected a string, number or boolean/);
  r = loadVars('- a\n- b\n', 'site.yaml');
  assert.deepEqual(r.messages.map((m) => [m.ruleId, m.line]), [['vars-shape', 1]]);
  r = loadVars("A: 1\nB: 'open\n", 'site.yaml');
  assert.equal(r.messages[0].ruleId, 'vars-syntax');
  assert.equal(r.messages[0].line, 3);
  r = loadVars('A: 1\nA: 2\n', 'site.yaml');
  assert.deepEqual(r.messages.map((m) => [m.ruleId, m.line]), [['vars-syntax', 2]]);
  assert.deepEqual(loadVars('', 'site.yaml'), { vars: {}, lines: {}, keys: {}, messages: [] });
});
