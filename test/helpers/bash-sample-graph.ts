/**
 * A hand-made step graph for the bash generator tests: `bashSampleGraph()` is shaped like
 * guides/000_309adc3628346781.txt (a mysql session with PASSWORD in SQL strings, keystone with
 * PASSWORD/IP, openstack-config ini settings, an iptables file line, `su nova -s /bin/sh`, a
 * check with an expectation, conditional, optional, forbidden and manual steps, USER/PATH
 * placeholders that must not clobber the shell's own variables). A helper, not a test file, so
 * that the files using it do not run test/generate-bash-graph.test.ts's tests again.
 */
import type { Action, Placeholder, StepGraph } from '../../src/ir/types.js';

/** A placeholder with `scope: null`. */
export function ph(name: string, variable: string, line: number, secret = false, description: string | null = null): Placeholder {
  return { name, variable, description, secret, source: { line }, scope: null };
}

/** The sample graph (see the module comment). */
export function bashSampleGraph(): StepGraph {
  return {
    schemaVersion: 1,
    source: { path: 'guides/000_sample.txt', format: 'text', dialect: 'redhat-text', sha256: 'cd'.repeat(32) },
    title: '8.4. コンピュートノードのインストール',
    roles: ['db', 'controller', 'compute'],
    procedures: [
      {
        id: 'p1', title: '手順8.5 Compute Service データベースの作成', role: 'db', source: { line: 7 },
        steps: [
          { id: 's1', text: 'mysql コマンドでデータベースに接続します。', role: 'db', when: null, source: { line: 9 },
            actions: [{ id: 'a1', kind: 'command', run: 'mysql -u root -p', user: 'root', verify: false, expect: null, interactive: true, source: { line: 10 } }] },
          { id: 's2', text: 'nova データベースを作成します。', role: 'db', when: null, source: { line: 11 },
            actions: [{ id: 'a2', kind: 'sql', run: 'CREATE DATABASE nova;', session: 'a1', source: { line: 12 } }] },
          { id: 's3', text: 'nova データベースユーザーを作成します。', role: 'db', when: null, source: { line: 13 },
            actions: [
              { id: 'a3', kind: 'sql', run: "GRANT ALL ON nova.* TO 'nova'@'%' IDENTIFIED BY 'PASSWORD';", session: 'a1', source: { line: 14 } },
              { id: 'a4', kind: 'sql', run: "GRANT ALL ON nova.* TO 'nova'@'localhost' IDENTIFIED BY 'PASSWORD';", session: 'a1', source: { line: 15 } },
            ] },
          { id: 's4', text: 'mysql クライアントを終了します。', role: 'db', when: null, source: { line: 19 },
            actions: [{ id: 'a5', kind: 'sql', run: 'quit', session: 'a1', source: { line: 20 } }] },
        ],
      },
      {
        id: 'p2', title: '手順8.6 Compute Service の認証の設定', role: 'controller', source: { line: 30 },
        steps: [
          { id: 's5', text: 'compute ユーザーを作成します。', role: null, when: null, source: { line: 32 },
            actions: [
              { id: 'a6', kind: 'command', run: 'keystone user-create --name compute --pass PASSWORD', user: 'root', verify: false, expect: null, source: { line: 33 } },
              { id: 'a7', kind: 'command', run: 'keystone endpoint-create --service compute --publicurl "http://IP:8774/v2/\\$(tenant_id)s"', user: 'root', verify: false, expect: null, source: { line: 40 } },
            ] },
          { id: 's6', text: 'nova.conf を設定します。', role: null, when: null, source: { line: 47 },
            actions: [
              { id: 'a8', kind: 'ini', file: '/etc/nova/nova.conf', section: 'database', key: 'connection', value: 'mysql://nova:PASSWORD@IP/nova', via: 'openstack-config', source: { line: 48 } },
              { id: 'a9', kind: 'ini', file: '/etc/nova/nova.conf', section: 'DEFAULT', key: 'auth_strategy', value: 'keystone', via: 'openstack-config', source: { line: 49 } },
            ] },
        ],
      },
      {
        id: 'p3', title: '手順8.7 ファイアウォールとデータベース', role: 'compute', source: { line: 290 },
        steps: [
          { id: 's7', text: 'テキストエディターで /etc/sysconfig/iptables ファイルを開きます。', role: null, when: 'Red Hat Enterprise Linux 6 ベースのシステムの場合', source: { line: 294 },
            actions: [
              { id: 'a10', kind: 'manual', text: 'テキストエディターで /etc/sysconfig/iptables ファイルを開きます。', when: 'Red Hat Enterprise Linux 6 ベースのシステムの場合', source: { line: 294 } },
              { id: 'a11', kind: 'file', file: '/etc/sysconfig/iptables', content: '-A INPUT -p tcp -m multiport --dports 5900:5999 -j ACCEPT', when: 'Red Hat Enterprise Linux 6 ベースのシステムの場合', source: { line: 296 } },
            ] },
          { id: 's8', text: 'nova ユーザーに切り替えてデータベースを同期します。', role: null, when: null, source: { line: 320 },
            actions: [
              { id: 'a12', kind: 'command', run: 'su nova -s /bin/sh', user: 'root', verify: false, expect: null, interactive: true, source: { line: 322 } },
              { id: 'a13', kind: 'command', run: 'nova-manage db sync --user USER', user: 'nova', verify: false, expect: null, source: { line: 324 } },
            ] },
          { id: 's9', text: 'CPU の仮想化支援を確認します。', role: null, when: null, source: { line: 640 },
            actions: [{ id: 'a14', kind: 'command', run: "egrep -c '(vmx|svm)' /proc/cpuinfo", user: 'root', verify: true, expect: '1以上の数を返すこと', source: { line: 640 } }] },
          { id: 's10', text: 'オプションで VNC を設定します。', role: null, when: null, optional: true, source: { line: 650 },
            actions: [{ id: 'a15', kind: 'ini', file: '/etc/nova/nova.conf', section: 'DEFAULT', key: 'vnc_enabled', value: 'True', via: 'openstack-config', source: { line: 651 } }] },
          { id: 's11', text: 'NetworkManager を使用してはなりません。', role: null, when: null, forbidden: true, source: { line: 660 },
            actions: [{ id: 'a16', kind: 'command', run: 'service NetworkManager start', user: 'root', verify: false, expect: null, source: { line: 661 } }] },
          { id: 's12', text: 'PATH を表示します。', role: null, when: null, source: { line: 670 },
            actions: [{ id: 'a17', kind: 'command', run: 'echo PATH', user: 'user', verify: false, expect: null, source: { line: 671 } }] },
        ],
      },
    ],
    placeholders: [
      ph('PASSWORD', 'PASSWORD', 17, true, 'このユーザーとしてデータベースサーバーとの認証を行う際に使用するセキュアなパスワード'),
      ph('IP', 'IP', 76, false, 'コンピュートノードとして機能するシステムの IP アドレスまたはホスト名'),
      ph('USER', 'USER', 324, false, 'ユーザー名'),
      ph('PATH', 'PATH', 671, false, null),
    ],
    literals: [],
    missing: [],
    messages: [],
  };
}

/** Every action of a graph, in order. */
export function allActions(graph: StepGraph): Action[] {
  return graph.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions));
}
