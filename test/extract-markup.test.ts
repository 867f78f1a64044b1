/**
 * Extraction decisions taken from what the markup says rather than the prose: a code block's
 * language (grammars/base.yaml `contentLanguages`, src/extract/content-language.ts), the file a
 * `.. path` comment names (markup-file.ts), the condition of a `.. only::` block
 * (markup-conditions.ts), and the lexicon's "a package does this for you" wording.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadGrammar } from '../src/grammar/load-grammar.js';
import { contentLanguageOf } from '../src/extract/content-language.js';
import { contentToSettings } from '../src/extract/content-to-settings.js';
import { markupConditionChanges, markupWhen, stepCondition } from '../src/extract/markup-conditions.js';
import { markupFiles } from '../src/extract/markup-file.js';
import { modalityOf } from '../src/nlp/japanese.js';
import type { CodeBlock, TextBlock } from '../src/parse/blocks.js';

const grammar = loadGrammar('generic');

const code = (extra: Partial<CodeBlock> = {}): CodeBlock => ({ type: 'code', lines: [{ text: 'x', line: 5 }], line: 5, depth: 0, fenced: true, ...extra });
const text = (extra: Partial<TextBlock> = {}): TextBlock => ({ type: 'text', text: 't', line: 3, depth: 0, item: true, ...extra });

test('contentLanguages: lower-case names, no name in both lists, every dialect inherits them', () => {
  const { ini, file } = grammar.contentLanguages;
  assert.ok(ini.length > 0 && file.length > 0);
  for (const name of [...ini, ...file]) assert.equal(name, name.toLowerCase(), `${name} is written in lower case`);
  assert.deepEqual(ini.filter((n) => file.includes(n)), [], 'a language is INI or another language, not both');
  for (const dialect of ['upstream-markdown', 'redhat-text', 'upstream-html']) assert.deepEqual(loadGrammar(dialect).contentLanguages, grammar.contentLanguages);
});

test('contentLanguageOf: ini, file, or nothing for names that say nothing about content', () => {
  assert.equal(contentLanguageOf('ini', grammar), 'ini');
  assert.equal(contentLanguageOf('Apache', grammar), 'file');
  assert.equal(contentLanguageOf('yaml', grammar), 'file');
  assert.equal(contentLanguageOf('console', grammar), null);
  assert.equal(contentLanguageOf(undefined, grammar), null);
});

test('contentToSettings with a language: file keeps INI-shaped lines as lines; ini reads sectionless keys', () => {
  const lines = [{ text: '[global]', line: 1 }, { text: 'key = value', line: 2 }];
  assert.deepEqual(contentToSettings(lines, null).map((s) => s.kind), ['ini'], 'by shape: INI');
  assert.deepEqual(contentToSettings(lines, null, 'file'), [{ kind: 'file', content: '[global]\nkey = value', line: 1 }]);
  const bare = [{ text: 'debug = true', line: 7 }, { text: '# a comment', line: 8 }];
  assert.deepEqual(contentToSettings(bare, null).map((s) => s.kind), ['file'], 'by shape, with no section: file lines');
  assert.deepEqual(contentToSettings(bare, null, 'ini'), [{ kind: 'ini', section: 'DEFAULT', key: 'debug', value: 'true', line: 7 }]);
  const apache = [{ text: 'Listen 8080', line: 1 }];
  assert.deepEqual(contentToSettings(apache, null, 'ini').map((s) => s.kind), ['file'], 'ini only when every line is INI-shaped');
});

test('markupFiles: the markup file serves when no fresh instruction named one; the prose wins otherwise', () => {
  assert.deepEqual(markupFiles(code({ file: '/etc/a.conf' }), [], false), ['/etc/a.conf']);
  assert.deepEqual(markupFiles(code({ file: '/etc/a.conf' }), ['/etc/old.conf'], false), ['/etc/a.conf'], 'a stale file gives way');
  assert.equal(markupFiles(code({ file: '/etc/httpd/conf/httpd' }), ['/etc/httpd/conf/httpd.conf'], true), null, 'the prose just named the file');
  assert.equal(markupFiles(code(), [], false), null, 'no markup file');
});

test('markup conditions: a change starts a new step; a step joins its prose condition with the markup one', () => {
  assert.equal(markupWhen(code({ when: 'rdo' })), 'rdo');
  assert.equal(markupWhen({ type: 'boundary', line: 1 }), null);
  assert.equal(markupConditionChanges(null, code()), false);
  assert.equal(markupConditionChanges('rdo', code({ when: 'rdo' })), false);
  assert.equal(markupConditionChanges('rdo', text()), true, 'leaving the only block');
  assert.equal(markupConditionChanges(null, text({ when: 'obs' })), true, 'entering one');
  assert.equal(stepCondition('rdo', null), 'rdo');
  assert.equal(stepCondition(null, 'SELinux を使う場合'), 'SELinux を使う場合');
  assert.equal(stepCondition('rdo', 'SELinux を使う場合'), 'rdo and SELinux を使う場合');
});

test('lexicon: work a package does for the operator is not run; a command that does it is', async () => {
  assert.equal((await modalityOf('Debian パッケージにより、以下の処理が実行されます。')).forbidden, true);
  assert.equal((await modalityOf('必要な Apache の設定はすべてパッケージが行ってくれます。')).forbidden, true);
  assert.equal((await modalityOf('The Debian package performs the following operations:')).forbidden, true);
  assert.equal((await modalityOf('以下のコマンドにより、データベースが作成されます。')).forbidden, false);
  assert.equal((await modalityOf('パッケージをインストールします。')).forbidden, false);
});
