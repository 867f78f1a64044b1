/**
 * Which file content belongs to: an instruction quoted inside a listing names it
 * (quoted-instructions.ts), the next item of the list that named a file ends that file's context
 * (instruction-files.ts), an item that runs an earlier command again inline is that command
 * (repeated-command.ts), a bare prompt line is no command (code-lines.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endsFileContext } from '../src/extract/instruction-files.js';
import type { LogicalLine } from '../src/extract/code-lines.js';
import { quotedInstructions } from '../src/extract/quoted-instructions.js';
import { repeatedCommand } from '../src/extract/repeated-command.js';
import { EDIT_VERB } from '../src/extract/reader/patterns.js';
import type { CommandAction } from '../src/ir/types.js';
import { parseGuide } from '../src/index.js';

const literal = (text: string, line: number): LogicalLine => ({ kind: 'literal', text, line, fenced: false });
const pathsIn = (text: string): string[] => text.match(/\/etc\/[\w./-]+/gu) ?? [];

test('a Japanese line of a listing that names a file and says to edit it opens that file', () => {
  const items = [
    literal('上記のコマンドが 0 を返す場合、支援機能は使えない。', 1),
    literal('/etc/nova/nova.conf ファイルの [libvirt] セクションを以下のように編集します。', 2),
    literal('virt_type = qemu', 3),
  ];
  const out = quotedInstructions(items, pathsIn, EDIT_VERB);
  assert.deepEqual(out[1], { kind: 'edit', files: ['/etc/nova/nova.conf'], section: 'libvirt', line: 2 });
  assert.equal(out[0], items[0]);
  assert.equal(out[2], items[2]);
});

test('lines that are settings, name no file, say nothing of editing, or explain editor lines stay as they are', () => {
  const items = [
    literal('description = /etc/x.conf を編集した', 1),
    literal('/etc/nova/nova.conf の説明です', 2),
    literal('以下のように編集します。', 3),
  ];
  assert.equal(quotedInstructions(items, pathsIn, EDIT_VERB), items);
  const underEditor: LogicalLine[] = [{ kind: 'edit', files: ['/etc/a.conf'], line: 1 }, literal('/etc/a.conf へ、下記設定値を適用する', 2)];
  assert.equal(quotedInstructions(underEditor, pathsIn, EDIT_VERB), underEditor);
});

test('the next item of the list that named a file ends its context; a deeper item or an edit instruction does not', () => {
  const namedBy = { depth: 2, item: true };
  assert.equal(endsFileContext('基盤ホストの再起動', 2, true, EDIT_VERB, namedBy), true);
  assert.equal(endsFileContext('それでも0だった場合は、以下を実施', 1, true, EDIT_VERB, namedBy), true);
  assert.equal(endsFileContext('詳細', 3, true, EDIT_VERB, namedBy), false);
  assert.equal(endsFileContext('[DEFAULT] セクションに追加します', 2, true, EDIT_VERB, namedBy), false);
  // Named by a paragraph: items below it are its steps.
  assert.equal(endsFileContext('基盤ホストの再起動', 1, true, EDIT_VERB, { depth: 0, item: false }), false);
  assert.equal(endsFileContext('次に進みます', 0, false, EDIT_VERB, null), true);
});

test('an inline span that is a whole earlier command line is that command again', () => {
  const check = { id: 'a-1', kind: 'command', run: "egrep -c '(vmx|svm)' /proc/cpuinfo", user: 'root', verify: true, expect: null, source: { line: 3 } } as CommandAction;
  assert.equal(repeatedCommand(['1以上', "egrep -c '(vmx|svm)'  /proc/cpuinfo"], [check]), check);
  assert.equal(repeatedCommand(['egrep'], [{ ...check, run: 'egrep' }]), null);
  assert.equal(repeatedCommand(['systemctl restart nova'], [check]), null);
});

test('a guide: quoted instruction, ended file context, repeated check, bare prompt line', async () => {
  const guide = [
    '# 確認',
    '',
    '- 確認',
    '',
    '```',
    '# <1以上の数を返すこと>',
    "# egrep -c '(vmx|svm)' /proc/cpuinfo",
    '[root@compute01 ~]#',
    '```',
    '',
    '- 基盤ホストの `/etc/hypervisor/settings` に `nested = "TRUE"` を記載',
    "- `egrep -c '(vmx|svm)' /proc/cpuinfo` をリトライ",
    '- それでも0だった場合は、以下を実施',
    '',
    '```',
    '/etc/nova/nova.conf ファイルの [libvirt] セクションを以下のように編集します。',
    '',
    '[libvirt]',
    'virt_type = qemu',
    '```',
    '',
  ].join('\n');
  const graph = await parseGuide('guide.md', { bytes: Buffer.from(guide, 'utf8') });
  const actions = graph.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions));
  const ini = actions.filter((a) => a.kind === 'ini');
  assert.deepEqual(ini.map((a) => [a.file, a.section, a.key, a.value]), [['/etc/nova/nova.conf', 'libvirt', 'virt_type', 'qemu']]);
  const commands = actions.filter((a): a is CommandAction => a.kind === 'command');
  assert.deepEqual(commands.map((a) => [a.run, a.source.line, a.verify]), [
    ["egrep -c '(vmx|svm)' /proc/cpuinfo", 7, true],
    ["egrep -c '(vmx|svm)' /proc/cpuinfo", 12, true],
  ]);
});
