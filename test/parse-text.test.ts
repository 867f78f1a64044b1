/**
 * Plain-text guides through parseGuide (src/parse/text-to-blocks.ts and the extractor): small inline
 * guides in the two text dialects, redhat-text (plain-text export) and redhat-scraped (scraped web
 * page), written like the passages of guides/000, 001 and 004 they imitate. Every expected source
 * line is looked up in the input itself, never typed in.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGuide } from '../src/index.js';
import type { Action, CommandAction, StepGraph } from '../src/ir/types.js';

/** Parses `lines` (joined with LF) as a guide named `name`. */
function parseLines(lines: readonly string[], name = 'guide.txt', dialect?: string): Promise<StepGraph> {
  return parseGuide(name, { bytes: Buffer.from(lines.join('\n'), 'utf8'), ...(dialect ? { dialect } : {}) });
}

/** 1-based line of the first input line containing `needle` (throws when none does). */
function lineOf(lines: readonly string[], needle: string, from = 1): number {
  const i = lines.findIndex((l, k) => k >= from - 1 && l.includes(needle));
  if (i < 0) throw new Error(`no input line holds ${JSON.stringify(needle)}`);
  return i + 1;
}

/** Every action of the graph, in document order. */
function allActions(g: StepGraph): Action[] {
  return g.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions));
}

/** The command actions of the graph. */
function commands(g: StepGraph): CommandAction[] {
  return allActions(g).filter((a): a is CommandAction => a.kind === 'command');
}

/** The one command whose run is `run` (fails when there is none or more than one). */
function commandRun(g: StepGraph, run: string): CommandAction {
  const found = commands(g).filter((a) => a.run === run);
  assert.equal(found.length, 1, `commands with run ${JSON.stringify(run)}: ${found.length}; have ${JSON.stringify(commands(g).map((a) => a.run))}`);
  return found[0]!;
}

/** A redhat-text guide: a section, four numbered procedures, list items, prompts, output. */
const REDHAT_TEXT: readonly string[] = [
  '8.4. コンピュートノードのインストール',
  '',
  '手順8.5 Compute Service データベースの作成',
  '',
  '  1. mysql コマンドでデータベースに接続します。',
  '    # mysql -u root -p',
  '  2. nova データベースを作成します。',
  '    mysql> CREATE DATABASE nova;',
  "    mysql> GRANT ALL ON nova.* TO 'nova'@'%' IDENTIFIED BY 'PASSWORD';",
  '    PASSWORD は、このユーザーとしてデータベースサーバーとの認証を行う際に使用するセキュアなパスワードに置き換えます。',
  '  3. mysql クライアントを終了します。',
  '    mysql> quit',
  '',
  '手順8.6 Compute サービスのエンドポイント作成',
  '',
  '  1. エンドポイントを作成します。',
  '    # keystone endpoint-create \\',
  '        --service-id SERVICE_ID \\',
  '        --publicurl "http://IP:8774/v2/%(tenant_id)s"',
  '    --adminurl "http://IP:8774/v2/%(tenant_id)s"',
  '  2. サービスを一覧表示します。',
  '    # keystone service-list',
  '    +----------+----------+',
  '    |    id    |   name   |',
  '    +----------+----------+',
  '    | 1a2b3c   |   nova   |',
  '    +----------+----------+',
  '',
  '手順8.7 データベースの同期',
  '',
  '  1. nova ユーザーに切り替えます。',
  '    # su nova -s /bin/sh',
  '  2. データベースを同期します。',
  '    $ nova-manage db sync',
  '  3. サービスを起動します。',
  '    #service openstack-nova-api start',
  '  4. 認証ストラテジーを設定します。',
  '    # openstack-config --set /etc/nova/nova.conf DEFAULT auth_strategy keystone',
  '',
  '手順8.8 ファイアウォールの設定',
  '',
  '  1. テキストエディターで /etc/sysconfig/iptables ファイルを開きます。',
  '  2. /etc/sysconfig/iptables ファイルに以下の行を追記します。',
  '    -A INPUT -p tcp -m multiport --dports 8773,8774,8775 -j ACCEPT',
  '  3. ファイアウォールを再起動します。',
  '    # service iptables restart',
];

test('redhat-text: detected, numbered procedures with their titles and lines, list items as steps', async () => {
  const g = await parseLines(REDHAT_TEXT, 'guide.md');
  assert.equal(g.source.format, 'text');
  assert.equal(g.source.dialect, 'redhat-text');
  assert.equal(g.title, '8.4. コンピュートノードのインストール');
  assert.deepEqual(
    g.procedures.map((p) => [p.title, p.source.line]),
    ['手順8.5', '手順8.6', '手順8.7', '手順8.8'].map((t) => [REDHAT_TEXT[lineOf(REDHAT_TEXT, t) - 1], lineOf(REDHAT_TEXT, t)]),
  );
  const first = g.procedures[0]!;
  assert.deepEqual(
    first.steps.map((s) => [s.text, s.source.line]),
    [
      ['mysql コマンドでデータベースに接続します。', 5],
      ['nova データベースを作成します。', 7],
      ['mysql クライアントを終了します。', 11],
    ],
  );
  assert.equal(g.procedures[3]!.steps.length, 3, 'all three items of 手順8.8 are steps');
  assert.deepEqual(g.messages, []);
});

test('redhat-text: `# ` commands run as root at their own line, prompt removed', async () => {
  const g = await parseLines(REDHAT_TEXT);
  const restart = commandRun(g, 'service iptables restart');
  assert.equal(restart.user, 'root');
  assert.equal(restart.source.line, lineOf(REDHAT_TEXT, '# service iptables restart'));
  assert.equal(restart.verify, false);
  const list = commandRun(g, 'keystone service-list');
  assert.equal(list.verify, true, 'a -list command only checks');
  assert.equal(list.source.line, lineOf(REDHAT_TEXT, '# keystone service-list'));
  for (const a of commands(g)) assert.doesNotMatch(a.run, /^[#$]/, `prompt left in ${a.run}`);
});

test('redhat-text: `\\` continuations and a lost `\\` before a `--flag` line join into one command', async () => {
  const g = await parseLines(REDHAT_TEXT);
  const create = commands(g).filter((a) => a.run.startsWith('keystone endpoint-create'));
  assert.equal(create.length, 1);
  assert.equal(create[0]!.run, 'keystone endpoint-create --service-id SERVICE_ID --publicurl "http://IP:8774/v2/%(tenant_id)s" --adminurl "http://IP:8774/v2/%(tenant_id)s"');
  assert.equal(create[0]!.source.line, lineOf(REDHAT_TEXT, 'endpoint-create'), 'the command starts at its prompt line');
  assert.ok(!allActions(g).some((a) => a.kind === 'command' && a.run.startsWith('--')), 'no continuation line stands alone');
});

test('redhat-text: an output table under a command is never an action', async () => {
  const g = await parseLines(REDHAT_TEXT);
  const tableLines = new Set([lineOf(REDHAT_TEXT, '|    id'), lineOf(REDHAT_TEXT, '| 1a2b3c'), lineOf(REDHAT_TEXT, '+----------+', 23)]);
  for (const a of allActions(g)) {
    assert.ok(!tableLines.has(a.source.line), `action at table line ${a.source.line}`);
    const text = JSON.stringify(a);
    assert.ok(!text.includes('1a2b3c') && !text.includes('+----'), `table text in ${text}`);
  }
  const step = g.procedures[1]!.steps.find((s) => s.text === 'サービスを一覧表示します。')!;
  assert.equal(step.actions.length, 1);
});

test('redhat-text: a mysql> session: sql actions carry the id of the interactive mysql command', async () => {
  const g = await parseLines(REDHAT_TEXT);
  const mysql = commandRun(g, 'mysql -u root -p');
  assert.equal(mysql.interactive, true);
  assert.equal(mysql.user, 'root');
  const sql = allActions(g).filter((a) => a.kind === 'sql');
  assert.deepEqual(
    sql.map((a) => [a.run, a.source.line]),
    [
      ['CREATE DATABASE nova;', lineOf(REDHAT_TEXT, 'CREATE DATABASE')],
      ["GRANT ALL ON nova.* TO 'nova'@'%' IDENTIFIED BY 'PASSWORD';", lineOf(REDHAT_TEXT, 'GRANT ALL')],
      ['quit', lineOf(REDHAT_TEXT, 'mysql> quit')],
    ],
  );
  for (const a of sql) assert.equal(a.kind === 'sql' && a.session, mysql.id);
  assert.ok(!g.messages.some((m) => m.ruleId === 'sql-without-session'));
});

test('redhat-text: a statement at mysql> with no client open is reported at its line', async () => {
  const lines = ['手順1.1 テスト', '', '  1. データベースを作成します。', '    mysql> CREATE DATABASE nova;'];
  const g = await parseLines(lines);
  const sql = allActions(g).filter((a) => a.kind === 'sql');
  assert.equal(sql.length, 1);
  const m = g.messages.find((x) => x.ruleId === 'sql-without-session');
  assert.ok(m, JSON.stringify(g.messages));
  assert.equal(m.line, 4);
});

test('redhat-text: `su nova -s /bin/sh` then `$ nova-manage db sync` runs as nova; a later `#` is root again', async () => {
  const g = await parseLines(REDHAT_TEXT);
  const su = commandRun(g, 'su nova -s /bin/sh');
  assert.equal(su.user, 'root');
  assert.equal(su.interactive, true);
  const sync = commandRun(g, 'nova-manage db sync');
  assert.equal(sync.user, 'nova');
  assert.equal(sync.source.line, lineOf(REDHAT_TEXT, '$ nova-manage'));
  assert.equal(commandRun(g, 'service openstack-nova-api start').user, 'root');
});

test('redhat-text: `$` without su is the plain user', async () => {
  const g = await parseLines(['手順1.1 テスト', '', '  1. 一覧を表示します。', '    $ nova list']);
  assert.equal(commandRun(g, 'nova list').user, 'user');
});

test('redhat-text: `#service x start` (no space after #) is a root command', async () => {
  const g = await parseLines(REDHAT_TEXT);
  const start = commandRun(g, 'service openstack-nova-api start');
  assert.equal(start.user, 'root');
  assert.equal(start.source.line, lineOf(REDHAT_TEXT, '#service'));
});

test('redhat-text: `openstack-config --set` is an ini action via openstack-config, not a command', async () => {
  const g = await parseLines(REDHAT_TEXT);
  const ini = allActions(g).filter((a) => a.kind === 'ini');
  assert.equal(ini.length, 1);
  const a = ini[0]!;
  assert.ok(a.kind === 'ini');
  assert.deepEqual([a.file, a.section, a.key, a.value, a.via], ['/etc/nova/nova.conf', 'DEFAULT', 'auth_strategy', 'keystone', 'openstack-config']);
  assert.equal(a.source.line, lineOf(REDHAT_TEXT, 'openstack-config'));
  assert.ok(!commands(g).some((c) => c.run.includes('openstack-config')));
});

test('redhat-text: an iptables line after 「ファイルに以下の行を追記」 is a file action', async () => {
  const g = await parseLines(REDHAT_TEXT);
  const files = allActions(g).filter((a) => a.kind === 'file');
  assert.equal(files.length, 1);
  const f = files[0]!;
  assert.ok(f.kind === 'file');
  assert.equal(f.file, '/etc/sysconfig/iptables');
  assert.equal(f.content, '-A INPUT -p tcp -m multiport --dports 8773,8774,8775 -j ACCEPT');
  assert.equal(f.source.line, lineOf(REDHAT_TEXT, '-A INPUT'));
  assert.ok(!commands(g).some((c) => c.run.startsWith('-A')), 'the rule is not run as a command');
});

test('redhat-text: 「テキストエディターで … を開きます」 is a manual step', async () => {
  const g = await parseLines(REDHAT_TEXT);
  const open = g.procedures[3]!.steps[0]!;
  assert.equal(open.text, 'テキストエディターで /etc/sysconfig/iptables ファイルを開きます。');
  assert.deepEqual(
    open.actions.map((a) => [a.kind, a.kind === 'manual' ? a.text : '', a.source.line]),
    [['manual', open.text, lineOf(REDHAT_TEXT, 'テキストエディター')]],
  );
});

test('redhat-text: a sentence without an instruction gets no manual action', async () => {
  const g = await parseLines(['手順1.1 テスト', '', '  1. サービスを起動します。', '    # service x start', 'これでサービスの設定が完了しました。']);
  assert.deepEqual(
    allActions(g).map((a) => a.kind),
    ['command'],
  );
});

/** A redhat-scraped guide: widget text, every block shown twice, one block lost. */
const SCRAPED: readonly string[] = [
  '8.2.4. Compute サービス用のアイデンティティーレコードの作成 リンクのコピーリンクがクリップボードにコピーされました!',
  'リンクのコピーリンクがクリップボードにコピーされました!',
  '以下の手順では、管理ユーザーが作成済みであることを前提としています。',
  '手順8.5 Compute サービス用のアイデンティティーレコードの作成',
  '- Keystone に管理ユーザーとしてアクセスするためのシェルを設定します。',
  'source ~/keystonerc_admin',
  '# source ~/keystonerc_admin',
  'Copy to Clipboard Copied! Toggle word wrap Toggle overflow compute',
  'ユーザーを作成します。Copy to Clipboard Copied! Toggle word wrap Toggle overflow services',
  'テナントのコンテキスト内で、compute',
  'ユーザーとadmin',
  'ロールを関連付けます。[(keystone_admin)]# keystone user-role-add --user nova --role admin --tenant services',
  '[(keystone_admin)]# keystone user-role-add --user nova --role admin --tenant services',
  'Copy to Clipboard Copied! Toggle word wrap Toggle overflow',
];

test('redhat-scraped: detected from the widget text, even named .md', async () => {
  const g = await parseLines(SCRAPED, 'scraped.md');
  assert.equal(g.source.format, 'text');
  assert.equal(g.source.dialect, 'redhat-scraped');
});

test('redhat-scraped: the Copy-to-Clipboard widget and the link widget never reach the graph', async () => {
  const g = await parseLines(SCRAPED);
  const text = JSON.stringify({ title: g.title, procedures: g.procedures, missing: g.missing });
  for (const widget of ['Copy to Clipboard', 'Copied!', 'Toggle', 'リンクのコピー']) assert.ok(!text.includes(widget), `${widget} left in the graph`);
  assert.equal(g.title, '8.2.4. Compute サービス用のアイデンティティーレコードの作成');
  // Prose broken at inline code spans is joined into one sentence.
  assert.ok(
    g.procedures[0]!.steps.some((s) => s.text === 'services テナントのコンテキスト内で、compute ユーザーとadmin ロールを関連付けます。'),
    JSON.stringify(g.procedures[0]!.steps.map((s) => s.text)),
  );
});

test('redhat-scraped: a block shown twice (bare copy, then prompted) is one command at the prompted line', async () => {
  const g = await parseLines(SCRAPED);
  const source = commandRun(g, 'source ~/keystonerc_admin');
  assert.equal(source.source.line, lineOf(SCRAPED, '# source'));
  const role = commandRun(g, 'keystone user-role-add --user nova --role admin --tenant services');
  assert.equal(role.source.line, SCRAPED.findIndex((l) => l.startsWith('[(keystone_admin)]#')) + 1, 'the line of the prompted original');
  assert.equal(role.user, 'root');
  assert.equal(commands(g).length, 2);
  const step = g.procedures[0]!.steps.find((s) => s.actions.includes(role))!;
  assert.doesNotMatch(step.text, /keystone user-role-add/, 'the glued copy is cut from the sentence');
});

test('redhat-scraped: a lost block is a missing entry, a manual action and a lost-command warning at its line', async () => {
  const g = await parseLines(SCRAPED);
  const stepLine = lineOf(SCRAPED, 'Toggle overflow compute');
  assert.deepEqual(g.missing, [{ text: 'compute ユーザーを作成します。', source: { line: stepLine } }]);
  const lost = g.messages.filter((m) => m.ruleId === 'lost-command');
  assert.equal(lost.length, 1);
  assert.equal(lost[0]!.severity, 'warning');
  assert.equal(lost[0]!.line, lineOf(SCRAPED, 'ユーザーを作成します。Copy'), 'reported where the block should have been');
  assert.match(lost[0]!.reason, /compute ユーザーを作成します。/);
  const step = g.procedures[0]!.steps.find((s) => s.text === 'compute ユーザーを作成します。')!;
  assert.deepEqual(
    step.actions.map((a) => [a.kind, a.source.line]),
    [['manual', stepLine]],
  );
});
