/**
 * HTML guides through parseGuide (rehype → page chrome dropped → mdast → blocks → extractor): a
 * small inline DocBook page in the upstream-html dialect (guides/005, 006): steps in
 * `<li class="step">`, commands in `<pre class="screen">`, placeholders as
 * `<em class="replaceable">`, and scripts, header, table of contents and footer that hold
 * command-shaped text that must never be parsed. Expected source lines are looked up in the input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGuide } from '../src/index.js';
import type { Action, CommandAction, StepGraph } from '../src/ir/types.js';

/** 1-based line of the first input line containing `needle`. */
function lineOf(lines: readonly string[], needle: string): number {
  const i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`no input line holds ${JSON.stringify(needle)}`);
  return i + 1;
}

function allActions(g: StepGraph): Action[] {
  return g.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions));
}

function commands(g: StepGraph): CommandAction[] {
  return allActions(g).filter((a): a is CommandAction => a.kind === 'command');
}

/** A DocBook page: chrome with command-like text around one procedure. */
const PAGE: readonly string[] = [
  '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
  '<!DOCTYPE html>',
  '<html xmlns="http://www.w3.org/1999/xhtml"><head>',
  '<title>Compute コントローラーサービスのインストール - head title</title>',
  '<meta name="generator" content="DocBook XSL-NS Stylesheets V1.76.1"/>',
  '<script type="text/javascript">',
  'var cmd = "# yum install head-script-package";',
  '</script>',
  '</head><body><div id="header"><h1>Header heading</h1>',
  '<pre class="screen"># yum install header-package</pre></div>',
  '<div id="toc"><ul><li class="step"><p>目次の項目をインストールします。</p><pre class="screen"># yum install toc-package</pre></li></ul></div>',
  '<div id="content"><div class="section"><h2 class="title">Compute コントローラーサービスのインストール</h2>',
  '<div class="breadcrumbs"><pre class="screen"># yum install breadcrumbs-package</pre></div><script>var y = "# yum install content-script-package";</script>',
  '<p>このセクションは、コントローラーノードにこれらのサービスをインストールし、設定する方法を示します。</p>',
  '<div class="procedure"><ol class="procedure" type="1">',
  '<li class="step"><p>パッケージをインストールします。</p><pre class="screen"># yum install openstack-nova python-novaclient</pre></li>',
  '<li class="step"><p><em class="replaceable"><code>NOVA_DBPASS</code></em> を後のステップで作成するデータベース用パスワードで置き換えます。</p><pre class="screen"># openstack-config --set /etc/nova/nova.conf \\',
  '  database connection mysql://nova:<em class="replaceable"><code>NOVA_DBPASS</code></em>@<em class="replaceable"><code>controller</code></em>/nova</pre></li>',
  '<li class="step"><p>ユーザーを作成します。</p><pre class="screen"><code class="prompt">$</code> <strong class="userinput"><code>keystone user-create --name=nova --pass=<em class="replaceable"><code>NOVA_PASS</code></em></code></strong></pre></li>',
  '<li class="step"><p>サービスを確認します。</p><pre class="screen"><code class="prompt">$</code> <strong class="userinput"><code>nova image-list</code></strong>',
  '+----+------+',
  '| ID | Name |',
  '+----+------+</pre></li>',
  '</ol></div></div></div>',
  '<div class="navfooter"><pre class="screen"># yum install footer-package</pre></div>',
  '<script type="text/javascript">document.write("# yum install body-script-package");</script>',
  '<noscript><pre class="screen"># yum install noscript-package</pre></noscript>',
  '</body></html>',
];

/**
 * Parses the page; `withContent: false` removes the `#content` id, so the whole `<body>` is the
 * content root and only the dialect's `drop` selectors keep the chrome out.
 */
function parsePage(name = 'page.html', withContent = true): Promise<StepGraph> {
  const lines = withContent ? PAGE : PAGE.map((l) => l.replace('<div id="content">', '<div>'));
  return parseGuide(name, { bytes: Buffer.from(lines.join('\n'), 'utf8') });
}

test('upstream-html: detected from the markup, even named .txt; the title is the content heading', async () => {
  const g = await parsePage('page.txt');
  assert.equal(g.source.format, 'html');
  assert.equal(g.source.dialect, 'upstream-html');
  assert.equal(g.title, 'Compute コントローラーサービスのインストール');
  assert.deepEqual(g.procedures.map((p) => [p.title, p.source.line, p.role]), [['Compute コントローラーサービスのインストール', lineOf(PAGE, '<h2'), 'controller']]);
});

test('upstream-html: `<pre class="screen">` lines are commands at their .html line, prompts removed', async () => {
  const g = await parsePage();
  assert.deepEqual(
    commands(g).map((a) => [a.run, a.user, a.verify, a.source.line]),
    [
      ['yum install openstack-nova python-novaclient', 'root', false, lineOf(PAGE, 'yum install openstack-nova')],
      ['keystone user-create --name=nova --pass=NOVA_PASS', 'user', false, lineOf(PAGE, 'keystone user-create')],
      ['nova image-list', 'user', true, lineOf(PAGE, 'nova image-list')],
    ],
  );
});

test('upstream-html: a continued openstack-config in <pre> is one ini action via openstack-config', async () => {
  const g = await parsePage();
  const ini = allActions(g).filter((a) => a.kind === 'ini');
  assert.deepEqual(
    ini.map((a) => a.kind === 'ini' && [a.file, a.section, a.key, a.value, a.via, a.source.line]),
    [['/etc/nova/nova.conf', 'database', 'connection', 'mysql://nova:NOVA_DBPASS@controller/nova', 'openstack-config', lineOf(PAGE, 'openstack-config')]],
  );
});

test('upstream-html: `<em class="replaceable">` names are placeholders; a lower-case one only where it is marked', async () => {
  const g = await parsePage();
  const byName = new Map(g.placeholders.map((p) => [p.name, p]));
  assert.deepEqual([...byName.keys()].sort(), ['NOVA_DBPASS', 'NOVA_PASS', 'controller']);
  const dbpass = byName.get('NOVA_DBPASS')!;
  assert.equal(dbpass.description, '後のステップで作成するデータベース用パスワード');
  assert.equal(dbpass.secret, true);
  assert.equal(dbpass.source.line, lineOf(PAGE, 'NOVA_DBPASS'));
  assert.equal(dbpass.scope, null, 'an ALL-CAPS name applies everywhere');
  assert.equal(byName.get('NOVA_PASS')!.secret, true);
  const controller = byName.get('controller')!;
  const ini = allActions(g).find((a) => a.kind === 'ini')!;
  assert.deepEqual(controller.scope, [ini.id], 'controller is a placeholder only in the action that marks it');
  assert.equal(controller.variable, 'CONTROLLER');
  assert.equal(controller.source.line, lineOf(PAGE, '<code>controller</code>'));
});

test('upstream-html: scripts, header, table of contents, breadcrumbs, footer and noscript are never parsed', async () => {
  for (const withContent of [true, false]) {
    const g = await parsePage('page.html', withContent);
    const text = JSON.stringify({ title: g.title, procedures: g.procedures });
    for (const chrome of ['head-script-package', 'header-package', 'toc-package', 'breadcrumbs-package', 'content-script-package', 'footer-package', 'body-script-package', 'noscript-package', '目次の項目', 'Header heading', 'head title']) {
      assert.ok(!text.includes(chrome), `${chrome} reached the graph (#content ${withContent ? 'present' : 'absent'})`);
    }
    assert.equal(commands(g).length, 3);
    assert.equal(g.title, 'Compute コントローラーサービスのインストール');
  }
});

test('upstream-html: output under a command (a table) is never an action', async () => {
  const g = await parsePage();
  const step = g.procedures[0]!.steps.find((s) => s.text === 'サービスを確認します。')!;
  assert.deepEqual(step.actions.map((a) => a.kind), ['command']);
  for (const a of allActions(g)) assert.doesNotMatch(JSON.stringify(a), /\| ID \||\+----/);
});

test('upstream-html: list items are steps with the paragraph text at their lines', async () => {
  const g = await parsePage();
  assert.deepEqual(
    g.procedures[0]!.steps.map((s) => [s.text, s.source.line]),
    [
      ['パッケージをインストールします。', lineOf(PAGE, 'パッケージをインストール')],
      ['NOVA_DBPASS を後のステップで作成するデータベース用パスワードで置き換えます。', lineOf(PAGE, 'で置き換えます')],
      ['ユーザーを作成します。', lineOf(PAGE, 'ユーザーを作成')],
      ['サービスを確認します。', lineOf(PAGE, 'サービスを確認')],
    ],
  );
});

test('upstream-html: `<pre class="programlisting">` under 「FILE ファイルを編集し…追加」 is ini via edit, each key at its line', async () => {
  const lines = [
    '<!DOCTYPE html>',
    '<html><body><div id="content"><h2 class="title">Block Storage の設定</h2>',
    '<div class="procedure"><ol class="procedure">',
    '<li class="step"><p><code class="filename">/etc/cinder/cinder.conf</code> ファイルを編集し、[DEFAULT] セクションに以下を追加します。</p>',
    '<pre class="programlisting">[DEFAULT]',
    'rpc_backend = cinder.openstack.common.rpc.impl_qpid',
    'qpid_hostname = <em class="replaceable"><code>controller</code></em></pre></li>',
    '<li class="step"><p>サービスを起動します。</p><pre class="screen"><code class="prompt">#</code> <strong class="userinput"><code>service openstack-cinder-api start</code></strong></pre></li>',
    '</ol></div></div></body></html>',
  ];
  const g = await parseGuide('cinder.html', { bytes: Buffer.from(lines.join('\n'), 'utf8') });
  assert.equal(g.source.dialect, 'upstream-html');
  assert.deepEqual(
    allActions(g).map((a) => (a.kind === 'ini' ? [a.kind, a.file, a.section, a.key, a.value, a.via, a.source.line] : [a.kind, a.kind === 'command' ? a.run : '', a.source.line])),
    [
      ['ini', '/etc/cinder/cinder.conf', 'DEFAULT', 'rpc_backend', 'cinder.openstack.common.rpc.impl_qpid', 'edit', lineOf(lines, 'rpc_backend')],
      ['ini', '/etc/cinder/cinder.conf', 'DEFAULT', 'qpid_hostname', 'controller', 'edit', lineOf(lines, 'qpid_hostname')],
      ['command', 'service openstack-cinder-api start', lineOf(lines, 'openstack-cinder-api')],
    ],
  );
  const controller = g.placeholders.find((p) => p.name === 'controller');
  assert.ok(controller);
  assert.deepEqual(controller.scope, [allActions(g)[1]!.id]);
});
