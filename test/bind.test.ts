/** placeholdersFor, splitByPlaceholders and checkBindings (src/generate/bind.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkBindings, placeholdersFor, splitByPlaceholders, type Segment } from '../src/generate/bind.js';
import type { Placeholder } from '../src/ir/types.js';
import { bashSampleGraph, ph } from './helpers/bash-sample-graph.js';

/** Joins segments back (placeholder → its name). */
function join(segments: Segment[]): string {
  return segments.map((s) => ('text' in s ? s.text : s.placeholder.name)).join('');
}

/** The placeholder names found, in order. */
function names(segments: Segment[]): string[] {
  return segments.flatMap((s) => ('placeholder' in s ? [s.placeholder.name] : []));
}

const PASSWORD = ph('PASSWORD', 'PASSWORD', 1);
const PASS = ph('PASS', 'PASS', 2);
const IP = ph('IP', 'IP', 3);
const CA = ph('/path/to/ca.crt', 'PATH_TO_CA_CRT', 4);
const MAIL = ph('neutron@example.com', 'NEUTRON_EXAMPLE_COM', 5);

test('splitByPlaceholders finds whole tokens only', () => {
  const s = splitByPlaceholders('--pass PASSWORD PASSWORDS XPASS IP:8774 IPv4 http://IP/ NOVA_PASS', [PASSWORD, PASS, IP]);
  assert.deepEqual(names(s), ['PASSWORD', 'IP', 'IP']);
});

test('splitByPlaceholders: longer names win at the same spot, names may hold any character', () => {
  assert.deepEqual(names(splitByPlaceholders('PASSWORD PASS', [PASS, PASSWORD])), ['PASSWORD', 'PASS']);
  assert.deepEqual(names(splitByPlaceholders('--ca=/path/to/ca.crt --email neutron@example.com', [CA, MAIL])), ['/path/to/ca.crt', 'neutron@example.com']);
  assert.deepEqual(names(splitByPlaceholders('x/path/to/ca.crt', [CA])), []);
  assert.deepEqual(splitByPlaceholders('', [PASSWORD]), []);
});

test('splitByPlaceholders: segments join back to the text, no two literal runs adjacent', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('PASSWORD', 'PASS', 'IP', ' ', '_', 'x', ':', '/path/to/ca.crt', "'", '@'), { maxLength: 20 }), (parts) => {
      const text = parts.join('');
      const segs = splitByPlaceholders(text, [PASS, IP, PASSWORD, CA]);
      assert.equal(join(segs), text);
      segs.forEach((s, i) => {
        if (i > 0) assert.ok(!('text' in s && 'text' in segs[i - 1]));
        if ('placeholder' in s) {
          const at = join(segs.slice(0, i)).length;
          assert.ok(!/[A-Za-z0-9_]/.test(text[at - 1] ?? ''));
          assert.ok(!/[A-Za-z0-9_]/.test(text[at + s.placeholder.name.length] ?? ''));
        }
      });
    }),
  );
});

test('splitByPlaceholders: an SGML entity placeholder (&version;) also occurs written without its ; where no name character follows', () => {
  const VERSION = ph('&version;', 'VERSION', 6);
  const s = splitByPlaceholders('tar xf pgpool-II-&version;.tar.gz && cd pgpool-II-&version/src/sql && ls &version.x &versions &version', [VERSION, IP]);
  assert.deepEqual(
    s.map((x) => ('text' in x ? x.text : `<${x.placeholder.name}>`)),
    ['tar xf pgpool-II-', '<&version;>', '.tar.gz && cd pgpool-II-', '<&version;>', '/src/sql && ls &version.x &versions ', '<&version;>'],
    '`&version.x` and `&versions` are other entity names in SGML',
  );
  assert.deepEqual(names(splitByPlaceholders('IP &IP IP;', [IP])), ['IP', 'IP', 'IP'], 'a name that is no entity reference keeps one spelling');
});

test('placeholdersFor honours scope and sorts longest first', () => {
  const graph = bashSampleGraph();
  const scoped: Placeholder = { ...ph('nova', 'NOVA', 9), scope: ['a13'] };
  graph.placeholders.push(scoped);
  const [a12, a13] = graph.procedures[2].steps[1].actions;
  assert.ok(!placeholdersFor(graph, a12).includes(scoped));
  const forA13 = placeholdersFor(graph, a13);
  assert.ok(forA13.includes(scoped));
  assert.deepEqual(forA13.map((p) => p.name.length), [...forA13.map((p) => p.name.length)].sort((a, b) => b - a));
});

test('checkBindings: one error per unbound name, with description and guide line; none with allowUnbound', () => {
  const graph = bashSampleGraph();
  const msgs = checkBindings(graph, { vars: { PASSWORD: 'x', PATH: '' } });
  assert.deepEqual(msgs.map((m) => m.line), [76, 324]);
  assert.ok(msgs.every((m) => m.ruleId === 'unbound-placeholder' && m.severity === 'error'));
  assert.match(msgs[0].reason, /`IP`.*コンピュートノード.*000_sample\.txt:76/);
  assert.deepEqual(checkBindings(graph, { vars: {}, allowUnbound: true }), []);
});
