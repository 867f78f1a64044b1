/**
 * "Insert before": the sentence that places added lines before another line (lexicon
 * `insertPositions`, nlp/insert-position.ts), the anchor given to the file actions it speaks of
 * (extract/insert-anchor.ts), and the Ansible task's `insertbefore` (generate/insert-anchor.ts).
 * The bash side is test/bash-file-add.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type Tags } from 'yaml';
import { stepsToAnsible } from '../src/generate/ansible/steps-to-ansible.js';
import { anchorPattern } from '../src/generate/insert-anchor.js';
import type { FileAction, StepGraph } from '../src/ir/types.js';
import { parseGuide } from '../src/index.js';
import { insertAnchorOf } from '../src/nlp/insert-position.js';
import { loadLexicon } from '../src/nlp/lexicon.js';
import { FIXTURES_DIR } from './helpers/paths.js';

/** A Python pattern of anchorPattern as a JS RegExp: JS's `\b` is ASCII already, so the `(?a)` flag is dropped. */
function jsRegExp(python: string): RegExp {
  return new RegExp(python.replace(/^\(\?a\)/, ''));
}

test('every before-marker of the lexicon places the lines before the line its clause names', () => {
  const markers = loadLexicon().file.insertPositions?.before ?? [];
  assert.ok(markers.length > 0);
  for (const marker of markers) {
    const anchor = insertAnchorOf(`新規ルールは、トラフィックを REJECT する INPUT ルール${marker}記載します。`);
    assert.deepEqual(anchor?.words, ['REJECT', 'INPUT'], marker);
  }
});

test('the clause starts after the last comma: words before it are not the anchor', () => {
  assert.deepEqual(insertAnchorOf('この行は、-A INPUT -j REJECT ルールの上に配置するようにしてください。')?.words, ['A', 'INPUT', 'j', 'REJECT']);
  assert.deepEqual(insertAnchorOf('iptables に追記し、COMMIT 行よりも前に置きます。')?.words, ['COMMIT']);
  assert.equal(insertAnchorOf('サーバーの前に立ちます。'), null);
  assert.equal(insertAnchorOf('新しい行を追加します。'), null);
  assert.deepEqual(insertAnchorOf('Add the rule before the REJECT rule.')?.words, ['REJECT']);
});

test('a note after the content, or the sentence of the step with the content, anchors its file actions', async () => {
  for (const [fixture, words] of [
    ['redhat-text-firewall-file', ['REJECT', 'INPUT']],
    ['redhat-text-vnc-optional', ['A', 'INPUT', 'j', 'REJECT']],
  ] as const) {
    const path = join(FIXTURES_DIR, fixture, 'input.txt');
    const graph = await parseGuide(path, { bytes: readFileSync(path) });
    const files = graph.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions)).filter((a): a is FileAction => a.kind === 'file');
    assert.deepEqual(files[0]?.insertBefore?.words, words, fixture);
  }
});

test('the anchor pattern matches a line holding every word as a whole word, in any order', () => {
  const re = jsRegExp(anchorPattern(['REJECT', 'INPUT', 'icmp-host']));
  assert.ok(re.test('-A INPUT -j REJECT --reject-with icmp-host-prohibited'));
  assert.ok(!re.test('-A FORWARD -j REJECT --reject-with icmp-host-prohibited'));
  assert.ok(!re.test('-A INPUTS -j REJECTED icmp-host'));
  assert.ok(jsRegExp(anchorPattern(['a.b'])).test('x a.b y') && !jsRegExp(anchorPattern(['a.b'])).test('x aXb y'));
});

/** `!unsafe` read back as a plain string. */
const UNSAFE: Tags = [{ tag: '!unsafe', identify: () => false, resolve: (value: string) => value } as unknown as Tags[number]];

/** Every object under `v` that has key `key`'s value. */
function find(v: unknown, key: string): Array<Record<string, unknown>> {
  if (Array.isArray(v)) return v.flatMap((x) => find(x, key));
  if (!v || typeof v !== 'object') return [];
  const o = v as Record<string, unknown>;
  return [...(key in o ? [o[key] as Record<string, unknown>] : []), ...Object.values(o).flatMap((x) => find(x, key))];
}

test('the playbook inserts before the anchor: lineinfile at the first match, blockinfile at the last', () => {
  const action = (id: string, content: string): FileAction => ({ id, kind: 'file', file: '/etc/sysconfig/iptables', content, source: { line: 3 }, insertBefore: { words: ['REJECT', 'INPUT'], text: '…' } });
  const graph: StepGraph = {
    schemaVersion: 1,
    source: { path: 'guides/demo.txt', format: 'text', dialect: 'generic', sha256: '00'.repeat(32) },
    title: 'demo', roles: [],
    procedures: [{ id: 'p1', title: '設定', role: null, source: { line: 1 }, steps: [{ id: 's1', text: '追記します', role: null, when: null, source: { line: 2 }, actions: [action('f1', '-A INPUT -j ACCEPT'), action('f2', 'a\nb')] }] }],
    placeholders: [], literals: [], missing: [], messages: [],
  };
  const yamls = stepsToAnsible(graph, { vars: {} }).files.filter((f) => /\.ya?ml$/.test(f.path)).map((f) => parse(f.content, { customTags: UNSAFE }) as unknown);
  const line = yamls.flatMap((y) => find(y, 'ansible.builtin.lineinfile'));
  const block = yamls.flatMap((y) => find(y, 'ansible.builtin.blockinfile'));
  assert.equal(line.length, 1);
  assert.equal(block.length, 1);
  assert.equal(line[0]!['insertbefore'], anchorPattern(['REJECT', 'INPUT']));
  assert.equal(line[0]!['firstmatch'], true);
  assert.equal(block[0]!['insertbefore'], anchorPattern(['REJECT', 'INPUT']));
  assert.equal(block[0]!['firstmatch'], undefined);
});
