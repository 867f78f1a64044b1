/**
 * Blocks read without prompts (src/extract/classify-line.ts, read-bare-block.ts, prompt-style.ts):
 * the `bare` vocabulary in grammars/base.yaml (tests over the data), the line decisions, and the
 * four fixture guides written in the habits of guides 011, 013, 007 and 009, checked action by
 * action with the guide line each comes from.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { GRAMMAR_DIR, loadGrammar } from '../src/grammar/load-grammar.js';
import { classifyBareLine, firstWord, isCommentBody, isCommentLikePrompt, isSqlStatement, isVerdict, noteSectionHint, noteText } from '../src/extract/classify-line.js';
import { logicalLines, type LogicalLine } from '../src/extract/code-lines.js';
import { readBareLines, readsBare } from '../src/extract/read-bare-block.js';
import { bareGrammar, writesCommandsBare } from '../src/extract/prompt-style.js';
import { editedIniFiles, sectionlessToIni } from '../src/extract/sectionless-ini.js';
import { parseGuide } from '../src/index.js';
import type { Action } from '../src/ir/types.js';
import type { Block, CodeBlock } from '../src/parse/blocks.js';
import { FIXTURES_DIR } from './helpers/paths.js';

const base = loadGrammar('base');
const rules = base.bare;
/** The `bare` block of grammars/base.yaml as written. */
const data = (parseYaml(readFileSync(join(GRAMMAR_DIR, 'base.yaml'), 'utf8')) as { bare: Record<string, unknown> }).bare as {
  commands: string[];
  commandPatterns: string[];
  notes: string[];
  outputLanguages: string[];
  commandLanguages: string[];
};

test('bare data: every listed command word makes a command line, and is listed once', () => {
  assert.ok(data.commands.length > 50);
  assert.equal(new Set(data.commands).size, data.commands.length, 'duplicates in bare.commands');
  for (const w of data.commands) {
    assert.equal(classifyBareLine(`${w} --something`, rules, base.output), 'command', w);
    // `sudo` runs the word after it: that word decides.
    if (w !== 'sudo') assert.equal(classifyBareLine(`sudo ${w} something`, rules, base.output), 'command', `sudo ${w}`);
  }
  assert.equal(classifyBareLine('sudo unknown-thing', rules, base.output), 'other');
});

test('bare data: command patterns name commands by shape; a word of no listed shape is no command', () => {
  for (const w of ['keystone-manage', 'glance-manage', 'rabbitmqctl', 'demo-cmd']) {
    assert.ok(!data.commands.includes(w) || w === 'firewall-cmd');
    assert.equal(classifyBareLine(`${w} x`, rules, base.output), 'command', w);
  }
  assert.equal(classifyBareLine('ubuntu 13.04', rules, base.output), 'other', 'a label line');
  assert.equal(classifyBareLine('Installed:', rules, base.output), 'other');
});

test('bare data: note marks, verdicts, section notes, SQL, frames and language hints', () => {
  for (const line of ['→1を入れない。', '※IPアドレスを確認すること。', '★OK', '~~~マニュアルとは違う', '~~~~イメージをインポートできればOK']) {
    assert.equal(classifyBareLine(line, rules, base.output), 'note', line);
  }
  assert.ok(data.notes.length >= 2);
  assert.ok(isVerdict('~~~★keystoneコマンドを正常終了できること。', rules));
  assert.ok(isVerdict('~~~~イメージをインポートできればOK', rules));
  assert.ok(!isVerdict('→パスワードを以下へ変更する', rules));
  assert.equal(noteText('~~~★正常終了できること。'), '正常終了できること。');
  assert.equal(noteSectionHint('[filter:authtoken]へ追記', rules), 'filter:authtoken');
  assert.equal(noteSectionHint('default欄へ追記する', rules), 'DEFAULT');
  assert.equal(noteSectionHint('設定変更、追記', rules), null);
  for (const s of ['CREATE DATABASE x;', 'grant all on x.* to y;', 'FLUSH PRIVILEGES;', 'exit', '\\q']) assert.ok(isSqlStatement(s, rules), s);
  for (const s of ['yum install x', 'create-user x']) assert.ok(!isSqlStatement(s, rules), s);
  assert.equal(classifyBareLine('---', rules, base.output), 'frame');
  assert.equal(classifyBareLine('--- Volume group ---', rules, base.output), 'other');
  const overlap = data.outputLanguages.filter((l) => data.commandLanguages.includes(l));
  assert.deepEqual(overlap, [], 'a language is either output or commands');
  assert.ok(rules.outputLanguages.has('text') && rules.commandLanguages.has('sh'));
});

test('classifyBareLine: configuration, output, comments, assignments and commands by shape', () => {
  const c = (t: string) => classifyBareLine(t, rules, base.output);
  assert.equal(c('[DEFAULT]'), 'config');
  assert.equal(c('admin_user  = nova'), 'config');
  assert.equal(c('flavor=keystone'), 'config');
  assert.equal(c('...'), 'config');
  assert.equal(c('+------+------+'), 'output');
  assert.equal(c('| id | name |'), 'output');
  assert.equal(c('# Create endpoints'), 'comment');
  assert.equal(c('openstack-dbコマンドが無かったため。'), 'note', 'Japanese in the first word');
  assert.equal(c('(warningはOK、Errorの場合は再実行)'), 'note');
  assert.equal(c('BAK=/root/`date "+%Y%m%d"`/bak'), 'assignment');
  assert.equal(c('X=$(keystone tenant-list)'), 'assignment');
  assert.equal(c('export OS_USERNAME=admin'), 'command');
  assert.equal(c('chkconifig --list |grep -i keystone'), 'command', 'a typo of a command, known by its option and its pipe');
  assert.equal(c(' ( cat | sudo tee -a /etc/x ) <<EOF'), 'command');
  assert.equal(firstWord('sudo -E yum install x'), 'yum');
  assert.equal(firstWord('( cat | tee x )'), 'cat');
});

test('isCommentBody: a "#" line that does not start like a command is a comment', () => {
  for (const body of ['< "/usr/bin/x" は以下を実施するスクリプト', '>', '・rootユーザーのパスワード設定', '設定を確認']) assert.ok(isCommentBody(body), body);
  for (const body of ['yum install -y x', 'vi /etc/x.conf', './configure', '"$X" --help']) assert.ok(!isCommentBody(body), body);
  const root = base.prompts.find((p) => p.re.test('# yum install x'))!;
  const host = base.prompts.find((p) => p.re.test('[root@host ~]# yum'))!;
  assert.ok(isCommentLikePrompt(root));
  assert.ok(!isCommentLikePrompt(host));
  assert.ok(!bareGrammar(base).prompts.some((p) => p.re.test('# echo x')), 'a bare guide reads "# " as a comment');
  assert.ok(bareGrammar(base).prompts.some((p) => p.re.test('[root@host ~]# yum')), 'host prompts stay prompts');
});

/** A fenced code block of `texts`, its first line at guide line `first`. */
function block(texts: string[], first = 1, lang?: string): CodeBlock {
  return { type: 'code', lines: texts.map((text, i) => ({ text, line: first + i })), line: first, depth: 0, fenced: true, ...(lang ? { lang } : {}) };
}

/** The bare reading of `texts`, one summary string per logical line. */
function read(texts: string[], inSession = false): string[] {
  const g = bareGrammar(base);
  return readBareLines(logicalLines(block(texts).lines, g, false), g, { inSession }).map(show);
}

function show(l: LogicalLine): string {
  switch (l.kind) {
    case 'command':
    case 'sql':
      return `${l.line} ${l.kind} ${l.run}`;
    case 'edit':
      return `${l.line} edit ${l.files.join(',')}`;
    case 'literal':
    case 'output':
    case 'note':
      return `${l.line} ${l.kind} ${l.text.trim()}`.trimEnd();
    default:
      return `${l.line} ${l.kind}`;
  }
}

test('readBareLines: continuations, a commented-out command, notes and a framed script run after writing it', () => {
  assert.deepEqual(read(['yum install -y a \\', '  b', '# echo x >> /etc/y', '→入れない。', 'service a start']), [
    '1 command yum install -y a b',
    '3 literal # echo x >> /etc/y',
    '4 note →入れない。',
    '5 command service a start',
  ]);
  assert.deepEqual(read(['vi /root/s.sh', '※確認すること。', '---', '#!/bin/bash', 'keystone user-list', '---', 'bash /root/s.sh']), [
    '1 edit /root/s.sh',
    '2 note ※確認すること。',
    '4 literal #!/bin/bash',
    '5 literal keystone user-list',
    '6 fence-close',
    '7 command bash /root/s.sh',
  ]);
});

test('readBareLines: consecutive editors share content; unframed content runs to the next editor', () => {
  assert.deepEqual(read(['vi /etc/a.conf', 'vi /etc/b.conf', '---', 'x = 1', '---']), ['1 edit /etc/a.conf,/etc/b.conf', '4 literal x = 1', '5 fence-close']);
  assert.deepEqual(read(['vi /etc/a.ini', 'export X=1', '', 'vi /etc/b.ini', 'y = 2']), [
    '1 edit /etc/a.ini',
    '2 literal export X=1',
    '3 literal',
    '4 edit /etc/b.ini',
    '5 literal y = 2',
  ]);
});

test('readBareLines: SQL in a here-document and in an open session; a here-document into a file', () => {
  assert.deepEqual(read(['mysql -u root -p <<EOF', 'CREATE DATABASE a;', "GRANT ALL ON a.* TO 'a'@'%' \\", "IDENTIFIED BY 'p';", 'EOF', 'ls']), [
    '1 command mysql -u root -p',
    '2 sql CREATE DATABASE a;',
    "3 sql GRANT ALL ON a.* TO 'a'@'%' IDENTIFIED BY 'p';",
    '5 session-end',
    '6 command ls',
  ]);
  assert.deepEqual(read(['CREATE DATABASE a;', 'SHOW', 'DATABASES;'], true), ['1 sql CREATE DATABASE a;', '2 sql SHOW DATABASES;']);
  assert.deepEqual(read(['CREATE DATABASE a;'], false), ['1 literal CREATE DATABASE a;'], 'no session: no SQL');
  assert.deepEqual(read(['cat >> /etc/a.conf <<EOF', '[x]', 'k = v', 'EOF']), ['1 edit /etc/a.conf', '2 literal [x]', '3 literal k = v', '4 fence-close']);
});

test('readBareLines: in a block of nothing but commands, a command-shaped line of an unknown program is one too', () => {
  assert.deepEqual(read(['openstack volume list', 'linstor resource list']), ['1 command openstack volume list', '2 command linstor resource list']);
  assert.deepEqual(read(['ubuntu 13.04', 'cd /srv', '| a | b |']), ['1 literal ubuntu 13.04', '2 command cd /srv', '3 output | a | b |'], 'a label beside output');
  assert.deepEqual(read(['ubuntu 13.04', '→ラベル', 'cd /srv']), ['1 literal ubuntu 13.04', '2 note →ラベル', '3 command cd /srv'], 'a label beside a note');
});

test('readsBare: language hints, the text naming a file, and guides with prompts', () => {
  const g = base;
  const items = (b: CodeBlock) => logicalLines(b.lines, g, false);
  const cmd = block(['service a start']);
  assert.ok(readsBare(cmd, items(cmd), g, { bareGuide: true, fresh: false }));
  const text = block(['service a is running'], 1, 'text');
  assert.ok(!readsBare(text, items(text), g, { bareGuide: true, fresh: false }), 'a text block is output');
  assert.ok(!readsBare(cmd, items(cmd), g, { bareGuide: true, fresh: true }), 'content for the file the text just named');
  const vi = block(['vi /etc/a.conf', 'x = 1']);
  assert.ok(readsBare(vi, items(vi), g, { bareGuide: true, fresh: true }), 'an editor line names its own file');
  const prompted = block(['# yum install x', 'Complete!']);
  assert.ok(!readsBare(prompted, items(prompted), g, { bareGuide: false, fresh: false }));
  assert.ok(readsBare(vi, items(vi), g, { bareGuide: false, fresh: false }), 'a bare editor line in a guide with prompts');
  const out = block(['total 12', 'drwxr-xr-x 2 root root']);
  assert.ok(!readsBare(out, items(out), g, { bareGuide: false, fresh: false }), 'output in a guide with prompts');
});

test('writesCommandsBare: bare command lines against prompted ones; "# " comments are not prompts', () => {
  const blocks = (texts: string[][]): Block[] => texts.map((t, i) => block(t, i * 10 + 1));
  assert.ok(writesCommandsBare(blocks([['yum install a', 'service a start'], ['# echo x >> y', 'chkconfig a on'], ['# Tenants']]), base));
  assert.ok(!writesCommandsBare(blocks([['# yum install a', '# service a start'], ['vi /etc/x']]), base));
  assert.ok(!writesCommandsBare(blocks([]), base));
});

test('sectionlessToIni: a .conf file written the INI way beside a file the guide edits as INI is [DEFAULT] INI', () => {
  const file = (f: string, content: string): Extract<Action, { kind: 'file' }> => ({ id: 'a-1', kind: 'file', file: f, content, source: { line: 20 } });
  const ini = (f: string, section: string): Action => ({ id: 'a-0', kind: 'ini', file: f, section, key: 'k', value: 'v', via: 'edit', source: { line: 1 } });
  const edited = editedIniFiles([ini('/etc/demo/api-paste.ini', 'filter:authtoken'), ini('/etc/rsyncd.conf', 'account'), file('/etc/demo/agent.ini', 'x=1')]);
  assert.deepEqual([...edited].sort(), ['/etc/demo/agent.ini', '/etc/demo/api-paste.ini', '/etc/rsyncd.conf']);
  const drafts = sectionlessToIni(file('/etc/demo/demo.conf', 'workers = 4\n...\nlog_dir=/var/log/demo'), new Set(), edited);
  assert.deepEqual(drafts?.map((d) => `${d.section} ${d.key}=${d.value}@${d.source.line}`), ['DEFAULT workers=4@20', 'DEFAULT log_dir=/var/log/demo@22']);
  assert.equal(sectionlessToIni(file('/etc/demo/demo.conf', 'workers = 4'), new Set()), null, 'without the edited files: only known INI files');
  assert.equal(sectionlessToIni(file('/etc/mongo.conf', 'bind_ip = 10.0.0.1'), new Set(), edited), null, 'beside a file of a shared directory (/etc/)');
  assert.equal(sectionlessToIni(file('/etc/other/x.conf', 'bind_ip = 10.0.0.1'), new Set(), edited), null, 'no INI file in its directory');
  assert.equal(sectionlessToIni(file('/etc/demo/dnsmasq-demo.conf', 'dhcp-option-force=26,1450'), new Set(), edited), null, 'a hyphenated option');
  assert.equal(sectionlessToIni(file('/etc/demo/qemu.conf', 'user = "root"'), new Set(), edited), null, 'a quoted value');
  assert.equal(sectionlessToIni(file('/etc/demo/demo.conf', 'workers=4'), new Set(), edited), null, 'no line written key = value');
  assert.equal(sectionlessToIni(file('/etc/demo/api-paste.conf', 'a = 1'), new Set(), new Set([...edited, '/etc/demo/api-paste.conf'])), null, 'a file the guide edits under its own sections');
});

/** Every action of a fixture's graph as `kind@line` plus its main text. */
async function fixtureActions(name: string): Promise<{ text: string; actions: Array<{ a: Action; key: string }> }> {
  const path = join(FIXTURES_DIR, name, 'input.md');
  const g = await parseGuide(path);
  const actions = g.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions)).map((a) => ({ a, key: `${a.kind}@${a.source.line}` }));
  return { text: readFileSync(path, 'utf8'), actions };
}

/** The 1-based line of the first line of `text` that starts (after indentation) with `start`. */
function lineOf(text: string, start: string): number {
  const i = text.split('\n').findIndex((l) => l.trimStart().startsWith(start));
  assert.ok(i >= 0, `no line starts with ${start}`);
  return i + 1;
}

test('fixture markdown-bare-commands (no prompts at all): every action at its own line', async () => {
  const { text, actions } = await fixtureActions('markdown-bare-commands');
  const run = (a: Action) => (a.kind === 'command' || a.kind === 'sql' ? a.run : a.kind === 'ini' ? `${a.file} [${a.section}] ${a.key}=${a.value}` : a.kind === 'file' ? a.file : a.text);
  const got = actions.map(({ a, key }) => `${key} ${run(a)}`);
  assert.deepEqual(got, [
    `command@${lineOf(text, 'mkdir -p')} mkdir -p /root/work/\`date "+%Y%m%d"\``,
    `command@${lineOf(text, 'WORK=')} WORK=/root/work/\`date "+%Y%m%d"\``,
    `command@${lineOf(text, 'yum -y install')} yum -y install demo-server demo-client`,
    `command@${lineOf(text, 'chkconfig demo')} chkconfig demo on`,
    `command@${lineOf(text, 'service demo')} service demo start`,
    `command@${lineOf(text, 'mysql -u root')} mysql -u root -p`,
    `sql@${lineOf(text, 'CREATE DATABASE')} CREATE DATABASE demo;`,
    `sql@${lineOf(text, 'GRANT ALL')} GRANT ALL PRIVILEGES ON demo.* TO 'demo'@'localhost' IDENTIFIED BY 'secret';`,
    `command@${lineOf(text, 'cp -p')} cp -p /etc/demo/demo.conf $WORK`,
    `ini@${lineOf(text, 'debug = False')} /etc/demo/demo.conf [DEFAULT] debug=False`,
    `ini@${lineOf(text, 'connection =')} /etc/demo/demo.conf [database] connection=mysql://demo:secret@localhost/demo`,
    `ini@${lineOf(text, 'admin_user')} /etc/demo/api-paste.ini [filter:authtoken] admin_user=demo`,
    `ini@${lineOf(text, 'admin_password')} /etc/demo/api-paste.ini [filter:authtoken] admin_password=secret`,
    `ini@${lineOf(text, 'workers')} /etc/demo/worker.conf [DEFAULT] workers=4`,
    `command@${lineOf(text, 'ln -s')} ln -s /etc/demo/worker.conf /etc/demo/active.conf`,
    `file@${lineOf(text, '#!/bin/bash')} /usr/local/bin/init-demo.sh`,
    `command@${lineOf(text, 'bash /usr')} bash /usr/local/bin/init-demo.sh`,
    `command@${lineOf(text, 'democheck')} democheck --list |grep -i demo`,
    `file@${lineOf(text, 'DEBUG = False')} /etc/demo/local_settings`,
  ]);
  const script = actions.find(({ a }) => a.kind === 'file' && a.file.endsWith('.sh'))!.a as Extract<Action, { kind: 'file' }>;
  assert.match(script.content, /^#!\/bin\/bash\n# Hosts\n/u, 'the script keeps its comments');
  const bash = actions.find(({ a }) => a.kind === 'command' && a.run.startsWith('bash '))!.a as Extract<Action, { kind: 'command' }>;
  assert.equal(bash.expect, 'エラーなく終了できること。', 'the verdict under the command is its expectation');
});

test('fixture myst-sh-text-blocks: SQL after mysql -p<password>, one sed over many lines, text blocks are output', async () => {
  const { text, actions } = await fixtureActions('myst-sh-text-blocks');
  assert.deepEqual(actions.map(({ key }) => key), [
    `command@${lineOf(text, 'mysql -u root')}`,
    `sql@${lineOf(text, 'CREATE DATABASE')}`,
    `sql@${lineOf(text, 'GRANT ALL')}`,
    `command@${lineOf(text, 'openstack service')}`,
    `command@${lineOf(text, 'sed \\')}`,
    `ini@${lineOf(text, 'count = 4')}`,
    `command@${lineOf(text, 'systemctl status')}`,
  ]);
  const sed = actions[4]!.a as Extract<Action, { kind: 'command' }>;
  assert.equal(sed.run, "sed -e '/^\\[DEFAULT]/,/^\\[/ { /^debug =/d /^#debug =/adebug = false }' -i /etc/demo/demo.conf");
  assert.ok(!actions.some(({ a }) => a.kind === 'command' && a.run.startsWith('service ')), 'a line of a text block is no command');
});

test('fixture markdown-hash-comment-notes: "# <…" notes over several "#" lines are no commands', async () => {
  const { text, actions } = await fixtureActions('markdown-hash-comment-notes');
  assert.deepEqual(actions.map(({ a, key }) => `${key} ${a.kind === 'command' ? a.run : a.kind === 'ini' ? `${a.key}=${a.value}` : ''}`), [
    `command@${lineOf(text, '# demo_setup')} demo_setup`,
    `ini@${lineOf(text, 'bind-address')} bind-address=192.168.0.10`,
    `ini@${lineOf(text, 'innodb_file_per_table')} innodb_file_per_table=`,
  ]);
});

test('fixture markdown-vi-optional: a skipped paragraph, an optional one, a bare vi, a section for another file', async () => {
  const { text, actions } = await fixtureActions('markdown-vi-optional');
  const show = ({ a, key }: { a: Action; key: string }) => `${key} ${a.kind === 'ini' ? `${a.file} [${a.section}] ${a.key}` : a.kind === 'file' ? `${a.file} ${a.content}` : a.kind === 'command' ? a.run : ''}${a.optional ? ' optional' : ''}`;
  assert.deepEqual(actions.map(show), [
    `ini@${lineOf(text, 'workers')} /etc/demo/demo.conf [DEFAULT] workers`,
    `ini@${lineOf(text, 'log_dir')} /etc/demo/demo.conf [DEFAULT] log_dir`,
    `ini@${lineOf(text, 'interval')} /etc/demo/agent.ini [agent] interval`,
    `ini@${lineOf(text, 'debug = True')} /etc/demo/agent.ini [agent] debug optional`,
    `file@${lineOf(text, 'dhcp-option-force')} /etc/demo/dnsmasq-demo.conf dhcp-option-force=26,1450`,
    `command@${lineOf(text, '# systemctl')} systemctl start demo.service`,
  ]);
});
