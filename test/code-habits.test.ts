/**
 * Writing habits inside code blocks, read by the passes that know them: notes (grammars/base.yaml
 * `codeNotes`, src/extract/code-notes.ts), database here-documents (src/extract/heredoc-sql.ts),
 * settings files known by their keys (`settingsFiles` with a `key`, src/extract/sectionless-files.ts), and
 * lone CRs numbered with their stored line (src/parse/stored-lines.ts). The fixture
 * test/fixtures/markdown-answer-file checks them together, line by line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { withoutCodeNotes } from '../src/extract/code-notes.js';
import { contentToSettings } from '../src/extract/content-to-settings.js';
import { logicalLines } from '../src/extract/code-lines.js';
import { heredocStatements } from '../src/extract/heredoc-sql.js';
import { sectionlessSettings } from '../src/extract/sectionless-files.js';
import { loadGrammar } from '../src/grammar/load-grammar.js';
import { parseGuide } from '../src/index.js';
import type { Block, CodeBlock } from '../src/parse/blocks.js';
import { splitLines } from '../src/parse/normalize.js';
import { renumberBlocks, storedLineNumbers } from '../src/parse/stored-lines.js';
import { FIXTURES_DIR } from './helpers/paths.js';

const g = loadGrammar('generic');

/** A fenced code block of `texts`, its first line at guide line `from`. */
function block(texts: string[], from = 10): CodeBlock {
  return { type: 'code', lines: texts.map((text, i) => ({ text, line: from + i })), line: from, depth: 0, fenced: true };
}

test('codeNotes: every mark of the grammar data compiles and the base marks are inherited by every reading', () => {
  assert.ok(g.codeNotes.trailing.length >= 2 && g.codeNotes.lines.length >= 2 && g.codeNotes.change instanceof RegExp);
  assert.deepEqual(loadGrammar('upstream-markdown').codeNotes.trailing.map(String), g.codeNotes.trailing.map(String));
});

test('withoutCodeNotes: trailing notes cut, note lines dropped, a ↓ drops the line before it, lines keep their numbers', () => {
  const b = block([
    'bind-address = 10.0.0.5          ← 追記(IPアドレス)',
    '[auth]（既存の設定はコメントアウトし、以下を追記）',
    '# sysctl -p',
    '（設定を反映）',
    '(admin認証情報を読み込む)',
    '   ← Enterキーを押す',
    '127.0.0.1   localhost',
    '↓',
    '127.0.0.1   myhost localhost',
    'value = (default)',
  ]);
  const out = withoutCodeNotes(b, g);
  assert.deepEqual(out.lines, [
    { text: 'bind-address = 10.0.0.5', line: 10 },
    { text: '[auth]', line: 11 },
    { text: '# sysctl -p', line: 12 },
    { text: '127.0.0.1   myhost localhost', line: 18 },
    { text: 'value = (default)', line: 19 },
  ]);
  // A block without notes is the same object.
  const plain = block(['# ls', 'file.txt']);
  assert.equal(withoutCodeNotes(plain, g), plain);
});

test('heredocStatements: a client fed a here-document types SQL up to the terminator; other here-documents are left alone', () => {
  const items = heredocStatements(logicalLines(block([
    '# mysql -u root -p << EOF',
    'CREATE DATABASE app;',
    "GRANT ALL ON app.* TO 'app'@'%' \\",
    "  IDENTIFIED BY 'pw';",
    'EOF',
    'Enter password:',
  ]).lines, g, false), g);
  assert.deepEqual(items.map((i) => [i.kind, i.line, 'run' in i ? i.run : 'text' in i ? i.text : '']), [
    ['command', 10, 'mysql -u root -p << EOF'],
    ['sql', 11, 'CREATE DATABASE app;'],
    ['sql', 12, "GRANT ALL ON app.* TO 'app'@'%' IDENTIFIED BY 'pw';"],
    ['output', 15, 'Enter password:'],
  ]);
  const cat = logicalLines(block(['# cat << EOF > /tmp/x', 'a = 1', 'EOF']).lines, g, false);
  assert.equal(heredocStatements(cat, g), cat);
});

test('sectionlessSettings: keys of a known file make its settings, `#` lines are its comments, the file comes from the guide\'s command', () => {
  const settings = block(['#Message Service', "# 'rabbitmq' or 'qpid'", 'CONFIG_AMQP_BACKEND=rabbitmq', '...', 'CONFIG_AMQP_HOST=10.0.0.5'], 30);
  const later = block(['# packstack --answer-file=answers-a.txt'], 50);
  const blocks: Block[] = [settings, later];
  assert.deepEqual(sectionlessSettings(settings, g, blocks, []), [
    { file: 'answers-a.txt', section: 'general', key: 'CONFIG_AMQP_BACKEND', value: 'rabbitmq', line: 32 },
    { file: 'answers-a.txt', section: 'general', key: 'CONFIG_AMQP_HOST', value: '10.0.0.5', line: 34 },
  ]);
  // A file the instruction just named wins; with no command naming one, the rule's default.
  assert.equal(sectionlessSettings(settings, g, blocks, ['/root/answers.txt'])?.[0]?.file, '/root/answers.txt');
  assert.equal(sectionlessSettings(settings, g, [settings], [])?.[0]?.file, g.settingsFiles.find((f) => f.key)!.defaultFile);
  // Any other key, or a command among the settings, and the block is not such a file.
  assert.equal(sectionlessSettings(block(['CONFIG_X=y', 'NAME=eth1']), g, blocks, []), null);
  assert.equal(sectionlessSettings(block(['CONFIG_X=y', 'systemctl restart x']), g, blocks, []), null);
  assert.equal(sectionlessSettings(block(['# yum install x']), g, blocks, []), null);
});

test('storedLineNumbers: a lone CR inside an LF-ended line stays on its stored line; CRLF and CR-only files keep their numbers', () => {
  const text = 'a\n[x]\r...\rk = v\nb\r\nc';
  const split = splitLines(text);
  assert.deepEqual(split, ['a', '[x]', '...', 'k = v', 'b', 'c']);
  assert.deepEqual(storedLineNumbers(text), [1, 2, 2, 2, 3, 4]);
  assert.equal(storedLineNumbers('a\r\nb\r\n'), null);
  assert.equal(storedLineNumbers('a\rb\rc'), null);
  const blocks: Block[] = [{ type: 'heading', depth: 1, text: 'h', line: 5, procedure: false }, block(['[x]', '...', 'k = v'], 2)];
  const renumbered = renumberBlocks(blocks, storedLineNumbers(text)!);
  assert.equal(renumbered[0]!.line, 3);
  assert.deepEqual((renumbered[1] as CodeBlock).lines.map((l) => l.line), [2, 2, 2]);
});

test('fixture markdown-answer-file: answer-file settings, notes and ↓ pairs on their guide lines, in runbook order', async () => {
  const graph = await parseGuide(join(FIXTURES_DIR, 'markdown-answer-file', 'input.md'));
  const acts = graph.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions));
  const show = acts.map((a) => {
    if (a.kind === 'command') return [a.source.line, 'command', a.run];
    if (a.kind === 'ini') return [a.source.line, 'ini', `${a.file} [${a.section}] ${a.key}=${a.value}`];
    if (a.kind === 'file') return [a.source.line, 'file', `${a.file}: ${a.content}`];
    return [a.source.line, a.kind, ''];
  });
  assert.deepEqual(show, [
    [10, 'file', '/etc/sysctl.d/90-sample.conf: net.ipv4.ip_forward = 1'],
    [12, 'command', 'sysctl -p /etc/sysctl.d/90-sample.conf'],
    [23, 'file', '/etc/hosts: 192.168.10.5   pack01 localhost'],
    [31, 'ini', 'answers-pack01.txt [general] CONFIG_GLANCE_INSTALL=y'],
    [32, 'ini', 'answers-pack01.txt [general] CONFIG_SWIFT_INSTALL=n'],
    [40, 'ini', 'answers-pack01.txt [general] CONFIG_AMQP_BACKEND=rabbitmq'],
    [42, 'ini', 'answers-pack01.txt [general] CONFIG_AMQP_HOST=192.168.10.5'],
    [48, 'command', 'packstack --answer-file=answers-pack01.txt'],
    [52, 'command', 'source /root/keystonerc_admin'],
    [54, 'command', 'openstack service list'],
  ]);
  // The answer file's keys are the names it sets, not placeholders.
  assert.deepEqual(graph.placeholders.map((p) => p.name), []);
});

test('contentToSettings: a lower-case option alone on its line is a key with no value, unless a value broke off before it', () => {
  const lines = ['[mysqld]', 'bind-address = 10.0.0.5', 'innodb_file_per_table', '[securitygroup]', 'firewall_driver=neutron.agent.linux.iptables_firewall.', 'OVSHybridIptablesFirewallDriver', 'x=a.', 'wrapped_tail'];
  const settings = contentToSettings(lines.map((text, i) => ({ text, line: i + 1 })), null);
  assert.deepEqual(settings.map((s) => (s.kind === 'ini' ? [s.section, s.key, s.value, s.line] : s.kind)), [
    ['mysqld', 'bind-address', '10.0.0.5', 2],
    ['mysqld', 'innodb_file_per_table', '', 3],
    ['securitygroup', 'firewall_driver', 'neutron.agent.linux.iptables_firewall.', 5],
    ['securitygroup', 'x', 'a.', 7],
  ]);
});
