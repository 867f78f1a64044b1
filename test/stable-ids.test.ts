/**
 * Stable ids (issue 16): the names a runbook shows an operator — the Ansible run-once stamps,
 * condition variables, task names and blockinfile markers, the bash runbook's step records,
 * condition names and manual ids — come
 * from the guide's words and procedures, never its line numbers. A blank line at the top of a
 * guide and a paragraph added in another procedure move every guide line below them, and rename
 * none of these (the guide is copied to a scratch folder and edited there, never in guides/).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asciiSlug } from '../src/generate/condition-names.js';
import { GUIDES_DIR } from './helpers/paths.js';
import { loadTejun } from './helpers/tejun.js';

const GUIDE = '000_309adc3628346781.txt';

/** Every match of `re`'s first group in `text`, as a sorted list of distinct values. */
function all(text: string, re: RegExp): string[] {
  return [...new Set([...text.matchAll(re)].map((m) => m[1] as string))].sort();
}

/** The ids and names the outputs of one guide file show. */
async function names(path: string): Promise<Record<string, string[]>> {
  const tejun = await loadTejun();
  const graph = await tejun.parseGuide(path);
  const options = { vars: {}, allowUnbound: true };
  const bash = tejun.generate('bash', graph, options).files[0]!.content;
  const ansible = tejun.generate('ansible', graph, options).files.map((f) => f.content).join('\n');
  return {
    stamps: all(ansible, /\/var\/lib\/tejun\/[^/\s]+\/([^/\s']+\.done)/g),
    ansibleConditions: all(ansible, /\b((?:when|optional)_[a-z0-9_]+) \| bool/g),
    // Task (and play) names, and the markers blockinfile writes into the host's files.
    taskNames: all(ansible, /^\s*- name: (.+)$/gm),
    markers: all(ansible, /^\s*marker: (.+)$/gm),
    bashSteps: all(bash, /^\s*if tejun_todo (\S+)/gm),
    bashConditions: all(bash, /tejun_(?:when|optional) ((?:when|optional)_\S+)/g),
    bashManual: all(bash, /^\s*tejun_manual (\S+)/gm),
    lines: all(bash, new RegExp(`${GUIDE.replace('.', '\\.')}:(\\d+)`, 'g')),
  };
}

test('a blank line at the top of a guide and a paragraph in another procedure rename no stamp, task, marker, step record or condition', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-ids-'));
  try {
    const original = join(dir, 'a', GUIDE);
    const edited = join(dir, 'b', GUIDE);
    const text = readFileSync(join(GUIDES_DIR, GUIDE), 'utf8');
    const lines = text.split('\n');
    // A paragraph in the first procedure, before the second one's title: every procedure after it moves.
    const second = lines.findIndex((l, i) => i > 10 && /^手順\d/.test(l));
    assert.ok(second > 0, 'the guide has a second numbered procedure');
    const moved = ['', ...lines.slice(0, second), '注記: この段落は手順の説明を補うために追加された文です。', '', ...lines.slice(second)];
    for (const [file, content] of [[original, text], [edited, moved.join('\n')]] as const) {
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, content);
    }
    const before = await names(original);
    const after = await names(edited);
    assert.notDeepEqual(after.lines, before.lines, 'the guide lines the outputs cite did move');
    for (const key of ['stamps', 'ansibleConditions', 'taskNames', 'markers', 'bashSteps', 'bashConditions'] as const) {
      assert.ok(before[key]!.length > 0, `the guide has ${key}`);
      assert.deepEqual(after[key], before[key], `${key} unchanged`);
    }
    assert.deepEqual(after.bashManual, before.bashManual, 'manual ids unchanged');
    for (const name of [...before.taskNames!, ...before.markers!]) assert.doesNotMatch(name, /\.txt:\d+/, `${name}: no guide line`);
    assert.deepEqual(before.bashConditions, before.ansibleConditions, 'bash and Ansible name the conditions alike');
    for (const name of [...before.bashConditions, ...before.bashSteps, ...before.stamps.map((s) => s.replace(/\.done$/, ''))]) {
      assert.match(name, /^[a-z][a-z0-9_-]*$/, `${name}: ASCII, safe as a word`);
    }
    for (const name of before.bashConditions) assert.match(name, /^[a-z][a-z0-9_]*$/, `${name}: a bash and Jinja identifier`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('asciiSlug: the ASCII words of a sentence, lower snake case, bounded', () => {
  assert.equal(asciiSlug('Red Hat Enterprise Linux 6 ベースのシステムの場合'), 'red_hat_enterprise_linux_6');
  assert.equal(asciiSlug('VT-x がない場合'), 'vt_x');
  assert.equal(asciiSlug('仮想マシンをホストする場合'), '');
  assert.equal(asciiSlug('ＦＵＬＬ ｗｉｄｔｈ の場合'), 'full_width', 'full-width letters are read as ASCII (NFKC)');
  assert.ok(asciiSlug('a b c d e f g h').split('_').length <= 5);
});
