/**
 * The bash runbook's file helper (`tejun_file_add`): the guide's lines are added as one block,
 * idempotent by the whole block (a `]` already elsewhere in qemu.conf does not drop the block's
 * `]`), and before the line the guide names when it says where (FileAction.insertBefore: an
 * iptables rule before the REJECT rule, not after COMMIT). Runs the generated runbook under a
 * throw-away TEJUN_ROOT.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stepsToBash } from '../src/generate/bash/steps-to-bash.js';
import type { FileAction, StepGraph } from '../src/ir/types.js';

const FILE = '/etc/demo/demo.conf';

/** A one-step graph adding `content` to FILE (before the line holding `words`, when given). */
function graph(content: string, words?: string[]): StepGraph {
  const action: FileAction = { id: 'f1', kind: 'file', file: FILE, content, source: { line: 3 }, ...(words ? { insertBefore: { words, text: 'REJECT ルールよりも前に' } } : {}) };
  return {
    schemaVersion: 1,
    source: { path: 'guides/demo.md', format: 'markdown', dialect: 'generic', sha256: '00'.repeat(32) },
    title: 'demo', roles: [],
    procedures: [{ id: 'p1', title: '設定', role: null, source: { line: 1 }, steps: [{ id: 's1', text: '追記します', role: null, when: null, source: { line: 2 }, actions: [action] }] }],
    placeholders: [], literals: [], missing: [], messages: [],
  };
}

/** Runs the runbook of `g` `times` times over `initial` as the file's content; returns the file after, and stderr of the last run. */
function run(g: StepGraph, initial: string, times = 1): { text: string; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-file-add-'));
  try {
    const root = join(dir, 'root');
    mkdirSync(join(root, 'etc/demo'), { recursive: true });
    writeFileSync(join(root, FILE), initial);
    const script = join(dir, 'runbook.sh');
    writeFileSync(script, stepsToBash(g, { vars: {} }).files[0]!.content);
    let stderr = '';
    for (let i = 0; i < times; i++) {
      const r = spawnSync('bash', [script, '--yes'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir, TEJUN_ROOT: root } });
      assert.equal(r.status, 0, r.stderr);
      stderr = r.stderr;
    }
    return { text: readFileSync(join(root, FILE), 'utf8'), stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ACL = 'user = "root"\ncgroup_device_acl = [\n   "/dev/null", "/dev/full",\n]';

test('a block is added whole although one of its lines (`]`) is already elsewhere in the file', () => {
  const before = 'security_driver = [\n  "selinux",\n]\n';
  assert.equal(run(graph(ACL), before).text, `${before}${ACL}\n`);
});

test('a second run adds nothing: the block is there as consecutive lines', () => {
  const before = '# qemu.conf\n';
  assert.equal(run(graph(ACL), before, 2).text, `${before}${ACL}\n`);
});

test('a file without a final line break gets one before the block', () => {
  assert.equal(run(graph('a = 1'), 'x = 0').text, 'x = 0\na = 1\n');
});

const IPTABLES = '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -j REJECT --reject-with icmp-host-prohibited\n-A FORWARD -j REJECT --reject-with icmp-host-prohibited\nCOMMIT\n';
const RULE = '-A INPUT -p tcp -m multiport --dports 5900:5999 -j ACCEPT';

test('lines the guide places before a line go before the first line holding all its words, once', () => {
  const after = run(graph(RULE, ['REJECT', 'INPUT']), IPTABLES, 2).text;
  assert.equal(after, IPTABLES.replace('-A INPUT -j REJECT', `${RULE}\n-A INPUT -j REJECT`));
});

test('words match whole words only, and with no anchor line the lines go at the end with a warning', () => {
  const file = '-A INPUTS -j REJECTED\nCOMMIT\n';
  const { text, stderr } = run(graph(RULE, ['REJECT', 'INPUT']), file);
  assert.equal(text, `${file}${RULE}\n`);
  assert.match(stderr, /no line of .* holds: REJECT INPUT/);
});
