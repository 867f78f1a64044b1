/**
 * Markdown guides through parseGuide (remark → mdast → blocks → extractor): small inline guides in
 * the two Markdown dialects, markdown-walkthrough (guides/002: `[対象: host]` tags, `========>`
 * output fences, `# <…>` notes, HTML comments) and upstream-markdown (guides/003: PDF conversion,
 * `¥` continuations across page breaks, Markdown escapes). Expected source lines are looked up in
 * the input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGuide } from '../src/index.js';
import type { Action, CommandAction, IniAction, StepGraph } from '../src/ir/types.js';

/** Parses `lines` (joined with LF) as a guide named `name`. */
function parseLines(lines: readonly string[], name = 'guide.md'): Promise<StepGraph> {
  return parseGuide(name, { bytes: Buffer.from(lines.join('\n'), 'utf8') });
}

/** 1-based line of the first input line containing `needle`, from line `from` on. */
function lineOf(lines: readonly string[], needle: string, from = 1): number {
  const i = lines.findIndex((l, k) => k >= from - 1 && l.includes(needle));
  if (i < 0) throw new Error(`no input line holds ${JSON.stringify(needle)}`);
  return i + 1;
}

function allActions(g: StepGraph): Action[] {
  return g.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions));
}

function commands(g: StepGraph): CommandAction[] {
  return allActions(g).filter((a): a is CommandAction => a.kind === 'command');
}

function ini(g: StepGraph): IniAction[] {
  return allActions(g).filter((a): a is IniAction => a.kind === 'ini');
}

/** A markdown-walkthrough guide (guides/002 style). */
const WALKTHROUGH: readonly string[] = [
  '# Computeサービスの追加',
  '',
  '## コンピュートノードの設定',
  '',
  '- パッケージのインストール [対象: compute01]',
  '',
  '```',
  '# yum install openstack-nova-compute',
  '========>',
  'Complete!',
  '# yum install fenced-output-package',
  '[root@compute01 ~]#',
  '========<',
  '```',
  '',
  '- nova.confの設定 [対象: compute01]',
  '',
  '```',
  '# vi /etc/nova/nova.conf',
  '========> 以下を参考に編集',
  '[DEFAULT]',
  'rpc_backend = rabbit',
  'my_ip = 192.168.101.21',
  '',
  '[vnc]',
  'vncserver_listen = $my_ip',
  '========<',
  '```',
  '',
  '<!--',
  '- 隠し手順 [対象: compute01]',
  '',
  '```',
  '# rm -rf /var/lib/nova',
  '```',
  '-->',
  '',
  '- サービスの起動 [対象: compute01]',
  '',
  '```',
  '# systemctl enable openstack-nova-compute',
  '# <以下、オプション>',
  '# systemctl start libvirtd',
  '```',
  '',
  '- 確認 [対象: controller01]',
  '',
  '```',
  '# <1以上の数を返すこと>',
  '# egrep -c \'(vmx|svm)\' /proc/cpuinfo',
  '```',
];

test('markdown-walkthrough: detected from its tags and fences, whatever the file name', async () => {
  const g = await parseLines(WALKTHROUGH, 'guide.txt');
  assert.equal(g.source.format, 'markdown');
  assert.equal(g.source.dialect, 'markdown-walkthrough');
  assert.equal(g.title, 'Computeサービスの追加');
  assert.deepEqual(g.procedures.map((p) => [p.title, p.source.line]), [['コンピュートノードの設定', 3]]);
});

test('markdown-walkthrough: `[対象: compute01]` gives the step role compute and is cut from its text', async () => {
  const g = await parseLines(WALKTHROUGH);
  const steps = g.procedures.flatMap((p) => p.steps);
  const install = steps.find((s) => s.source.line === lineOf(WALKTHROUGH, 'パッケージのインストール'))!;
  assert.equal(install.text, 'パッケージのインストール');
  assert.equal(install.role, 'compute');
  const check = steps.find((s) => s.source.line === lineOf(WALKTHROUGH, '- 確認'))!;
  assert.equal(check.role, 'controller');
  assert.deepEqual(g.roles, ['compute', 'controller']);
  assert.deepEqual(
    g.literals.filter((l) => l.kind === 'host').map((l) => [l.value, l.source.line]),
    [
      ['compute01', lineOf(WALKTHROUGH, '[対象: compute01]')],
      ['controller01', lineOf(WALKTHROUGH, '[対象: controller01]')],
    ],
  );
});

test('markdown-walkthrough: what stands between ========> and ========< is output, never an action', async () => {
  const g = await parseLines(WALKTHROUGH);
  const install = commands(g).filter((a) => a.run.startsWith('yum install'));
  assert.deepEqual(
    install.map((a) => [a.run, a.source.line]),
    [['yum install openstack-nova-compute', lineOf(WALKTHROUGH, 'openstack-nova-compute')]],
  );
  const open = lineOf(WALKTHROUGH, '========>');
  const close = lineOf(WALKTHROUGH, '========<');
  for (const a of allActions(g)) assert.ok(a.source.line < open || a.source.line > close, `action at fence line ${a.source.line}: ${JSON.stringify(a)}`);
  assert.ok(!commands(g).some((a) => a.run.includes('fenced-output-package') || a.run.startsWith('[root@')));
});

test('markdown-walkthrough: `vi FILE` and the fenced content after it are ini actions via edit, each at its key line', async () => {
  const g = await parseLines(WALKTHROUGH);
  assert.deepEqual(
    ini(g).map((a) => [a.file, a.section, a.key, a.value, a.via, a.source.line]),
    [
      ['/etc/nova/nova.conf', 'DEFAULT', 'rpc_backend', 'rabbit', 'edit', lineOf(WALKTHROUGH, 'rpc_backend')],
      ['/etc/nova/nova.conf', 'DEFAULT', 'my_ip', '192.168.101.21', 'edit', lineOf(WALKTHROUGH, 'my_ip =')],
      ['/etc/nova/nova.conf', 'vnc', 'vncserver_listen', '$my_ip', 'edit', lineOf(WALKTHROUGH, 'vncserver_listen')],
    ],
  );
  assert.ok(!commands(g).some((a) => a.run.startsWith('vi ')), 'the editor command itself is not run');
});

test('markdown-walkthrough: `# <以下、オプション>` drops the rest of its block', async () => {
  const g = await parseLines(WALKTHROUGH);
  assert.ok(commands(g).some((a) => a.run === 'systemctl enable openstack-nova-compute'), 'the line before the marker is kept');
  assert.ok(!commands(g).some((a) => a.run.includes('libvirtd')), 'the line after the marker is dropped');
  assert.ok(!allActions(g).some((a) => a.source.line === lineOf(WALKTHROUGH, '<以下、オプション>')), 'the marker is no action');
});

test('markdown-walkthrough: an HTML comment, steps and code included, is never an action', async () => {
  const g = await parseLines(WALKTHROUGH);
  const start = lineOf(WALKTHROUGH, '<!--');
  const end = lineOf(WALKTHROUGH, '-->');
  for (const a of allActions(g)) assert.ok(a.source.line < start || a.source.line > end, `action inside the comment: ${JSON.stringify(a)}`);
  const steps = g.procedures.flatMap((p) => p.steps);
  assert.ok(!steps.some((s) => s.text.includes('隠し手順')));
  assert.ok(!commands(g).some((a) => a.run.includes('rm -rf')));
});

test('markdown-walkthrough: a `# <…>` note before a check is its expectation', async () => {
  const g = await parseLines(WALKTHROUGH);
  const egrep = commands(g).find((a) => a.run.startsWith('egrep'));
  assert.ok(egrep);
  assert.equal(egrep.run, "egrep -c '(vmx|svm)' /proc/cpuinfo");
  assert.equal(egrep.verify, true);
  assert.equal(egrep.expect, '1以上の数を返すこと');
  assert.equal(egrep.source.line, lineOf(WALKTHROUGH, '# egrep'));
});

test('markdown-walkthrough: MariaDB prompts in fences are a session opened by `mysql -u root -p`', async () => {
  const lines = [
    '# データベース',
    '',
    '## データベースの作成',
    '',
    '- rootでデータベースに接続 [対象: controller01]',
    '',
    '```',
    '# mysql -u root -p',
    '========>',
    'Enter password: Password123$',
    'MariaDB [(none)]>',
    '========<',
    '```',
    '',
    '- novaデータベース の作成 [対象: controller01]',
    '',
    '```',
    'MariaDB [(none)]> CREATE DATABASE nova;',
    '========>',
    'Query OK, 1 row affected (0.01 sec)',
    '========<',
    '```',
  ];
  const g = await parseLines(lines);
  assert.equal(g.source.dialect, 'markdown-walkthrough');
  const mysql = commands(g).find((a) => a.run === 'mysql -u root -p');
  assert.ok(mysql);
  assert.equal(mysql.interactive, true);
  const sql = allActions(g).filter((a) => a.kind === 'sql');
  assert.deepEqual(
    sql.map((a) => [a.kind === 'sql' && a.session, a.run, a.source.line]),
    [[mysql.id, 'CREATE DATABASE nova;', lineOf(lines, 'CREATE DATABASE')]],
  );
});

/** An upstream-markdown guide (guides/003 style): PDF page breaks split blocks, `¥` for `\`. */
const UPSTREAM: readonly string[] = [
  '# OpenStack インストールガイド',
  '',
  '## Compute コントローラーサービスのインストール',
  '',
  '1. コントローラーノードに必要な Compute のパッケージをインストールします。',
  '',
  '```',
  '# apt-get install nova-api nova-cert nova-conductor ¥',
  '```',
  '',
  '```',
  'nova-novncproxy nova-scheduler python-novaclient',
  '```',
  '',
  '2. Compute をデータベースの位置とクレデンシャルで設定します。NOVA\\_DBPASS を後のステップで作成するデータベース用パスワードで置き換えます。',
  '',
  'このキーを変更するために /etc/nova/nova.conf ファイルの [database] セクションを編集します。',
  '',
  '```',
  '[database]',
  'connection = mysql://nova:NOVA_DBPASS@controller/nova',
  '```',
  '',
  '3. データベースのユーザーを作成します。',
  '',
  '```',
  '$ mysql -u root -p',
  "mysql> GRANT ALL PRIVILEGES ON nova.* TO 'nova'@'localhost' ¥",
  "IDENTIFIED BY 'NOVA_DBPASS';",
  '```',
];

test('upstream-markdown: detected from `¥` continuations', async () => {
  const g = await parseLines(UPSTREAM, 'guide.txt');
  assert.equal(g.source.format, 'markdown');
  assert.equal(g.source.dialect, 'upstream-markdown');
});

test('upstream-markdown: a `¥` continuation runs on across two fenced blocks into one command', async () => {
  const g = await parseLines(UPSTREAM);
  const apt = commands(g).filter((a) => a.run.startsWith('apt-get'));
  assert.deepEqual(
    apt.map((a) => [a.run, a.user, a.source.line]),
    [['apt-get install nova-api nova-cert nova-conductor nova-novncproxy nova-scheduler python-novaclient', 'root', lineOf(UPSTREAM, 'apt-get')]],
  );
  assert.ok(!commands(g).some((a) => a.run.startsWith('nova-novncproxy')), 'the second half is not a command of its own');
  for (const a of allActions(g)) assert.doesNotMatch(JSON.stringify(a), /¥/, 'no ¥ left in an action');
});

test('upstream-markdown: `¥` continues a SQL statement onto the next line', async () => {
  const g = await parseLines(UPSTREAM);
  const sql = allActions(g).filter((a) => a.kind === 'sql');
  assert.deepEqual(
    sql.map((a) => [a.run, a.source.line]),
    [["GRANT ALL PRIVILEGES ON nova.* TO 'nova'@'localhost' IDENTIFIED BY 'NOVA_DBPASS';", lineOf(UPSTREAM, 'mysql> GRANT')]],
  );
  const mysql = commands(g).find((a) => a.run === 'mysql -u root -p')!;
  assert.equal(mysql.user, 'user');
  assert.equal(sql[0]!.kind === 'sql' && sql[0]!.session, mysql.id);
});

test('upstream-markdown: a fenced INI block under 「… ファイルの [database] セクションを編集」 is ini via edit', async () => {
  const g = await parseLines(UPSTREAM);
  assert.deepEqual(
    ini(g).map((a) => [a.file, a.section, a.key, a.value, a.via, a.source.line]),
    [['/etc/nova/nova.conf', 'database', 'connection', 'mysql://nova:NOVA_DBPASS@controller/nova', 'edit', lineOf(UPSTREAM, 'connection =')]],
  );
});

test('Markdown: numbered list items are steps at their own lines', async () => {
  const g = await parseLines(UPSTREAM);
  const steps = g.procedures.flatMap((p) => p.steps);
  const install = steps.find((s) => s.actions.some((a) => a.kind === 'command' && a.run.startsWith('apt-get')))!;
  assert.equal(install.text, 'コントローラーノードに必要な Compute のパッケージをインストールします。');
  assert.equal(install.source.line, lineOf(UPSTREAM, '1. コントローラーノード'));
  assert.equal(install.role, 'controller');
});
