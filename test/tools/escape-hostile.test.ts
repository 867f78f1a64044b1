/**
 * Guide text never executes, end to end through the generators (issue 14): a guide whose title,
 * headings, step text, settings and file name hold `{{ }}`, `{% %}`, `$()`, backticks, line
 * breaks and `../`: the bash runbook runs under TEJUN_ROOT and touches no canary and no file
 * outside the root; the playbook writes every such string `!unsafe` or as a template whose
 * delimiters are escaped, and PyYAML (python3-yaml, required) loads it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse, type Tags } from 'yaml';
import { inlineFiles } from '../helpers/ansible-layout.js';
import { parseGuide } from '../../src/index.js';
import { stepsToAnsible } from '../../src/generate/ansible/steps-to-ansible.js';
import { stepsToBash } from '../../src/generate/bash/steps-to-bash.js';

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

/** Runs a runbook with bash; exported shell functions stand for the guide's programs (no process per call). */
function runRunbook(script: string, cwd: string, root: string, functions: Record<string, string>, env: Record<string, string> = {}) {
  const path = join(cwd, '..', 'runbook.sh');
  writeFileSync(path, script);
  const fns = Object.fromEntries(Object.entries(functions).map(([name, body]) => [`BASH_FUNC_${name}%%`, `() { ${body}; }`]));
  return spawnSync('bash', [path, '--yes'], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { PATH: process.env.PATH, HOME: cwd, LANG: 'C.UTF-8', TEJUN_ROOT: root, ...fns, ...env } });
}

/** `!unsafe` read back as `{ unsafe: text }`. */
const UNSAFE: Tags = [{ tag: '!unsafe', identify: () => false, resolve: (value: string) => ({ unsafe: value }) } as unknown as Tags[number]];

/** Every string of a parsed playbook with whether it was tagged `!unsafe`, and the key it is under. */
function strings(node: unknown, key = ''): Array<{ key: string; text: string; unsafe: boolean }> {
  if (typeof node === 'string') return [{ key, text: node, unsafe: false }];
  if (Array.isArray(node)) return node.flatMap((n) => strings(n, key));
  if (node && typeof node === 'object') {
    if ('unsafe' in node && Object.keys(node).length === 1) return [{ key, text: (node as { unsafe: string }).unsafe, unsafe: true }];
    return Object.entries(node).flatMap(([k, v]) => strings(v, k));
  }
  return [];
}

const EVIL = "{{ lookup('pipe','touch pwned') }}{% set x = lookup('pipe','touch pwned') %}$(touch pwned)`touch pwned`";

test('a guide with hostile titles, headings, settings and file name: nothing runs, nothing is written outside the root, the playbook never templates it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-escape-guide-'));
  try {
    const name = `g${EVIL.replace(/\//g, '')}\n.md`;
    const guide = [
      `## 手順 ${EVIL}`,
      '',
      `1. 設定を変更します ${EVIL}。/etc/demo/demo.conf ファイルの [database] セクションを編集します。`,
      '',
      '```',
      '[database]',
      `connection = ${EVIL}`,
      '```',
      '',
      `2. ログを書きます ${EVIL}。`,
      '',
      '```',
      "# echo '$(touch pwned)' >> /var/../../../escape.txt",
      '```',
      '',
    ].join('\n');
    writeFileSync(join(dir, name), guide);
    const graph = await parseGuide(join(dir, name));
    const bash = stepsToBash(graph, { vars: {} });
    assert.deepEqual(bash.messages.filter((m) => m.severity === 'error'), []);
    const script = bash.files[0]!.content;
    assert.match(bash.files[0]!.path, /^[^/\n{}$`]+\.sh$/, 'the output name is sanitised');
    for (const line of script.split('\n').filter((l) => l.includes('touch pwned'))) {
      assert.ok(/^\s*#/.test(line) || line.includes("'"), `guide text outside a comment or a quoted word: ${line}`);
    }
    const work = join(dir, 'work');
    const root = join(dir, 'root');
    mkdirSync(work);
    const r = runRunbook(script, work, root, {});
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(filesUnder(dir).filter((f) => f.split('/').pop() === 'pwned'), [], 'the canary ran');
    assert.deepEqual(filesUnder(dir).filter((f) => !f.startsWith('root/') && f !== 'runbook.sh' && f !== name).sort(), [], 'a file was written outside the root');
    assert.ok(existsSync(join(root, 'escape.txt')), '`/var/../../../escape.txt` lands under the root');
    assert.equal(readFileSync(join(root, 'etc/demo/demo.conf'), 'utf8'), `[database]\nconnection = ${EVIL}\n`);

    const ansible = stepsToAnsible(graph, { vars: {} });
    for (const f of ansible.files) assert.doesNotMatch(f.path, /[{}$`\n]/);
    const plays = inlineFiles(ansible.files, (text) => parse(text, { customTags: UNSAFE, version: '1.1' }));
    const all = strings(plays);
    for (const s of all.filter((x) => x.text.includes('lookup('))) {
      assert.ok(s.unsafe || !/\{\{ *lookup|\{% *set/.test(s.text.replace(/\{\{ '\{[{%#]' \}\}/g, '')), `templated guide text under ${s.key}: ${s.text}`);
    }
    assert.ok(all.filter((s) => s.key === 'name').every((s) => s.unsafe), 'every play and task name is !unsafe');
    for (const s of all.filter((x) => x.key === 'path' || x.key === 'creates')) assert.doesNotMatch(s.text.replace(/^\{\{ tejun_root \}\}/, ''), /\{\{|\{%/, `a path is templated: ${s.text}`);
    for (const f of ansible.files.filter((x) => x.path.endsWith('.yml'))) {
      const py = spawnSync('python3', ['-c', "import sys, yaml\nclass L(yaml.SafeLoader): pass\nL.add_constructor('!unsafe', lambda l, n: l.construct_scalar(n))\nyaml.load(sys.stdin.read(), Loader=L)"], { input: f.content, encoding: 'utf8' });
      assert.equal(py.status, 0, `PyYAML cannot load ${f.path}: ${py.stderr}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

