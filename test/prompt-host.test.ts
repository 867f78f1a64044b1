/**
 * Prompts that name the host (grammars/base.yaml `prompts` with a `host` group,
 * src/extract/prompt-host.ts): every dialect reads each shape with the intended rule, user and
 * host; lines that only look like them are not prompts; the host gives the step's role and a host
 * literal; the fixture test/fixtures/markdown-host-prompts puts each action on its guide line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { listDialects, loadGrammar } from '../src/grammar/load-grammar.js';
import { parseGuide } from '../src/index.js';
import type { Action, StepGraph } from '../src/ir/types.js';
import { isMachineName, promptHost, promptRole } from '../src/extract/prompt-host.js';
import { FIXTURES_DIR } from './helpers/paths.js';

/** Prompt shapes that carry the host: the line, who runs it, the host, and what is left to run. */
const HOST_PROMPTS: ReadonlyArray<{ line: string; user: 'root' | 'user'; host: string; rest: string }> = [
  { line: 'controller# apt-get install -y foo', user: 'root', host: 'controller', rest: 'apt-get install -y foo' },
  { line: 'compute01$ ls -l', user: 'user', host: 'compute01', rest: 'ls -l' },
  { line: 'controller(admin)# openstack user list', user: 'root', host: 'controller', rest: 'openstack user list' },
  { line: 'node-2 ~(venv)$ pip list', user: 'user', host: 'node-2', rest: 'pip list' },
  { line: 'root@storage1:~# lsblk', user: 'root', host: 'storage1', rest: 'lsblk' },
  { line: 'ops@bastion:/tmp$ ssh x', user: 'user', host: 'bastion', rest: 'ssh x' },
  { line: '[root@network01 ~]# ip a', user: 'root', host: 'network01', rest: 'ip a' },
  { line: '[stack@db1 devstack]$ ./stack.sh', user: 'user', host: 'db1', rest: './stack.sh' },
  { line: '[全サーバ]# systemctl restart chronyd', user: 'root', host: '全サーバ', rest: 'systemctl restart chronyd' },
];

test('every dialect reads each host prompt with its user and host, and removes the whole prompt', () => {
  for (const name of listDialects()) {
    const g = loadGrammar(name);
    for (const ex of HOST_PROMPTS) {
      const rule = g.prompts.find((p) => p.re.test(ex.line));
      assert.ok(rule, `${name}: no prompt reads ${JSON.stringify(ex.line)}`);
      assert.equal(rule.sql, false, `${name}: ${ex.line} read as SQL`);
      assert.equal(rule.user, ex.user, `${name}: ${JSON.stringify(ex.line)} read by ${rule.name} as ${rule.user}`);
      assert.equal(promptHost(rule, ex.line), ex.host, `${name}: host of ${JSON.stringify(ex.line)} by ${rule.name}`);
      assert.equal(ex.line.replace(rule.re, ''), ex.rest, `${name}: ${rule.name} leaves ${JSON.stringify(ex.rest)}`);
    }
  }
});

test('a plain `#`/`$` prompt names no host; lines that only look like host prompts are not prompts', () => {
  const g = loadGrammar('upstream-markdown');
  for (const line of ['# ls', '$ ls']) {
    const rule = g.prompts.find((p) => p.re.test(line));
    assert.ok(rule);
    assert.equal(promptHost(rule, line), null, `${line} names no host`);
  }
  // A config comment, a URL fragment, a password prompt, a shown prompt with nothing typed, a key.
  for (const line of ['#server 0.pool.ntp.org iburst', 'http://x/#anchor y', "root@192.168.1.10's password:", 'controller ~(admin)#', 'key#value x', '[DEFAULT]']) {
    const rule = g.prompts.find((p) => p.re.test(line));
    assert.equal(rule, undefined, `${JSON.stringify(line)} read by ${rule?.name}`);
  }
  // A prompt shown alone is output, not content.
  assert.ok(g.output.some((re) => re.test('controller ~(admin)#')));
  assert.ok(g.output.some((re) => re.test('compute$')));
});

test('promptRole: the host name, a lexicon role noun, else the host itself; only names of machines are literals', () => {
  assert.equal(promptRole('controller'), 'controller');
  assert.equal(promptRole('compute01'), 'compute');
  assert.equal(promptRole('全サーバ'), 'all');
  assert.equal(promptRole('全ノード'), 'all');
  assert.equal(promptRole('hatohol'), 'hatohol');
  assert.equal(isMachineName('controller'), true);
  assert.equal(isMachineName('hatohol'), true);
  assert.equal(isMachineName('全サーバ'), false);
});

/** Every action of a graph with its step, in order. */
function actionsOf(graph: StepGraph): Array<{ a: Action; role: string | null; forbidden: boolean }> {
  return graph.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions.map((a) => ({ a, role: s.role, forbidden: Boolean(s.forbidden) }))));
}

test('fixture markdown-host-prompts: hosts give roles, notes are dropped, lone CRs keep their stored line', async () => {
  const graph = await parseGuide(join(FIXTURES_DIR, 'markdown-host-prompts', 'input.md'));
  const acts = actionsOf(graph);
  const at = (line: number) => acts.filter((x) => x.a.source.line === line).map((x) => x.a);
  // `controller# …   ← 最新版`: the note is gone, the host makes the step a controller step.
  const install = acts.find((x) => x.a.kind === 'command' && x.a.run === 'apt-get install -y sample-server');
  assert.ok(install, 'the install command is read');
  assert.equal(install.a.source.line, 25);
  assert.equal(install.role, 'controller');
  // `compute# vi FILE` then settings with notes; `[cache]\r...\rservers = …` stays on stored line 41.
  assert.deepEqual(at(41).map((a) => (a.kind === 'ini' ? [a.section, a.key, a.value] : a.kind)), [['cache', 'servers', 'localhost:11211']]);
  assert.deepEqual(at(43).map((a) => (a.kind === 'ini' ? [a.section, a.key] : a.kind)), [['auth', 'auth_url'], ['auth', 'auth_type']]);
  assert.ok(acts.filter((x) => x.a.kind === 'ini').every((x) => x.role === 'compute' && x.a.kind === 'ini' && !x.a.value.includes('←')));
  // `[全サーバ]#` is every host; `client$` runs as the user.
  assert.equal(acts.find((x) => x.a.kind === 'command' && x.a.run === 'systemctl restart sample')?.role, 'all');
  const client = at(50)[0];
  assert.ok(client?.kind === 'command' && client.user === 'user');
  // The here-document's statements are SQL of the mysql session, from the line each starts on.
  const mysql = at(56)[0];
  assert.ok(mysql?.kind === 'command');
  const grant = at(58)[0];
  assert.ok(grant?.kind === 'sql' && grant.session === mysql.id);
  assert.equal(grant.run, "GRANT ALL PRIVILEGES ON sample.* TO 'sample'@'localhost' IDENTIFIED BY 'secret';");
  assert.equal(acts.filter((x) => x.a.kind === 'sql').length, 2, 'EOF and the password prompt are not statements');
  // The prompt shown alone after `source` is output; the next command carries the environment prompt.
  assert.deepEqual(acts.filter((x) => x.a.source.line >= 69).map((x) => x.a.kind === 'command' && x.a.run), ['source admin-openrc.sh', 'sample-manage list']);
  // The notation example is not done, and its host is no literal; the file has no final newline.
  assert.equal(acts.some((x) => x.a.source.line < 20), false);
  assert.deepEqual(graph.literals.filter((l) => l.kind === 'host').map((l) => [l.value, l.source.line]), [['controller', 25], ['compute', 36], ['client', 50]]);
});
