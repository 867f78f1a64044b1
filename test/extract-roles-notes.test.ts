/**
 * Decisions the diff of two releases of one chapter (redhat-text 000 vs redhat-scraped 001) showed
 * were inconsistent: a product name taken for an English imperative ("Open vSwitch"), the
 * description of a definition-list term taken for a forbidden step, and a package description
 * giving a procedure its host role. Small synthetic guides and sentences.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGuide } from '../src/index.js';
import type { StepGraph } from '../src/ir/types.js';
import { introRoleOf, isManualInstruction } from '../src/nlp/japanese.js';

function parse(lines: readonly string[], dialect: string): Promise<StepGraph> {
  return parseGuide('guide.txt', { bytes: Buffer.from(lines.join('\n'), 'utf8'), dialect });
}

test('"Open vSwitch" (a plug-in list item) is not the imperative "Open"', async () => {
  assert.equal(await isManualInstruction('Open vSwitch'), false);
  assert.equal(await isManualInstruction('Open Virtual Network'), false);
  assert.equal(await isManualInstruction('Open the /etc/hosts file.'), true, 'the verb still is');
  const g = await parse(
    [
      '8.1. ハイパーバイザーの設定',
      '8.1.1. 仮想インターフェース結線の設定 リンクのコピーリンクがクリップボードにコピーされました!',
      'この操作は、以下のプラグインによってサポートされています。',
      '- Linux Bridge',
      '- Open vSwitch',
      '- NEC',
      '汎用ドライバーを使用するには、次のコマンドを実行します。',
      '# openstack-config --set /etc/nova/nova.conf libvirt vif_driver generic',
    ],
    'redhat-scraped',
  );
  const manual = g.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions.filter((a) => a.kind === 'manual')));
  assert.deepEqual(manual, []);
});

/** A scraped definition list of optional services: each term glued onto the paragraph before it. */
const SCRAPED_SERVICES = [
  '8.2. コンピュートノードのインストール',
  '8.2.12. Compute サービスの起動 リンクのコピーリンクがクリップボードにコピーされました!',
  '- Compute サービスを起動します。',
  '# systemctl start openstack-nova-compute.service',
  'Copy to Clipboard Copied! Toggle word wrap Toggle overflow - 環境設定によっては、以下のようなサービスも起動する必要がある場合があります。',
  'openstack-nova-network',
  '- Nova ネットワーキングサービス。OpenStack Networking を使用する場合には、このサービスは起動してはならない点に注意してください。',
  'openstack-nova-objectstore',
  '- Nova オブジェクトストレージサービス。Object Storage サービスの使用が推奨されます。',
  '- この手順は、Compute サービスを実行してはなりません。',
];

test('the description of a definition-list term (scraped page) is no step, forbidden or otherwise', async () => {
  const g = await parse(SCRAPED_SERVICES, 'redhat-scraped');
  const steps = g.procedures.flatMap((p) => p.steps);
  assert.deepEqual(
    steps.filter((s) => /ネットワーキングサービス|オブジェクトストレージ/.test(s.text)).map((s) => s.text),
    [],
    'descriptions are not steps',
  );
  const forbidden = steps.filter((s) => s.forbidden).map((s) => s.source.line);
  assert.deepEqual(forbidden, [10], 'an item after a description is read as a step again');
  assert.ok(steps.some((s) => s.actions.some((a) => a.kind === 'command' && a.run === 'systemctl start openstack-nova-compute.service')));
});

test('introRoleOf: only sentences that say where to work give a role', async () => {
  assert.equal(await introRoleOf('これらのステップは、データベースサーバーに root ユーザーとしてログインして実行する必要があります。'), 'db');
  assert.equal(await introRoleOf('OpenStack Compute API サービスを提供します。環境内で少なくとも 1 台のノード API サービスのインスタンスをホストしている必要があります。'), null);
  assert.equal(await introRoleOf('IP は、Compute API サービスをホストするシステムの IP アドレスまたはホスト名に置き換えます。'), null);
  assert.equal(await introRoleOf('コントローラーノードに MySQL クライアントとサーバーパッケージをインストールします。'), 'controller');
  assert.equal(await introRoleOf('Perform these commands on the controller node.'), 'controller');
  assert.equal(await introRoleOf('On the controller node:'), 'controller');
  assert.equal(await introRoleOf('If your web browser runs on a host that cannot resolve the controller host name, you can replace controller with the IP address of the management interface on your controller node.'), null);
  // A description first, then where to work: the second sentence decides.
  assert.equal(await introRoleOf('Compute コンダクターサービスを提供します。以下のステップは、各コンピュートノードに root ユーザーとしてログインして実行する必要があります。'), 'compute');
});

test('a package description before a procedure does not set its role; the enclosing heading does', async () => {
  const g = await parse(
    [
      '8.4. コンピュートノードのインストール',
      '',
      '8.4.3. Compute Service パッケージのインストール',
      '',
      'OpenStack Compute Services は、以下のパッケージによって提供されます。',
      'openstack-nova-api',
      'OpenStack Compute API サービスを提供します。環境内で少なくとも 1 台のノード API サービスのインスタンスをホストしている必要があります。',
      '上記のパッケージをインストールするには、root ユーザーとしてログインして次のコマンドを実行します。',
      '# yum install -y openstack-nova-api',
      '',
      '8.4.4. データベースの作成',
      '',
      'これらのステップは、データベースサーバーに root ユーザーとしてログインして実行する必要があります。',
      '',
      '手順8.5 データベースの作成',
      '',
      '  1. mysql コマンドでデータベースに接続します。',
      '    # mysql -u root -p',
    ],
    'redhat-text',
  );
  assert.deepEqual(
    g.procedures.map((p) => [p.title, p.role]),
    [
      ['8.4.3. Compute Service パッケージのインストール', 'compute'],
      ['手順8.5 データベースの作成', 'db'],
    ],
  );
});
