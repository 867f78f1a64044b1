/**
 * The extractor (src/extract/*, with src/nlp for Japanese): line ends, Markdown escapes,
 * placeholder definitions and secrets, roles from intro text, conditions, optional / forbidden /
 * discouraged steps, stable and unique ids, literals. Small inline guides, plus properties checked
 * over every guide in guides/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseGuide } from '../src/index.js';
import type { Action, CommandAction, StepGraph } from '../src/ir/types.js';
import { corpusGuides, listGuides, sampleGuides } from './helpers/paths.js';

function parseText(text: string, name = 'guide.txt'): Promise<StepGraph> {
  return parseGuide(name, { bytes: Buffer.from(text, 'utf8') });
}

/** 1-based line of the first input line containing `needle`. */
function lineOf(lines: readonly string[], needle: string): number {
  const i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`no input line holds ${JSON.stringify(needle)}`);
  return i + 1;
}

function allActions(g: StepGraph): Action[] {
  return g.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions));
}

function commandRun(g: StepGraph, run: string): CommandAction {
  const found = allActions(g).filter((a): a is CommandAction => a.kind === 'command' && a.run === run);
  assert.equal(found.length, 1, `commands with run ${JSON.stringify(run)}`);
  return found[0]!;
}

/** The graph without what legitimately differs between two encodings of one guide. */
function withoutHash(g: StepGraph): unknown {
  return { ...g, source: { ...g.source, sha256: '' } };
}

/** A redhat-text guide exercising roles, conditions, modality, placeholders and literals. */
const GUIDE: readonly string[] = [
  '8.4. Compute Service のインストール',
  '',
  '8.4.1. データベースの作成',
  '',
  '以下の手順では、Compute Service が使用するデータベースとデータベースユーザーを作成します。これらのステップは、データベースサーバーに root ユーザーとしてログインして実行する必要があります。',
  '',
  '手順8.5 Compute Service データベースの作成',
  '',
  '  1. mysql コマンドでデータベースに接続します。',
  '    # mysql -u root -p',
  '  2. nova データベースユーザーを作成します。',
  "    mysql> GRANT ALL ON nova.* TO 'nova'@'192.168.0.10' IDENTIFIED BY 'secretpass';",
  "    mysql> GRANT ALL ON nova.* TO 'nova'@'localhost' IDENTIFIED BY 'PASSWORD';",
  '    PASSWORD は、このユーザーとしてデータベースサーバーとの認証を行う際に使用するセキュアなパスワードに置き換えます。',
  '    mysql> quit',
  '',
  '8.4.2. ファイアウォールの設定',
  '',
  '手順8.11 ファイアウォール設定 (Red Hat Enterprise Linux 6 ベースのシステムの場合)',
  '',
  '  1. iptables サービスを再起動します。',
  '    # service iptables restart',
  '',
  '8.4.3. ハイパーバイザーの設定',
  '',
  '手順8.12 ハイパーバイザーの設定',
  '',
  '  1. ドライバーを設定します。',
  '    # openstack-config --set /etc/nova/nova.conf DEFAULT libvirt_vif_driver nova.virt.libvirt.vif.LibvirtGenericVIFDriver',
  '  • Linux Bridge を使用する場合には、/etc/libvirt/qemu.conf ファイルに以下の内容を追記します。',
  '    cgroup_device_acl = ["/dev/null", "/dev/full"]',
  '  2. (オプション) 冗長ロギングを有効にします。',
  '    # openstack-config --set /etc/nova/nova.conf DEFAULT verbose true',
  '  3. OpenStack Networking を使用している場合には、nova-network サービスは実行してはなりません。',
  '    # service openstack-nova-network start',
  '  4. このサービスは、すべてのコンピュートノードでは実行しないことを推奨している点に注意してください。',
  '    # service openstack-nova-conductor start',
  '  5. Identity サービスのホストを設定します。',
  '    # openstack-config --set /etc/nova/api-paste.ini filter:authtoken auth_host IP',
  '    IP は、Identity サービスをホストするシステムの IP アドレスまたはホスト名に置き換えます。',
  '  6. サービスを起動します。',
  '    # service openstack-nova-compute start',
  '    # curl http://controller01:8774/ -H "X-Auth-Token: ADMIN_TOKEN"',
  '    # openstack-config --set /etc/nova/nova.conf DEFAULT rabbit_password rabbitsecret',
  '    # ping -c 3 127.0.0.1',
];
const GUIDE_TEXT = GUIDE.join('\n');

test('CRLF and CR line ends give the same graph as LF (inline guides of each format)', async () => {
  const inputs: Array<[string, string]> = [
    ['guide.txt', GUIDE_TEXT],
    ['guide.md', ['# T', '', '## 設定', '', '- インストール [対象: controller01]', '', '```', '# yum install x \\', '  y', '========>', 'Complete!', '========<', '```', '', '- 確認 [対象: controller01]', '', '```', '# nova service-list', '```'].join('\n')],
    ['guide.html', ['<!DOCTYPE html>', '<html><body><div id="content"><h2>T</h2>', '<ol><li class="step"><p>入れます。</p>', '<pre class="screen"># yum install <em class="replaceable"><code>PKG_NAME</code></em> \\', '  y</pre></li>', '</ol></div></body></html>'].join('\n')],
  ];
  for (const [name, lf] of inputs) {
    const base = await parseText(lf, name);
    assert.ok(allActions(base).length > 0, `${name}: nothing parsed`);
    for (const [label, eol] of [['CRLF', '\r\n'], ['CR', '\r']] as const) {
      const other = await parseText(lf.replace(/\n/g, eol), name);
      assert.notEqual(other.source.sha256, base.source.sha256, 'the bytes differ');
      assert.deepEqual(withoutHash(other), withoutHash(base), `${name} with ${label}`);
    }
  }
});

test('CRLF and CR line ends give the same graph as LF for every guide in guides/', async () => {
  // sampleGuides(): every guide under TEJUN_TEST_FULL=1, every other one in the quick tier.
  for (const guide of sampleGuides()) {
    const lf = readFileSync(guide, 'utf8').replace(/\r\n?/g, '\n');
    const base = await parseText(lf, basename(guide));
    for (const [label, eol] of [['CRLF', '\r\n'], ['CR', '\r']] as const) {
      const other = await parseText(lf.replace(/\n/g, eol), basename(guide));
      assert.deepEqual(withoutHash(other), withoutHash(base), `${basename(guide)} with ${label}`);
    }
  }
});

test('Markdown escapes are undone in placeholder names (GLANCE\\_DBPASS → GLANCE_DBPASS)', async () => {
  const lines = [
    '# OpenStack インストールガイド',
    '',
    '## Image Service のインストール',
    '',
    '1. データベースを設定します。GLANCE\\_DBPASS をデータベース用パスワードで置き換えます。',
    '',
    '```',
    '# openstack-config --set /etc/glance/glance-api.conf database connection mysql://glance:GLANCE_DBPASS@controller/glance',
    '```',
    '',
    '```',
    '# yum install openstack-glance ¥',
    '```',
    '',
    '```',
    'python-glanceclient',
    '```',
  ];
  const g = await parseText(lines.join('\n'), 'guide.md');
  assert.equal(g.source.dialect, 'upstream-markdown');
  for (const p of g.placeholders) assert.doesNotMatch(p.name, /\\/, `escape left in ${p.name}`);
  const ph = g.placeholders.filter((p) => p.name === 'GLANCE_DBPASS');
  assert.equal(ph.length, 1, JSON.stringify(g.placeholders));
  assert.equal(ph[0]!.description, 'データベース用パスワード');
  assert.equal(ph[0]!.secret, true);
  assert.equal(ph[0]!.source.line, lineOf(lines, 'GLANCE\\_DBPASS'), 'first described in the prose line');
  assert.equal(ph[0]!.variable, 'GLANCE_DBPASS');
});

test('placeholder definitions give descriptions and secret flags', async () => {
  const g = await parseText(GUIDE_TEXT);
  const byName = new Map(g.placeholders.map((p) => [p.name, p]));
  const password = byName.get('PASSWORD');
  assert.ok(password, JSON.stringify(g.placeholders));
  assert.equal(password.description, 'このユーザーとしてデータベースサーバーとの認証を行う際に使用するセキュアなパスワード');
  assert.equal(password.secret, true);
  assert.equal(password.scope, null);
  assert.equal(password.source.line, lineOf(GUIDE, 'PASSWORD は、'));
  const ip = byName.get('IP');
  assert.ok(ip);
  assert.equal(ip.description, 'Identity サービスをホストするシステムの IP アドレスまたはホスト名');
  assert.equal(ip.secret, false, 'an address is not a secret');
  const token = byName.get('ADMIN_TOKEN');
  assert.ok(token, 'a value-like ALL-CAPS name used in a command is a placeholder');
  assert.equal(token.description, null);
  assert.equal(token.secret, true);
  assert.equal(token.source.line, lineOf(GUIDE, 'ADMIN_TOKEN'));
  const names = g.placeholders.map((p) => p.name);
  assert.deepEqual(names, [...new Set(names)], 'one placeholder per name');
  const lines = g.placeholders.map((p) => p.source.line);
  assert.deepEqual(lines, [...lines].sort((a, b) => a - b), 'in order of first line');
});

test('roles of procedures come from the intro text (データベースサーバーに root ユーザーとしてログイン → db)', async () => {
  const g = await parseText(GUIDE_TEXT);
  const db = g.procedures.find((p) => p.title.startsWith('手順8.5'))!;
  assert.equal(db.role, 'db');
  for (const s of db.steps) assert.equal(s.role, 'db');
  // The next section has no intro: its procedure does not inherit the database role.
  const fw = g.procedures.find((p) => p.title.startsWith('手順8.11'))!;
  assert.notEqual(fw.role, 'db');
  assert.equal(g.roles[0], 'db');
});

test('conditions: a 「(… の場合)」 title guards its procedure; 「…場合には」 guards its item', async () => {
  const g = await parseText(GUIDE_TEXT);
  const fw = g.procedures.find((p) => p.title.startsWith('手順8.11'))!;
  assert.equal(fw.when, 'Red Hat Enterprise Linux 6 ベースのシステムの場合');
  for (const s of fw.steps) {
    assert.equal(s.when, fw.when);
    for (const a of s.actions) assert.equal(a.when, fw.when);
  }
  const hv = g.procedures.find((p) => p.title.startsWith('手順8.12'))!;
  assert.equal(hv.when ?? null, null, 'a title without a condition');
  const bridge = hv.steps.find((s) => s.text.startsWith('Linux Bridge'))!;
  assert.equal(bridge.when, 'Linux Bridge を使用する場合');
  assert.deepEqual(
    bridge.actions.map((a) => [a.kind, a.when, a.source.line]),
    [['file', 'Linux Bridge を使用する場合', lineOf(GUIDE, 'cgroup_device_acl')]],
  );
  const driver = hv.steps.find((s) => s.text === 'ドライバーを設定します。')!;
  assert.equal(driver.when, null, 'the item before the condition is not guarded');
  for (const a of driver.actions) assert.equal(a.when ?? null, null);
  assert.equal(commandRun(g, 'service openstack-nova-compute start').when ?? null, null, 'a later plain item is not guarded');
});

test('optional, forbidden and discouraged steps', async () => {
  const g = await parseText(GUIDE_TEXT);
  const steps = g.procedures.flatMap((p) => p.steps);
  const verbose = steps.find((s) => s.text.includes('冗長ロギング'))!;
  assert.equal(verbose.optional, true);
  assert.deepEqual(verbose.actions.map((a) => [a.kind, a.optional]), [['ini', true]]);
  const network = steps.find((s) => s.text.includes('nova-network'));
  assert.ok(network, 'a forbidden step is kept, marked');
  assert.equal(network.forbidden, true);
  assert.equal(network.source.line, lineOf(GUIDE, '実行してはなりません'));
  assert.ok(!allActions(g).some((a) => a.kind === 'command' && a.run.includes('openstack-nova-network')), 'a forbidden command is never an action');
  // Discouraged ("…しないことを推奨"): kept, but never unconditional.
  const conductor = commandRun(g, 'service openstack-nova-conductor start');
  assert.ok(conductor.when, 'a discouraged command is guarded by a condition');
  for (const s of steps.filter((x) => !x.text.includes('冗長ロギング'))) assert.ok(!s.optional, `${s.text} marked optional`);
  for (const s of steps.filter((x) => !x.text.includes('nova-network'))) assert.ok(!s.forbidden, `${s.text} marked forbidden`);
});

test('action ids are stable when a paragraph is inserted before a procedure', async () => {
  const before = await parseText(GUIDE_TEXT);
  const at = GUIDE.indexOf('手順8.12 ハイパーバイザーの設定');
  const inserted = [...GUIDE.slice(0, at), 'この手順は、設定を変更する前に必ずバックアップを取ってから行ってください。', '', ...GUIDE.slice(at)];
  const after = await parseText(inserted.join('\n'));
  const ids = (g: StepGraph, title: string) => g.procedures.find((p) => p.title.startsWith(title))!.steps.flatMap((s) => s.actions.map((a) => [a.kind, a.id]));
  const later = ids(before, '手順8.12');
  assert.ok(later.length >= 5);
  assert.deepEqual(ids(after, '手順8.12'), later, 'every action id of the later procedure is unchanged');
  assert.deepEqual(ids(after, '手順8.5'), ids(before, '手順8.5'), 'and of the earlier one');
  const p = (g: StepGraph) => g.procedures.find((x) => x.title.startsWith('手順8.12'))!;
  assert.equal(p(after).id, p(before).id);
  // Lines move by two; ids do not depend on them.
  assert.equal(p(after).source.line, p(before).source.line + 2);
});

test('action ids are stable when a paragraph is inserted into a real guide (guides/004)', async () => {
  const guide = listGuides().find((g) => basename(g).startsWith('004'))!;
  const lines = readFileSync(guide, 'utf8').split('\n');
  const before = await parseText(lines.join('\n'));
  const last = before.procedures[before.procedures.length - 1]!;
  const at = last.source.line - 1;
  const after = await parseText([...lines.slice(0, at), '以下の手順を実行する前に、設定ファイルのバックアップを取ってください。', ...lines.slice(at)].join('\n'));
  const actionIds = (g: StepGraph) => g.procedures.find((p) => p.title === last.title)!.steps.flatMap((s) => s.actions.map((a) => a.id));
  assert.ok(actionIds(before).length > 0);
  assert.deepEqual(actionIds(after), actionIds(before));
});

test('every id is unique and every reference points at an existing action (every guide in guides/)', async () => {
  for (const guide of corpusGuides()) {
    const g = await parseGuide(guide);
    const name = basename(guide);
    const ids = [...g.procedures.map((p) => p.id), ...g.procedures.flatMap((p) => p.steps.map((s) => s.id)), ...allActions(g).map((a) => a.id)];
    const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
    assert.deepEqual(dup, [], `${name}: duplicate ids`);
    for (const id of ids) assert.match(id, /^[psa]-[0-9a-f]{8}(?:-\d+)?$/, `${name}: id ${id}`);
    const actionIds = new Set(allActions(g).map((a) => a.id));
    const commandIds = new Set(allActions(g).filter((a) => a.kind === 'command').map((a) => a.id));
    for (const a of allActions(g)) if (a.kind === 'sql' && a.session) assert.ok(commandIds.has(a.session), `${name}: sql ${a.id} session ${a.session}`);
    for (const p of g.placeholders) for (const id of p.scope ?? []) assert.ok(actionIds.has(id), `${name}: placeholder ${p.name} scope ${id}`);
    const variables = g.placeholders.map((p) => p.variable);
    assert.deepEqual(variables, [...new Set(variables)], `${name}: placeholder variables unique`);
    for (const v of variables) assert.match(v, /^[A-Z_][A-Z0-9_]*$/);
  }
});

test('the same guide parsed twice gives the same graph (ids are deterministic)', async () => {
  assert.deepEqual(await parseText(GUIDE_TEXT), await parseText(GUIDE_TEXT));
});

test('literals: hosts, IP addresses and secrets the guide hard-codes, each once at its first line', async () => {
  const g = await parseText(GUIDE_TEXT);
  const lit = new Map(g.literals.map((l) => [l.value, l]));
  assert.deepEqual(lit.get('192.168.0.10'), { value: '192.168.0.10', kind: 'ip', source: { line: lineOf(GUIDE, '192.168.0.10') } });
  assert.deepEqual(lit.get('secretpass'), { value: 'secretpass', kind: 'secret', source: { line: lineOf(GUIDE, 'secretpass') } });
  assert.deepEqual(lit.get('rabbitsecret'), { value: 'rabbitsecret', kind: 'secret', source: { line: lineOf(GUIDE, 'rabbitsecret') } });
  assert.deepEqual(lit.get('controller01'), { value: 'controller01', kind: 'host', source: { line: lineOf(GUIDE, 'controller01') } });
  assert.ok(!lit.has('127.0.0.1'), 'loopback is not site-specific');
  assert.ok(!lit.has('localhost'));
  for (const p of g.placeholders) assert.ok(!lit.has(p.name), `placeholder ${p.name} listed as a literal`);
  const values = g.literals.map((l) => l.value);
  assert.deepEqual(values, [...new Set(values)], 'one literal per value');
});

test('literals: a host tag names a host; an e-mail, a region and an interface are found in commands', async () => {
  const lines = [
    '# T',
    '',
    '## 設定',
    '',
    '- ユーザーの作成 [対象: controller01]',
    '',
    '```',
    '# keystone user-create --name nova --email nova@example.com',
    '# keystone endpoint-create --region regionOne --publicurl http://controller01:8774/v2',
    '========>',
    'Created.',
    '========<',
    '# ovs-vsctl add-port br-ex eth1',
    '```',
  ];
  const g = await parseText(lines.join('\n'), 'guide.md');
  assert.equal(g.source.dialect, 'markdown-walkthrough');
  const kinds = new Map(g.literals.map((l) => [l.value, [l.kind, l.source.line]]));
  assert.deepEqual(kinds.get('controller01'), ['host', lineOf(lines, '[対象: controller01]')]);
  assert.deepEqual(kinds.get('nova@example.com'), ['email', lineOf(lines, '--email')]);
  assert.deepEqual(kinds.get('regionOne'), ['region', lineOf(lines, '--region')]);
  assert.deepEqual(kinds.get('eth1'), ['interface', lineOf(lines, 'eth1')]);
});
