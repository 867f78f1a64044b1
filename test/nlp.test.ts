/**
 * src/nlp over real sentences copied from guides/ (file:line in each case): placeholder
 * definitions, secrets, roles, conditions, modality, expectations and manual steps, each with
 * positive and negative cases; plus the masking tokenizer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  conditionOf,
  expectationOf,
  isManualInstruction,
  isSecretName,
  modalityOf,
  placeholderDefinitions,
  roleOf,
  tokenize,
} from '../src/nlp/japanese.js';
import { maskCode, maskSymbol } from '../src/nlp/mask.js';

type Case<T> = [string, T];

async function each<T>(cases: Array<Case<T>>, fn: (text: string) => Promise<T>): Promise<void> {
  for (const [text, expected] of cases) assert.deepEqual(await fn(text), expected, text);
}

test('masking keeps identifiers, paths and URLs whole and can be undone', () => {
  const m = maskCode('NOVA_DBPASS を /etc/nova/nova.conf と http://controller:5000/v2.0 で。');
  assert.deepEqual(
    m.spans.map((s) => s.original),
    ['NOVA_DBPASS', '/etc/nova/nova.conf', 'http://controller:5000/v2.0'],
  );
  assert.equal(m.text, 'XMSKA を XMSKB と XMSKC で。');
  assert.equal(maskSymbol(25), 'XMSKZ');
  assert.equal(maskSymbol(26), 'XMSKAA');
  // A sentence-final stop is not part of a path.
  assert.deepEqual(maskCode('編集します: /etc/hosts.').spans.map((s) => s.original), ['/etc/hosts']);
});

test('tokens map back to the original text and never split a masked identifier', async () => {
  const text = 'NOVA_DBPASS をデータベース用の適切なパスワードで置き換えます。';
  const tokens = await tokenize(text);
  assert.equal(tokens[0]?.surface, 'NOVA_DBPASS');
  assert.equal(tokens[0]?.masked, true);
  assert.ok(tokens.some((t) => t.basic === '置き換える'));
  const pieces = ['NOVA_DBPASS', '/etc/nova/nova.conf', 'を', 'に置き換えます', 'データベース', ' ', '、', 'nova.conf', 'パスワード'];
  await fc.assert(
    fc.asyncProperty(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 8 }), async (parts) => {
      const s = parts.join('');
      const toks = await tokenize(s);
      let last = 0;
      for (const t of toks) {
        assert.equal(s.slice(t.start, t.end), t.surface);
        assert.ok(t.start >= last);
        last = t.end;
      }
      assert.equal(toks.map((t) => t.surface).join(''), s.replace(/\s+/gu, ''));
      for (const id of ['NOVA_DBPASS', '/etc/nova/nova.conf']) {
        if (s.includes(` ${id} `) || s.startsWith(`${id} `)) assert.ok(toks.some((t) => t.surface.includes(id)), id);
      }
    }),
    { numRuns: 60 },
  );
});

test('placeholderDefinitions reads the Japanese forms of every dialect', async () => {
  await each(
    [
      // 000:16
      [
        'PASSWORD は、このユーザーとしてデータベースサーバーとの認証を行う際に使用するセキュアなパスワードに置き換えます。',
        [{ name: 'PASSWORD', description: 'このユーザーとしてデータベースサーバーとの認証を行う際に使用するセキュアなパスワード' }],
      ],
      // 000:190: two names, one description
      [
        'nova および NOVA_PASS は、「RabbitMQ メッセージブローカーのインストールと設定」の手順で Compute 用に作成した RabbitMQ のユーザー名とパスワードに置き換えます。',
        ['nova', 'NOVA_PASS'].map((name) => ({
          name,
          description: '「RabbitMQ メッセージブローカーのインストールと設定」の手順で Compute 用に作成した RabbitMQ のユーザー名とパスワード',
        })),
      ],
      // 001:66-68, scraped across lines
      [
        '以下の値を置き換えてください。- USER は、Compute サービスのデータベースのユーザー名 (通常は\nnova\n) に置き換えてください。 - PASS は選択したデータベースユーザーのパスワードに置き換えます。',
        [
          { name: 'USER', description: 'Compute サービスのデータベースのユーザー名 (通常は nova)' },
          { name: 'PASS', description: '選択したデータベースユーザーのパスワード' },
        ],
      ],
      // 000:157, list item after 以下を置き換えます。
      ['• USER: Compute Service が使用するデータベースユーザー名(通常は nova', [{ name: 'USER', description: 'Compute Service が使用するデータベースユーザー名(通常は nova' }]],
      // 003:2986, Markdown escape undone, description before で
      [
        '/etc/neutron/neutron.conf ファイルを編集し、以下のキーを [database] セクションに追加します。Neutron データベース用に選択したパスワードで NEUTRON\\_PASS を置き換えます。',
        [{ name: 'NEUTRON_PASS', description: 'Neutron データベース用に選択したパスワード' }],
      ],
      // 003:1411: the adverbial 各コマンドに対して、 is not part of the description
      [
        '各コマンドに対して、nova のように、インストールするクライアントの小文字の名前で PROJECT を置き換えます。',
        [{ name: 'PROJECT', description: 'nova のように、インストールするクライアントの小文字の名前' }],
      ],
      // 003:1064
      ['KEYSTONE\\_DBPASS をデータベースのユーザーの適切なパスワードで置き換えます。', [{ name: 'KEYSTONE_DBPASS', description: 'データベースのユーザーの適切なパスワード' }]],
      // 003:1170: two clauses
      [
        '`ADMIN_PASS` を安全なパスワードに置き換え、`ADMIN_EMAIL` をこのアカウントに関連付ける電子メールアドレスに置き換えます。',
        [
          { name: 'ADMIN_PASS', description: '安全なパスワード' },
          { name: 'ADMIN_EMAIL', description: 'このアカウントに関連付ける電子メールアドレス' },
        ],
      ],
      // 001:206 and 001:211 (paths; the trailing reference is dropped)
      ['/path/to/client.crt はエクスポートされたクライアント証明書の絶対パスに置き換えます。', [{ name: '/path/to/client.crt', description: 'エクスポートされたクライアント証明書の絶対パス' }]],
      [
        '/path/to/ca.crt は、サードパーティー CA によって提供された CA ファイルの絶対パスに置き換えます (詳細は 「RabbitMQ メッセージブローカーでの SSL の有効化」 を参照)。',
        [{ name: '/path/to/ca.crt', description: 'サードパーティー CA によって提供された CA ファイルの絶対パス' }],
      ],
      // 003:1517
      ['ここで password はお使いのパスワードです。', [{ name: 'password', description: 'お使いのパスワード' }]],
    ],
    placeholderDefinitions,
  );
});

test('placeholderDefinitions reads English sentences and table rows', async () => {
  await each(
    [
      // 003:2302: two names in one sentence
      [
        'Replace `SERVICE_TENANT_ID` with the service tenant identifier (id) in the Identity service and `NOVA_PASS` with the password you chose for the nova user in the Identity service.',
        [
          { name: 'SERVICE_TENANT_ID', description: 'the service tenant identifier (id) in the Identity service' },
          { name: 'NOVA_PASS', description: 'the password you chose for the nova user in the Identity service' },
        ],
      ],
      // 003:2210
      [
        'Replace NEUTRON\\_PASS with a suitable password and neutron@example.com with a suitable e-mail address.',
        [
          { name: 'NEUTRON_PASS', description: 'a suitable password' },
          { name: 'neutron@example.com', description: 'a suitable e-mail address' },
        ],
      ],
      // 003:4204, verb in the middle of the sentence
      [
        'In the `/etc/cinder/cinder.conf` file, add this key in the `[database]` section and replace `CINDER_DBPASS` with the password for the Block Storage database that you will create in a later step:',
        [{ name: 'CINDER_DBPASS', description: 'the password for the Block Storage database that you will create in a later step' }],
      ],
      // 003:859 (tab-separated), the same row written as a Markdown table, 003:1698 (spaces)
      ['RABBIT_PASS\tPassword of user guest of RabbitMQ', [{ name: 'RABBIT_PASS', description: 'Password of user guest of RabbitMQ' }]],
      ['| RABBIT_PASS | Password of user guest of RabbitMQ |', [{ name: 'RABBIT_PASS', description: 'Password of user guest of RabbitMQ' }]],
      ['imageLabel            任意のラベル。ユーザーがイメージを参照する名前。', [{ name: 'imageLabel', description: '任意のラベル。ユーザーがイメージを参照する名前。' }]],
    ],
    placeholderDefinitions,
  );
});

test('placeholderDefinitions finds nothing in sentences that define no placeholder', async () => {
  await each(
    [
      ['このバージョンのガイドはすべての旧バージョンを置き換え、廃止します。', []], // 003:175
      ['いくつかのリソースはすぐに更新され、他のものは新しいリソースで置き換えられます。', []], // 003:5288
      ['enabled_ssl_apis | SSL を有効にする API の一覧 |', []], // 001:155, option table
      ['Password name\tDescription', []], // 003:856, table header
      ['ID\tName\tStatus\tServer', []], // 003:1985, output table header
      ['| ID | Name | Status | Task State | Power State | Networks |', []], // 003:5883
      ['vnc_enabled: デフォルトは true', []], // 004:41
      ['IP address: 10.0.0.11', []], // 003:382
      ['NOTE: Reconfiguring network interfaces will interrupt network connectivity.', []],
      ['Compute をデータベースの位置とクレデンシャルで設定します。', []], // 003:1868
    ],
    placeholderDefinitions,
  );
});

test('isSecretName: passwords, secrets and tokens by name or by the head of the description', () => {
  const cases: Array<[string, string | null, boolean]> = [
    ['PASSWORD', null, true],
    ['NOVA_DBPASS', null, true],
    ['METADATA_SECRET', 'メタデータプロキシーが通信のセキュリティー保護に使用する文字列', true],
    ['ADMIN_TOKEN', 'コマンドの結果', true],
    ['PASS', '選択したデータベースユーザーのパスワード', true],
    ['password', 'お使いのパスワード', true],
    ['NEUTRON_DBPASS', 'a suitable password', true],
    ['IP', 'コンピュートノードとして機能するシステムの IP アドレスまたはホスト名', false],
    ['USER', 'Compute Service が使用するデータベースユーザー名(通常は nova', false],
    ['ADMIN_EMAIL', 'このアカウントに関連付ける電子メールアドレス', false],
    ['RABBITMQ_HOST', 'メッセージブローカーの IP アドレスまたはホスト名', false],
    ['nova', 'Compute サービス用に作成したRabbitMQ ユーザー名とパスワード', false],
    ['/path/to/clientkeyfile.key', 'エクスポートされたキーファイルの絶対パス', false],
    ['SERVICE_TENANT_ID', 'the service tenant identifier (id) in the Identity service', false],
    ['services', 'Compute サービスを使用するために作成したテナントの名前', false],
    ['GLANCE_DBPASS', 'お使いの Image Service データベースのパスワード', true],
  ];
  for (const [name, description, secret] of cases) assert.equal(isSecretName(name, description), secret, name);
});

test('roleOf: the place a sentence or title assigns', async () => {
  await each<string | null>(
    [
      ['これらのステップは、データベースサーバーに root ユーザーとしてログインして実行する必要があります。', 'db'], // 000:5
      ['以下の手順に記載するステップはすべて、Compute Service をホストする各システムに root ユーザーとしてログインして実行する必要があります。', 'compute'], // 000:123
      ['Compute コントローラーノードに root でログインします。', 'controller'], // 000:174
      ['以下の手順は、コンダクターサービスをホストするノードで実行してください。', 'controller'], // 000:148
      ['openstack-nova-conductor サービスのインスタンスをホストしているシステムにログインします。', 'controller'], // 000:320
      ['仮想マシンインスタンスをホストする予定の全システムで Compute Service を起動します。', 'compute'], // 000:369
      ['以下の手順に記載する全ステップは、コンピュートコントローラーサービスおよびコンピュートノードをホストするシステムに root ユーザーとしてログインして実行する必要があります。', 'all'], // 001:177
      [
        '以下の手順は、お使いの Identity Service ホストまたは keystonerc_admin ファイル (管理者の認証情報が含まれている) をコピーして keystone コマンドラインユーティリティをインストールした任意のマシンで実行することができます。',
        'controller',
      ], // 000:35
      ['パッケージのインストール (コンピュートノード)', 'compute'], // 002:484
      ['コンピュータノード', 'compute'], // 003:466
      ['ネットワークノード', 'network'], // 003:409
      ['Compute コントローラーサービスのインストール', 'controller'], // 005:41
      ['これには、移行先/移行元の両ノードで以下のコマンドを実行して ユーザーフレンドリーな名前 を無効にし、multipathd を再起動する必要があります。', 'compute'], // 004:74
      ['From the network node, ping the management interface on the controller node:', 'network'], // 003:566
      ['Install the ntp package on each system running OpenStack services:', 'all'], // 003:833
    ],
    roleOf,
  );
});

test('roleOf: a role noun that is a subject, a modifier or negated assigns nothing', async () => {
  await each<string | null>(
    [
      ['コンダクターは、コンピュートノードがデータベースに直接アクセスする必要性を最小限に抑えたり、排除したりします。', null], // 000:361
      ['このサービスは、すべてのコンピュートノードでは実行しないことを推奨している点に注意してください。', null], // 000:362
      ['[DEFAULT] セクションで、コントローラーノードの管理インターフェースの IP アドレスを使用するように my_ip オプションを設定', null], // 002:220
      ['ノードのセットアップ', null], // 003 heading
      ['mysql コマンドでデータベースに接続します。', null], // 000:9
      ['Additional compute nodes should use 10.0.0.32, 10.0.0.33, and so on.', null], // 003:482
    ],
    roleOf,
  );
});

test('conditionOf: the clause ending in 場合/のみ/際, a bracketed condition, a host scope, English', async () => {
  await each<string | null>(
    [
      ['Linux Bridge を使用する場合には、/etc/libvirt/qemu.conf ファイルに以下の内容を追記して、仮想マシンが適切に起動するようにする必要があります。', 'Linux Bridge を使用する場合'], // 000:277
      ['手順8.11 Compute Service のトラフィックを許可するためのファイアウォール設定 (Red Hat Enterprise Linux 6 ベースのシステムの場合)', 'Red Hat Enterprise Linux 6 ベースのシステムの場合'], // 000:292
      ['上記コマンドで0を返した場合のみ以下を実施、*1以上の場合は実施しない*', '上記コマンドで0を返した場合のみ'], // 002:597
      ['API のインスタンスをホストする各システムで API サービスを起動します。', 'API のインスタンスをホストする各システムで'], // 000:347
      ['同様に、openstack-nova-xvpvncproxy サービスを使用する場合には、以下の新しい行を同じ場所に追加して、TCP ポート 6081 のトラフィックを有効にします。', 'openstack-nova-xvpvncproxy サービスを使用する場合'], // 004:31
      ['8. Compute をテスト目的で仮想マシンにインストールする場合、ハイパーバイザーと CPU がネストハードウェア支援をサポートするかどうかを確認する必要があります。', 'Compute をテスト目的で仮想マシンにインストールする場合'], // 003:2091
      ['上記コマンドで0を返し、リトライしてもそれでも0だった場合は、以下を実施', '上記コマンドで0を返し、リトライしてもそれでも0だった場合'],
      ['If you choose to install on VMs, make sure your hypervisor permits promiscuous mode on the external network.', 'If you choose to install on VMs'], // 003:345
      ['Optionally, you can generate random passwords with the pwgen program.', 'Optionally, you can generate random passwords with the pwgen program'], // 003:845
    ],
    conditionOf,
  );
});

test('conditionOf: no condition in statements, possibilities and role sentences', async () => {
  await each<string | null>(
    [
      ['OpenStack Networking Service の使用中に間違えて nova-network プロセスを実行すると、問題が発生する場合があります。', null], // 000:221
      ['以下の手順は、コンダクターサービスをホストするノードで実行してください。', null], // 000:148
      ['Compute Service をホストする各システムに root ユーザーとしてログインして実行する必要があります。', null], // 000:123
      ['mysql コマンドでデータベースに接続します。', null],
      ['When you run OpenStack client commands, you can override some environment variable settings.', null],
    ],
    conditionOf,
  );
});

test('modalityOf: optional, forbidden and discouraged marks', async () => {
  const none = { optional: false, forbidden: false, discouraged: false };
  await each(
    [
      ['(オプション) トラブルシューティングしやすくするために、冗長ロギングを [DEFAULT] セクションで有効化', { optional: true, forbidden: false, discouraged: false }], // 002:227
      ['オプションのサービスの起動', { optional: true, forbidden: false, discouraged: false }], // 000:374
      ['Nova のみのデプロイメントとは異なり、OpenStack Networking を使用している場合には、nova-network サービスは実行してはなりません。', { optional: false, forbidden: true, discouraged: false }], // 000:216
      ['このサービスは、すべてのコンピュートノードでは実行しないことを推奨している点に注意してください。', { optional: false, forbidden: false, discouraged: true }], // 000:362
      ['しかしながら、一般的な設定作業ではこれらのファイルを編集しないでください。', { optional: false, forbidden: true, discouraged: false }], // 005:64
      ['4. ここで `user-role-add` オプションを使用して、`admin` ユーザー、`admin` ロール、`admin` プロジェクトをリンクする必要があります。', none], // 003:1184
      ['/etc/nova/nova.conf ファイルには、次のような VNC オプションがあります。', none], // 004:40
      ['imageLabel 任意のラベル。ユーザーがイメージを参照する名前。', none], // 003:1698
      ['上記コマンドで0を返した場合のみ以下を実施、*1以上の場合は実施しない*', none], // 002:597
    ],
    modalityOf,
  );
});

test('expectationOf: what a check should return', async () => {
  await each<string | null>(
    [
      ['# <1以上の数を返すこと>', '1以上の数を返すこと'], // 002:580
      ["compute01 にて `egrep -c '(vmx|svm)' /proc/cpuinfo` が`1以上`を返すかリトライ", '1以上を返すこと'], // 002:606
      ['応答で、ユーザー ID とペアになったトークンを受け取ります。', 'ユーザー ID とペアになったトークンを受け取ること'], // 003:1301
      ['コマンドはトークンと指定されたプロジェクトの ID を返します。これにより、環境変数が正しく設定されていることを確認します。', 'トークンと指定されたプロジェクトの ID を返すこと'], // 003:1334
      ['イメージファイルの形式が表示されます。', 'イメージファイルの形式が表示されること'],
      ['両方のノードの IP アドレスとホスト名が各システムの `/etc/hosts` にあることを確認します。', null], // 003:2002, an instruction
      ['このドライバーは、必要な仮想インターフェースバインディングの種別を返すことが可能な OpenStack Networking に依存しています。', null], // 000:261
      ['OpenStack Compute API サービスを提供します。', null], // 000:81
    ],
    expectationOf,
  );
});

test('isManualInstruction: steps done by hand', async () => {
  await each(
    [
      ['テキストエディターで /etc/sysconfig/iptables ファイルを開きます。', true], // 000:294
      ['/etc/sysconfig/iptables ファイルへの変更を保存します。', true], // 000:298
      ['Compute コントローラーノードに root でログインします。', true], // 000:174
      ['ESXiホスト、compute01 の`再起動` (勿論、controller01も同じく再起動となる)', true], // 002:605
      ['[keystone_authtoken]セクションにある他のオプションがあれば、コメントアウトまたは削除する', true], // 002:255
      ['api_paste_config=/etc/nova/api-paste.ini オプションが /etc/nova/nova.conf ファイルに設定されていることを確認します。', true], // 005:72
      ['ファイルを保存してエディターを終了します。', true], // 004:30
      ['You must remove or comment the line beginning with 127.0.1.1.', true], // 003:407
      ['Configure the management interface:', true], // 003:380
      ['mysql コマンドでデータベースに接続します。', false], // 000:9
      ['iptables サービスを再起動して、変更を有効にします。', false], // 000:299, a command follows
      ['新規ルールは、トラフィックを REJECT する INPUT ルールよりも前に記載する必要があります。', false], // 000:297
      ['Compute データベースが作成されました。', false], // 000:21
      ['Edit the /etc/hosts file to contain the following:', false], // 003:390, content follows
    ],
    isManualInstruction,
  );
});
