/**
 * Placeholders a guide writes in a command and describes around it: an `<angle-bracketed>` name
 * (replaced with its brackets, never inside `--name`), a definition list under a command split
 * into paragraphs by a PDF conversion (term paragraph, description paragraph), and a definition
 * that comes after another command shown in the list.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGuide } from '../src/index.js';
import type { Action, StepGraph } from '../src/ir/types.js';
import { splitByPlaceholders } from '../src/generate/bind.js';
import { placeholdersFor } from '../src/generate/index.js';
import { mergePlaceholders } from '../src/extract/placeholders.js';

function parseMd(lines: readonly string[]): Promise<StepGraph> {
  return parseGuide('guide.md', { bytes: Buffer.from(lines.join('\n'), 'utf8'), dialect: 'upstream-markdown' });
}

function commandAt(g: StepGraph, run: RegExp): Action {
  const a = g.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions)).find((x) => x.kind === 'command' && run.test(x.run));
  assert.ok(a, `a command matching ${run}`);
  return a;
}

test('an <angle-bracketed> name is replaced with its brackets, and `--name` is left alone', async () => {
  const g = await parseMd(['# ガイド', '', '## 上書き', '', 'For example:', '', '```', '$ demo --password <password> list', '```', '', 'ここで password はお使いのパスワードです。']);
  const p = g.placeholders.find((x) => x.name === 'password');
  assert.ok(p, JSON.stringify(g.placeholders));
  assert.equal(p.token, '<password>');
  assert.equal(p.description, 'お使いのパスワード');
  const a = commandAt(g, /^demo /);
  const segs = splitByPlaceholders(a.kind === 'command' ? a.run : '', placeholdersFor(g, a));
  assert.deepEqual(
    segs.map((s) => ('text' in s ? s.text : `{${s.placeholder.name}}`)),
    ['demo --password ', '{password}', ' list'],
  );
});

test('a bare lower-case name keeps no token (replaced as a whole word, as before)', () => {
  const actions: Action[] = [{ id: 'a-1', kind: 'command', run: 'demo --user nova', user: 'root', verify: false, expect: null, source: { line: 3 } }];
  const [p] = mergePlaceholders([{ name: 'nova', description: 'ユーザー名', line: 4, scope: ['a-1'] }], actions, () => false);
  assert.equal(p!.token, undefined);
  assert.deepEqual(p!.scope, ['a-1']);
});

test('a definition list under a command: term paragraphs, and a command shown inside the list', async () => {
  const g = await parseMd([
    '# ガイド',
    '',
    '## イメージ',
    '',
    '1. イメージをアップロードします。',
    '',
    '```',
    '$ demo-upload --name=imageLabel --format=diskFormat --public=accessValue < imageFile',
    '```',
    '',
    '各項目:',
    '',
    'imageLabel            任意のラベル。',
    '',
    'You can verify the format using the file command:',
    '',
    '```',
    '$ file demo.img',
    'demo.img: QEMU QCOW Image',
    '```',
    '',
    'diskFormat            ディスクの形式を指定します。',
    '',
    'accessValue',
    '',
    'イメージのアクセス権を指定します。',
    '',
    'imageFile',
    '',
    'ダウンロードしたイメージファイルの名前を指定します。',
    '',
    'notInCommand',
    '',
    'これはコマンドにない名前です。',
  ]);
  const upload = commandAt(g, /^demo-upload /);
  const byName = new Map(g.placeholders.map((p) => [p.name, p]));
  assert.deepEqual(
    ['imageLabel', 'diskFormat', 'accessValue', 'imageFile'].map((n) => [n, byName.get(n)?.description, byName.get(n)?.scope]),
    [
      ['imageLabel', '任意のラベル。', [upload.id]],
      ['diskFormat', 'ディスクの形式を指定します。', [upload.id]],
      ['accessValue', 'イメージのアクセス権を指定します。', [upload.id]],
      ['imageFile', 'ダウンロードしたイメージファイルの名前を指定します。', [upload.id]],
    ],
  );
  assert.equal(byName.has('notInCommand'), false, 'a lone name no command holds is no placeholder');
});
