// tejun-test: own-process (asserts that this process has not loaded the dictionary yet)
/**
 * The kuromoji dictionary (about a second and 300 MB) is loaded only when a Japanese decision needs
 * tokens: a guide that is a pure command listing, or whose Japanese needs no decision, compiles to
 * every target without loading it. Runs in its own process (its first line marks it for
 * scripts/run-tests.mjs), so nothing else has loaded the dictionary before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generate, parseGuide, TARGETS } from '../src/index.js';
import { isTokenizerLoaded } from '../src/nlp/japanese.js';

/** Parses `lines` as a Markdown guide and generates every target; @returns the commands run. */
async function compile(lines: string[]): Promise<string[]> {
  const graph = await parseGuide('guide.md', { bytes: Buffer.from(lines.join('\n'), 'utf8') });
  for (const target of TARGETS) {
    const result = generate(target, graph, { vars: {}, allowUnbound: true });
    assert.ok(result.files.length > 0, target);
  }
  return graph.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions.flatMap((a) => (a.kind === 'command' ? [a.run] : []))));
}

test('a pure command listing compiles to every target without loading the dictionary', async () => {
  const runs = await compile([
    '## Compute のインストール',
    '',
    '1. パッケージをインストールします。',
    '',
    '```',
    '# yum install -y openstack-nova-api',
    '# systemctl enable openstack-nova-api',
    '# systemctl start openstack-nova-api',
    '```',
  ]);
  assert.deepEqual(runs, ['yum install -y openstack-nova-api', 'systemctl enable openstack-nova-api', 'systemctl start openstack-nova-api']);
  assert.equal(isTokenizerLoaded(), false);
});

test('a guide with a Japanese decision left (which host) does load it', async () => {
  await compile(['## Compute のインストール', '', '1. コントローラーノードでパッケージをインストールします。', '', '```', '# yum install -y openstack-nova-api', '```']);
  assert.equal(isTokenizerLoaded(), true);
});
