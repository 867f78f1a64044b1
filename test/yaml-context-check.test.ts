/**
 * The start-up check behind the playbook writer's remembered string texts
 * (src/generate/yaml-context-check.ts): the installed `yaml` hands its string tag contexts with
 * the fields and kinds the remembered texts are keyed by; a context with another field (as a later
 * `yaml` adds) or another kind fails the check, which then turns the remembering off with a warning.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contextDifferences, probeContexts, rememberedTextsAreSound } from '../src/generate/yaml-context-check.js';

test('the installed yaml passes: its contexts have only the fields the remembered texts account for', () => {
  const contexts = probeContexts();
  assert.ok(contexts.length >= 8, `${contexts.length} string scalars written`);
  const fields = new Set(contexts.flatMap((c) => Object.keys(c)));
  for (const field of ['indent', 'indentAtStart', 'implicitKey', 'inFlow', 'options']) assert.ok(fields.has(field), field);
  assert.ok(contexts.some((c) => c.implicitKey === true) && contexts.some((c) => !c.implicitKey), 'keys and values both seen');
  assert.deepEqual(contextDifferences(contexts), []);
  assert.equal(rememberedTextsAreSound(undefined, (m) => assert.fail(m)), true);
});

test('a context with a field the key does not know, or of another kind, fails the check and turns the remembering off', () => {
  const base = probeContexts()[0]!;
  assert.deepEqual(contextDifferences([{ ...base, sortMapEntries: null }]), ['sortMapEntries: a field the remembered texts do not account for']);
  assert.deepEqual(contextDifferences([{ ...base, indent: 2 }]), ['indent: expected string, found number']);
  assert.deepEqual(contextDifferences([{ ...base, indent: '\t' }]), ['indent: expected spaces, found "\\t"']);
  assert.deepEqual(contextDifferences([{ ...base, inFlow: undefined }]), ['inFlow: expected boolean or null, found undefined']);
  assert.deepEqual(contextDifferences([]), ['no stringify context reached the string tag']);
  const warnings: string[] = [];
  assert.equal(rememberedTextsAreSound(() => [{ ...base, sortMapEntries: null }], (m) => warnings.push(m)), false);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /sortMapEntries.*every string is stringified by the package/);
  // A probe given by a test leaves the process's own verdict alone.
  assert.equal(rememberedTextsAreSound(), true);
});
