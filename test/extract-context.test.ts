/**
 * Reading context in the extractor that must not leak or break (bugs the sandbox run found): a
 * snippet split over two code blocks, a file named before a block of commands, sectionless
 * `key=value` snippets for INI files, and command lines a page conversion wrapped. Small
 * synthetic guides in the upstream-markdown dialect.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGuide } from '../src/index.js';
import type { Action, StepGraph } from '../src/ir/types.js';
import { joinWrapped, type LogicalLine } from '../src/extract/code-lines.js';
import { iniFiles, sectionlessToIni } from '../src/extract/sectionless-ini.js';

function parseMd(lines: readonly string[]): Promise<StepGraph> {
  return parseGuide('guide.md', { bytes: Buffer.from(lines.join('\n'), 'utf8'), dialect: 'upstream-markdown' });
}

function allActions(g: StepGraph): Action[] {
  return g.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions));
}

const HEAD = ['# ガイド', '', '## 設定', ''];

test('a snippet split over two code blocks continues in the second block (comments stay comments)', async () => {
  const g = await parseMd([
    ...HEAD,
    '1. /etc/demo/demo.conf を作成します。',
    '',
    '```',
    '[filter:authtoken]',
    'auth_protocol = http',
    '```',
    '',
    '```',
    'auth_host = controller',
    '',
    '# the service tenant and user created in Keystone',
    'admin_user = demo',
    '',
    '[filter:cache]',
    'use = egg:demo#cache',
    '```',
  ]);
  const acts = allActions(g);
  assert.deepEqual(acts.filter((a) => a.kind === 'command'), [], 'no command from the comment');
  const ini = acts.flatMap((a) => (a.kind === 'ini' ? [`${a.file} [${a.section}] ${a.key}=${a.value}`] : []));
  assert.deepEqual(ini, [
    '/etc/demo/demo.conf [filter:authtoken] auth_protocol=http',
    '/etc/demo/demo.conf [filter:authtoken] auth_host=controller',
    '/etc/demo/demo.conf [filter:authtoken] admin_user=demo',
    '/etc/demo/demo.conf [filter:cache] use=egg:demo#cache',
  ]);
});

test('a code block after prose is not taken for the rest of the previous snippet', async () => {
  const g = await parseMd([...HEAD, '1. /etc/demo/demo.conf を作成します。', '', '```', '[DEFAULT]', 'a = 1', '```', '', '2. 次を実行します。', '', '```', '# demo-manage sync', '```']);
  assert.deepEqual(allActions(g).map((a) => a.kind), ['ini', 'command']);
});

test('the file an earlier instruction named is done with once a block of commands has run', async () => {
  const g = await parseMd([
    ...HEAD,
    '1. 必要であれば `/etc/demo/demo.conf` ファイルの `[cache]` セクションに一覧を置きます。',
    '',
    '```',
    'servers = a,b',
    '```',
    '',
    '2. 作業ディレクトリーに移ります。',
    '',
    '```',
    '# cd /etc/demo',
    '```',
    '',
    '3. 各リングに項目を追加します。',
    '',
    '```',
    '# demo-ring add',
    'z1-10.0.0.1:6002/sdb1 100',
    '# demo-ring del',
    'z1-10.0.0.1:6002/sdb1',
    '```',
  ]);
  const acts = allActions(g);
  assert.deepEqual(acts.filter((a) => a.kind === 'file'), [], 'nothing appended to demo.conf');
  assert.deepEqual(
    acts.flatMap((a) => (a.kind === 'command' ? [a.run] : [])),
    ['cd /etc/demo', 'demo-ring add z1-10.0.0.1:6002/sdb1 100', 'demo-ring del z1-10.0.0.1:6002/sdb1'],
  );
});

test('sectionless key=value lines for a file edited with [DEFAULT] elsewhere become [DEFAULT] keys', async () => {
  const g = await parseMd([
    ...HEAD,
    '1. /etc/demo/demo.conf ファイルを編集します。',
    '',
    '```',
    '[DEFAULT]',
    'driver = old',
    '[keystone_authtoken]',
    'auth_host = controller',
    '```',
    '',
    '## 別の設定',
    '',
    '- /etc/demo/demo.conf ファイルを設定します。',
    '',
    '```',
    'driver=new',
    '# a comment',
    'api_class = demo.api',
    '```',
    '',
    '- /etc/other.conf ファイルに追記します。',
    '',
    '```',
    'net.ipv4.ip_forward=1',
    '```',
  ]);
  const acts = allActions(g);
  const ini = acts.flatMap((a) => (a.kind === 'ini' ? [`[${a.section}] ${a.key}=${a.value}@${a.source.line}`] : []));
  assert.deepEqual(ini, ['[DEFAULT] driver=old@9', '[keystone_authtoken] auth_host=controller@11', '[DEFAULT] driver=new@19', '[DEFAULT] api_class=demo.api@21']);
  const files = acts.flatMap((a) => (a.kind === 'file' ? [`${a.file}: ${a.content}`] : []));
  assert.deepEqual(files, ['/etc/other.conf: net.ipv4.ip_forward=1'], 'a file never edited as INI keeps its lines');
});

test('sectionlessToIni: only for known INI files and only for key=value snippets', () => {
  const file = (f: string, content: string): Extract<Action, { kind: 'file' }> => ({ id: 'a-1', kind: 'file', file: f, content, source: { line: 10 }, when: 'X の場合' });
  const known = iniFiles([{ id: 'a-0', kind: 'ini', file: '/etc/a.conf', section: 'DEFAULT', key: 'k', value: 'v', via: 'edit', source: { line: 1 } }, { id: 'a-2', kind: 'ini', file: '/etc/rsyncd.conf', section: 'account', key: 'path', value: '/srv', via: 'edit', source: { line: 2 } }]);
  assert.deepEqual([...known], ['/etc/a.conf']);
  assert.deepEqual(sectionlessToIni(file('/etc/a.conf', 'x=1\n\n# c\ny = two'), known), [
    { kind: 'ini', file: '/etc/a.conf', section: 'DEFAULT', key: 'x', value: '1', via: 'edit', source: { line: 10 }, when: 'X の場合' },
    { kind: 'ini', file: '/etc/a.conf', section: 'DEFAULT', key: 'y', value: 'two', via: 'edit', source: { line: 13 }, when: 'X の場合' },
  ]);
  assert.equal(sectionlessToIni(file('/etc/a.conf', '-l 127.0.0.1'), known), null);
  assert.equal(sectionlessToIni(file('/etc/rsyncd.conf', 'address = 1.2.3.4'), known), null);
  assert.equal(sectionlessToIni(file('/etc/b.conf', 'x=1'), known), null);
  assert.notEqual(sectionlessToIni(file('/etc/b_agent.ini', 'x=1'), iniFiles([file('/etc/b_agent.ini', 'x=1')])), null);
});

test('joinWrapped joins only strictly alternating command / one-line blocks', () => {
  const prompt = { name: 'root', re: /^#\s+/, user: 'root' as const, sql: false };
  const cmd = (run: string, line: number): LogicalLine => ({ kind: 'command', run, line, prompt, open: false });
  const lit = (text: string, line: number): LogicalLine => ({ kind: 'literal', text, line, fenced: false });
  const joined = joinWrapped([cmd('a add', 1), lit('x 1', 2), cmd('b add', 3), lit('y 2', 4)]);
  assert.deepEqual(joined.map((l) => (l.kind === 'command' ? l.run : l.kind)), ['a add x 1', 'b add y 2']);
  const output = [cmd('cat f', 1), lit('line1', 2), lit('line2', 3)];
  assert.equal(joinWrapped(output), output, 'output of several lines is left alone');
  const single = [cmd('file x.img', 1), lit('x.img: QCOW', 2)];
  assert.equal(joinWrapped(single), single, 'one command and one line may be output');
});
