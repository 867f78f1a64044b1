/**
 * Secrets: a vars file holding passwords that its group or others can read gets a
 * `vars-permissions` warning; every generated file that contains a bound secret is mode 0600; no
 * diagnostic, stdout line or checklist (without --show-secrets) prints a bound secret, even when
 * diagnostics are triggered on purpose (unbound placeholders, bad vars files).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { varsPermissionWarnings } from '../src/vars/load.js';
import { tejun } from './helpers/cli.js';

const SECRET = 'Zq9-secret-Vx7';
const GUIDE = [
  '手順8.5 Compute Service データベースの作成',
  '',
  '  1. mysql コマンドでデータベースに接続します。',
  '    # mysql -u root -p',
  '  2. nova データベースユーザーを作成します。',
  "    mysql> GRANT ALL ON nova.* TO 'nova'@'IP' IDENTIFIED BY 'PASSWORD';",
  '    PASSWORD は、セキュアなパスワードに置き換えます。IP はデータベースサーバーの IP アドレスに置き換えます。',
  '    mysql> quit',
  '',
].join('\n');

function workspace(vars: string, mode: number) {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-secrets-'));
  const guide = join(dir, 'db.txt');
  writeFileSync(guide, GUIDE);
  const site = join(dir, 'site.yaml');
  writeFileSync(site, vars);
  chmodSync(site, mode);
  return { dir, guide, site, done: () => rmSync(dir, { recursive: true, force: true }) };
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name));
}

test('varsPermissionWarnings: group/other-readable files with secret names warn, 0600 or no secrets do not, values never appear', () => {
  const vars = { PASSWORD: SECRET, IP: '10.0.0.1' };
  const w = varsPermissionWarnings('site.yaml', 0o100644, vars);
  assert.deepEqual(w.map((m) => [m.ruleId, m.severity]), [['vars-permissions', 'warning']]);
  assert.match(w[0]!.reason, /644/);
  assert.doesNotMatch(w[0]!.reason, new RegExp(SECRET));
  assert.deepEqual(varsPermissionWarnings('site.yaml', 0o100600, vars), []);
  assert.deepEqual(varsPermissionWarnings('site.yaml', 0o100644, { IP: '10.0.0.1' }), []);
  assert.equal(varsPermissionWarnings('site.yaml', 0o100640, vars).length, 1);
});

test('compile: a world-readable vars file warns; outputs holding the secret are 0600; no output line or diagnostic shows it', async () => {
  const ws = workspace(`PASSWORD: ${SECRET}\nIP: 10.0.0.5\n`, 0o644);
  try {
    const out = join(ws.dir, 'out');
    const r = await tejun('compile', ws.guide, '--target', 'all', '--vars', ws.site, '-o', out);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /site\.yaml:1:1 {2}warning {2}.* {2}vars-permissions/);
    assert.ok(!r.stderr.includes(SECRET) && !r.stdout.includes(SECRET), 'secret printed');
    const files = allFiles(out);
    assert.ok(files.length >= 3, files.join(' '));
    let holding = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      if (!text.includes(SECRET)) continue;
      holding++;
      assert.equal(statSync(f).mode & 0o077, 0, `${f} holds the secret but is mode ${(statSync(f).mode & 0o777).toString(8)}`);
    }
    assert.ok(holding >= 2, 'the bash runbook and the Ansible vars hold the secret');
    const checklist = files.find((f) => f.endsWith('.md'))!;
    assert.ok(!readFileSync(checklist, 'utf8').includes(SECRET), 'checklist shows the secret without --show-secrets');
    const quiet = workspace(`PASSWORD: ${SECRET}\n`, 0o600);
    try {
      const q = await tejun('compile', ws.guide, '--target', 'bash', '--vars', quiet.site, '--allow-unbound', '-o', join(quiet.dir, 'o'));
      assert.doesNotMatch(q.stderr, /vars-permissions/);
    } finally {
      quiet.done();
    }
  } finally {
    ws.done();
  }
});

test('diagnostics triggered with secrets bound never print them', async () => {
  const cases = [
    `PASSWORD: ${SECRET}\n`, // IP unbound: unbound-placeholder errors
    `PASSWORD: ${SECRET}\nIP: [1, 2]\n`, // vars-shape error
    `PASSWORD: ${SECRET}\nIP: {\n`, // vars-syntax error
    `PASSWORD: ${SECRET}\nPASSWORD: ${SECRET}x\n`, // duplicate key
    `PASSWORD: "${SECRET}\n`, // unterminated string holding the secret
  ];
  for (const vars of cases) {
    const ws = workspace(vars, 0o644);
    try {
      for (const target of ['bash', 'ansible', 'checklist']) {
        const r = await tejun('compile', ws.guide, '--target', target, '--vars', ws.site, '-o', join(ws.dir, 'out'));
        assert.notEqual(r.stderr, '', `no diagnostic for ${JSON.stringify(vars)}`);
        assert.ok(!r.stderr.includes(SECRET) && !r.stdout.includes(SECRET), `secret printed for ${JSON.stringify(vars)}:\n${r.stderr}`);
      }
    } finally {
      ws.done();
    }
  }
});
