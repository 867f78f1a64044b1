/**
 * The small bash-generator passes that make a runbook runnable in a sandbox and re-runnable:
 * redirect targets under TEJUN_ROOT, parens inside words escaped, idempotent mkdir/rm/CREATE.
 * Each result is also run with bash where the point is what bash does with it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeWordParens, rerootRedirects } from '../src/generate/shell/redirect.js';
import { idempotentCommand, idempotentSql } from '../src/generate/shell/idempotent.js';

test('rerootRedirects: literal absolute > and >> targets go through tejun_out_path; /dev, fds and quoted text stay', () => {
  assert.equal(rerootRedirects("echo x >> /var/spool/cron/crontabs/root"), `echo x >> "$(tejun_out_path /var/spool/cron/crontabs/root)"`);
  assert.equal(rerootRedirects('echo x>/etc/a.conf 2>&1'), `echo x>"$(tejun_out_path /etc/a.conf)" 2>&1`);
  assert.equal(rerootRedirects('cmd &> ~/log.txt'), `cmd &> "$(tejun_out_path '~/log.txt')"`);
  for (const same of ['echo x > /dev/null', "echo '> /etc/x'", 'echo "a > /etc/x"', 'cat < /etc/hosts', 'echo x >&2', 'echo x > "$F"']) {
    assert.equal(rerootRedirects(same), same);
  }
});

test('rerootRedirects: run under TEJUN_ROOT, the write lands under the root, parent created', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-redirect-'));
  try {
    const helpers = [
      'TEJUN_ROOT=$1',
      'tejun_path() { printf %s "${TEJUN_ROOT%/}$1"; }',
      'tejun_out_path() { local p; p=$(tejun_path "$1"); mkdir -p -- "$(dirname -- "$p")"; printf %s "$p"; }',
    ].join('\n');
    const cmd = rerootRedirects("echo '@hourly x' >> /var/spool/cron/crontabs/root");
    const r = spawnSync('bash', ['-c', `${helpers}\n${cmd}\n${cmd}`, 'bash', dir], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(join(dir, 'var/spool/cron/crontabs/root'), 'utf8'), '@hourly x\n@hourly x\n');
    assert.equal(existsSync('/var/spool/cron/crontabs/root') && readFileSync('/var/spool/cron/crontabs/root', 'utf8').includes('@hourly x'), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('escapeWordParens: %(tenant_id)s inside a word becomes literal; subshells, $( ) and quotes stay', () => {
  const cmd = 'echo --publicurl=http://c:8774/v2/%(tenant_id)s';
  assert.equal(escapeWordParens(cmd), 'echo --publicurl=http://c:8774/v2/%\\(tenant_id\\)s');
  const r = spawnSync('bash', ['-c', escapeWordParens(cmd)], { encoding: 'utf8' });
  assert.equal(r.stdout, '--publicurl=http://c:8774/v2/%(tenant_id)s\n');
  assert.notEqual(spawnSync('bash', ['-n', '-c', cmd]).status, 0, 'the unescaped form is a bash syntax error');
  for (const same of ['(cd /x && ls)', 'echo $(date)', "echo '%(x)s'", 'a=(1 2)', 'diff <(a) <(b)', 'x || (y)']) {
    assert.equal(escapeWordParens(same), same);
  }
});

test('idempotentCommand and idempotentSql: only mkdir, bare rm and CREATE DATABASE/USER change', () => {
  assert.equal(idempotentCommand('mkdir images'), 'mkdir -p images');
  assert.equal(idempotentCommand('mkdir -p /etc/swift'), 'mkdir -p /etc/swift');
  assert.equal(idempotentCommand('rm /var/lib/nova/nova.sqlite'), 'rm -f /var/lib/nova/nova.sqlite');
  assert.equal(idempotentCommand('rm -rf /x'), 'rm -rf /x');
  assert.equal(idempotentCommand('yum install -y x'), 'yum install -y x');
  assert.equal(idempotentSql('CREATE DATABASE nova;'), 'CREATE DATABASE IF NOT EXISTS nova;');
  assert.equal(idempotentSql("create user 'a'@'%' IDENTIFIED BY 'p';"), "create user IF NOT EXISTS 'a'@'%' IDENTIFIED BY 'p';");
  assert.equal(idempotentSql('CREATE DATABASE IF NOT EXISTS x;'), 'CREATE DATABASE IF NOT EXISTS x;');
  assert.equal(idempotentSql("GRANT ALL ON nova.* TO 'nova'@'%' IDENTIFIED BY 'p';"), "GRANT ALL ON nova.* TO 'nova'@'%' IDENTIFIED BY 'p';");
});
