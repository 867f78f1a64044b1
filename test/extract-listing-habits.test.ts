/**
 * The extraction rules for habits of guides written as bare listings (first seen in an AsciiDoc
 * guide, stated for any format): Japanese `#` comments in a listing without prompts, `sudo`
 * beside root commands, files named by a directory and a name or by a bare name, INI sections
 * named in prose, settings changed in prose, names to choose in commands, and the lexicon data
 * these read (manual verbs, setting-change patterns).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadGrammar } from '../src/grammar/load-grammar.js';
import type { Action, CommandAction, IniAction } from '../src/ir/types.js';
import { isManualInstruction, loadLexicon } from '../src/nlp/japanese.js';
import type { CodeBlock } from '../src/parse/blocks.js';
import { bareCommandUser } from '../src/extract/bare-command-user.js';
import { FileMentions } from '../src/extract/file-mentions.js';
import { commentedListingParts, isCommentedBareListing } from '../src/extract/listing-comments.js';
import { findNamePlaceholders } from '../src/extract/name-placeholders.js';
import { proseSettings, siblingPlace } from '../src/extract/prose-settings.js';
import { proseSection } from '../src/extract/section-mentions.js';

const g = loadGrammar('generic');

/** A fenced code block of `texts`, its first line at guide line `first`. */
function block(texts: string[], first = 10, depth = 0): CodeBlock {
  return { type: 'code', lines: texts.map((text, i) => ({ text, line: first + i })), line: first, depth, fenced: true };
}

const LISTING = [
  '# まず、リポジトリを設定します',
  '',
  '# パッケージをインストールします',
  'sudo apt update',
  'sudo apt install -y exampled',
  '',
  'systemctl start exampled.service',
  '# ノードがさらにある場合は繰り返します',
];

test('a listing of bare commands with Japanese # comments is a commented bare listing', () => {
  assert.equal(isCommentedBareListing(block(LISTING), g), true);
  assert.equal(isCommentedBareListing(block(['# パッケージをインストールします', '# yum install exampled']), g), false, 'a # line holding a command is a root prompt');
  assert.equal(isCommentedBareListing(block(['# 設定します', '$ exampled --init']), g), false, 'a $ prompt makes it a prompted listing');
  assert.equal(isCommentedBareListing(block(['# 既存の設定', 'bind-address = 127.0.0.1']), g), false, 'a file content with comments is not commands');
  assert.equal(isCommentedBareListing(block(['sudo apt update']), g), false, 'no comment, nothing to split');
});

test('a commented bare listing splits into comment steps and command runs at their guide lines', () => {
  const parts = commentedListingParts(block(LISTING, 36), g);
  assert.ok(parts);
  assert.deepEqual(
    parts.map((p) => (p.type === 'text' ? ['text', p.text, p.line, p.item] : p.type === 'code' ? ['code', p.lines.map((l) => l.line)] : [p.type])),
    [
      ['text', 'まず、リポジトリを設定します', 36, true],
      ['text', 'パッケージをインストールします', 38, true],
      ['code', [39, 40, 41, 42]],
      ['text', 'ノードがさらにある場合は繰り返します', 43, true],
    ],
  );
  assert.equal(commentedListingParts(block(['sudo apt update']), g), null);
});

test('consecutive comment lines are one step text', () => {
  const parts = commentedListingParts(block(['# 論理ボリュームを作成します', '# 適切なサイズを指定します', 'sudo lvcreate -L 1G vg/lv'], 1), g);
  assert.deepEqual(parts?.[0], { type: 'text', text: '論理ボリュームを作成します 適切なサイズを指定します', line: 1, depth: 0, item: true });
});

test('a bare sudo command is the user\'s, other bare commands are root\'s', () => {
  assert.equal(bareCommandUser('sudo apt update', g), 'user');
  assert.equal(bareCommandUser('systemctl start exampled.service', g), 'root');
  assert.equal(bareCommandUser('sudoers-check', g), 'root');
});

test('a directory and a file name in one sentence name one file; a bare name the full path named before', () => {
  const mentions = new FileMentions(g.filePath);
  assert.deepEqual(mentions.read('/etc/exampled/ 内の設定ファイル exampled.conf を次のように編集'), ['/etc/exampled/exampled.conf']);
  assert.deepEqual(mentions.read('exampled.confの最後に次の設定オプションを追加'), ['/etc/exampled/exampled.conf']);
  assert.deepEqual(mentions.read('other.conf を編集します'), ['other.conf'], 'a name never given a path stays as written');
  assert.deepEqual(mentions.read('/etc/hosts と /etc/exampled/exampled.conf'), ['/etc/hosts', '/etc/exampled/exampled.conf']);
});

test('an INI section named in prose without brackets is the shown section of that name', () => {
  assert.equal(proseSection('`exampled.conf` のMEMORYセクションで設定します', ['DEFAULT', 'memory']), 'memory');
  assert.equal(proseSection('in the Memory section of exampled.conf', ['memory']), 'memory');
  assert.equal(proseSection('STORAGEセクションで設定します', ['DEFAULT', 'memory']), null, 'a section the guide never showed is not guessed');
  assert.equal(proseSection('MEMORYセクション', []), null);
});

test('a setting changed in prose goes beside the keys most like it', () => {
  const lexicon = loadLexicon();
  assert.deepEqual(proseSettings("ディスクを使う場合は、'cache_on_disk = False' を 'cache_on_disk = True' に変更してください。", lexicon), [{ key: 'cache_on_disk', value: 'True' }]);
  assert.deepEqual(proseSettings('Change debug = false to debug = true.', lexicon), [{ key: 'debug', value: 'true' }]);
  assert.deepEqual(proseSettings("'a = 1' を 'b = 2' に変更", lexicon), [], 'the same key on both sides');
  const ini = (file: string, section: string, key: string): IniAction => ({ id: key, kind: 'ini', file, section, key, value: 'x', via: 'edit', source: { line: 1 } });
  const shown = [ini('/etc/a.conf', 'DEFAULT', 'enabled_backends'), ini('/etc/a.conf', 'cache', 'cache_size'), ini('/etc/a.conf', 'cache', 'cache_dir')];
  assert.deepEqual(siblingPlace('cache_on_disk', shown), { file: '/etc/a.conf', section: 'cache' });
  assert.equal(siblingPlace('unrelated', shown), null);
  assert.equal(siblingPlace('cache_on_disk', [...shown, ini('/etc/b.conf', 'other', 'cache_mode')]), null, 'two equally close places: none');
});

test('a lower-case hyphenated argument ending in -name is a name to choose, scoped to its command', () => {
  const cmd = (id: string, run: string): CommandAction => ({ id, kind: 'command', run, user: 'root', verify: false, expect: null, source: { line: 3 } });
  const actions: Action[] = [cmd('a', 'exampled-admin node add my-node-name 10.0.0.5'), cmd('b', 'exampled-admin --node-name x ls'), cmd('c', 'cat /srv/my-file-name')];
  assert.deepEqual(findNamePlaceholders(actions, g).map((f) => [f.name, f.scope]), [['my-node-name', ['a']]]);
});

test('the lexicon makes a step of setting up or repeating with no command manual, not one of specifying', async () => {
  assert.equal(await isManualInstruction('まず、サポート契約のリポジトリを設定します'), true);
  assert.equal(await isManualInstruction('ノードがさらにある場合は繰り返します'), true);
  assert.equal(await isManualInstruction('適切なボリュームサイズを指定します'), false);
});
