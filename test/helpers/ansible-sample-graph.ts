/**
 * A hand-made step graph shaped like guides/000_309adc3628346781.txt (mysql session, keystone
 * with PASSWORD, yum, openstack-config, an iptables line, su nova, service/chkconfig, a
 * condition, an optional and a forbidden step, a manual step, a check with an expectation),
 * shared by the Ansible and checklist generator tests. A helper, not a test file, so that the
 * files using it do not run test/generate-ansible-graph.test.ts's tests again.
 */
import type { Action, StepGraph } from '../../src/ir/types.js';

/** The sample graph; `hostile` puts Markdown/Jinja/shell metacharacters into guide prose. */
export function sampleGraph(hostile = false): StepGraph {
  const evil = hostile ? ' *bold* _x_ [link](http://e) www.example.com a@b.org <b>|</b> `code` {{ lookup("pipe","id") }} {% if %} $(id)' : '';
  return {
    schemaVersion: 1,
    source: { path: 'guides/000_sample.txt', format: 'text', dialect: 'redhat-text', sha256: 'ab'.repeat(32) },
    title: `8.4. コンピュートノードのインストール${evil}`,
    roles: ['db', 'controller', 'compute'],
    procedures: [
      {
        id: 'p1',
        title: `手順8.5 Compute Service データベースの作成${evil}`,
        role: 'db',
        source: { line: 7 },
        steps: [
          {
            id: 's1',
            text: `mysql コマンドでデータベースに接続します。${evil}`,
            role: 'db',
            when: null,
            source: { line: 9 },
            actions: [
              { id: 'a1', kind: 'command', run: 'mysql -u root -p', user: 'root', verify: false, expect: null, interactive: true, source: { line: 10 } },
            ],
          },
          {
            id: 's2',
            text: 'nova データベースを作成します。',
            role: 'db',
            when: null,
            source: { line: 11 },
            actions: [
              { id: 'a2', kind: 'sql', run: 'CREATE DATABASE nova;', session: 'a1', source: { line: 12 } },
              { id: 'a2b', kind: 'sql', run: 'USE nova;', session: 'a1', source: { line: 12 } },
            ],
          },
          {
            id: 's3',
            text: 'nova データベースユーザーを作成し、nova データベースへのアクセスを許可します。',
            role: 'db',
            when: null,
            source: { line: 13 },
            actions: [
              { id: 'a3', kind: 'sql', run: "GRANT ALL ON nova.* TO 'nova'@'%' IDENTIFIED BY 'PASSWORD';", session: 'a1', source: { line: 14 } },
              { id: 'a4', kind: 'sql', run: "GRANT ALL ON nova.* TO 'nova'@'localhost' IDENTIFIED BY 'PASSWORD';", session: 'a1', source: { line: 15 } },
            ],
          },
        ],
      },
      {
        id: 'p2',
        title: '手順8.6 Compute Service の認証の設定',
        role: 'controller',
        source: { line: 40 },
        steps: [
          {
            id: 's4',
            text: 'keystonerc_admin ファイルをソースに指定します。',
            role: 'controller',
            when: null,
            source: { line: 42 },
            actions: [
              { id: 'a5', kind: 'command', run: 'source ~/keystonerc_admin', user: 'root', verify: false, expect: null, source: { line: 43 } },
            ],
          },
          {
            id: 's5',
            text: 'compute という名前のユーザーを作成します。',
            role: 'controller',
            when: null,
            source: { line: 44 },
            actions: [
              { id: 'a6', kind: 'command', run: 'keystone user-create --name compute --pass PASSWORD', user: 'root', verify: false, expect: null, source: { line: 45 } },
            ],
          },
          {
            id: 's6',
            text: 'compute エンドポイントエントリを作成します。',
            role: 'controller',
            when: null,
            source: { line: 69 },
            actions: [
              {
                id: 'a7',
                kind: 'command',
                run: 'keystone endpoint-create --service compute --publicurl "http://IP:8774/v2/\\$(tenant_id)s"',
                user: 'root',
                verify: false,
                expect: null,
                source: { line: 70 },
              },
            ],
          },
        ],
      },
      {
        id: 'p3',
        title: '8.4.3. Compute Service パッケージのインストール',
        role: 'compute',
        source: { line: 90 },
        steps: [
          {
            id: 's7',
            text: 'パッケージをインストールします。',
            role: 'compute',
            when: null,
            source: { line: 91 },
            actions: [
              { id: 'a8', kind: 'command', run: 'yum install -y openstack-nova-api openstack-nova-compute', user: 'root', verify: false, expect: null, source: { line: 91 } },
            ],
          },
          {
            id: 's8',
            text: 'データベース接続文字列を設定します。',
            role: 'compute',
            when: null,
            source: { line: 154 },
            actions: [
              { id: 'a9', kind: 'ini', file: '/etc/nova/nova.conf', section: 'DEFAULT', key: 'sql_connection', value: 'mysql://nova:PASSWORD@IP/nova', via: 'openstack-config', source: { line: 155 } },
              { id: 'a10', kind: 'ini', file: '/etc/nova/nova.conf', section: 'DEFAULT', key: 'use_syslog', value: 'yes', via: 'openstack-config', source: { line: 156 } },
            ],
          },
          {
            id: 's9',
            text: `/etc/libvirt/qemu.conf ファイルに以下の内容を追記します。${evil}`,
            role: 'compute',
            when: `Linux Bridge を使用する場合${evil}`,
            source: { line: 277 },
            actions: [
              { id: 'a11', kind: 'file', file: '/etc/libvirt/qemu.conf', content: 'user = "root"\ngroup = "root"\ncgroup_device_acl = [\n  "/dev/null", "/dev/full"\n]', source: { line: 278 } },
            ],
          },
          {
            id: 's10',
            text: 'INPUT ルールを追加します。',
            role: 'compute',
            when: 'Red Hat Enterprise Linux 6 ベースのシステムの場合',
            source: { line: 295 },
            actions: [
              { id: 'a12', kind: 'file', file: '/etc/sysconfig/iptables', content: '-A INPUT -p tcp -m multiport --dports 5900:5999 -j ACCEPT', source: { line: 296 } },
              { id: 'a13', kind: 'command', run: 'service iptables restart', user: 'root', verify: false, expect: null, source: { line: 300 } },
            ],
          },
          {
            id: 's11',
            text: 'ハードウェア仮想化のサポートを確認します。',
            role: 'compute',
            when: null,
            source: { line: 310 },
            actions: [
              { id: 'a14', kind: 'command', run: "egrep -c '(vmx|svm)' /proc/cpuinfo", user: 'root', verify: true, expect: '1以上の数を返すこと', source: { line: 311 } },
            ],
          },
          {
            id: 's12',
            text: 'openstack-nova-conductor サービスのインスタンスをホストしているシステムにログインします。',
            role: 'compute',
            when: null,
            source: { line: 320 },
            actions: [{ id: 'a15', kind: 'manual', text: 'openstack-nova-conductor サービスのインスタンスをホストしているシステムにログインします。', source: { line: 320 } }],
          },
          {
            id: 's13',
            text: 'su コマンドで nova ユーザーに切り替えます。',
            role: 'compute',
            when: null,
            source: { line: 321 },
            actions: [
              { id: 'a16', kind: 'command', run: 'su nova -s /bin/sh', user: 'root', verify: false, expect: null, interactive: true, source: { line: 322 } },
            ],
          },
          {
            id: 's14',
            text: 'nova-manage db sync コマンドを実行します。',
            role: 'compute',
            when: null,
            source: { line: 323 },
            actions: [
              { id: 'a17', kind: 'command', run: 'nova-manage db sync', user: 'nova', verify: false, expect: null, source: { line: 324 } },
            ],
          },
          {
            id: 's15',
            text: 'サービスを起動し、永続的に有効にします。',
            role: 'compute',
            when: null,
            source: { line: 334 },
            actions: [
              { id: 'a18', kind: 'command', run: 'service messagebus start', user: 'root', verify: false, expect: null, source: { line: 335 } },
              { id: 'a19', kind: 'command', run: 'chkconfig messagebus on', user: 'root', verify: false, expect: null, source: { line: 337 } },
              { id: 'a20', kind: 'command', run: 'systemctl enable --now libvirtd.service openstack-nova-compute.service', user: 'root', verify: false, expect: null, source: { line: 338 } },
            ],
          },
          {
            id: 's16',
            text: 'オプションのサービスを起動します。',
            role: 'compute',
            when: null,
            optional: true,
            source: { line: 374 },
            actions: [
              { id: 'a21', kind: 'command', run: 'service openstack-nova-cert start', user: 'root', verify: false, expect: null, source: { line: 375 } },
            ],
          },
          {
            id: 's17',
            text: 'nova-network サービスは起動してはなりません。',
            role: 'compute',
            when: null,
            forbidden: true,
            source: { line: 384 },
            actions: [
              { id: 'a22', kind: 'command', run: 'service openstack-nova-network start', user: 'root', verify: false, expect: null, source: { line: 385 } },
            ],
          },
        ],
      },
    ],
    placeholders: [
      { name: 'PASSWORD', description: 'セキュアなパスワード', secret: true, source: { line: 16 }, variable: 'PASSWORD', scope: null },
      { name: 'IP', description: 'コンピュートノードの IP アドレス', secret: false, source: { line: 75 }, variable: 'IP', scope: null },
    ],
    literals: [
      { value: 'controller01', kind: 'host', source: { line: 12 } },
      { value: 'db01.example.org', kind: 'host', source: { line: 13 } },
    ],
    missing: [{ text: 'compute ユーザーを作成します。', source: { line: 88 } }],
    messages: [],
  };
}

/** Every action of a graph. */
export function allActions(graph: StepGraph): Action[] {
  return graph.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions));
}
