/**
 * Stable ids (src/extract/ids.ts): ids come from meaning, never from position or numbering. A copy
 * of guides/000 with renumbered procedures and sections and an added paragraph keeps every id; a
 * copy with a setting's value changed, a placeholder renamed or a step reworded keeps every id too;
 * a new command changes only its own step's id.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseGuide } from '../src/index.js';
import { abstractPlaceholders, titleKey } from '../src/extract/ids.js';
import type { StepGraph } from '../src/ir/types.js';
import { corpusGuides, listGuides } from './helpers/paths.js';

const GUIDE_000 = listGuides().find((g) => basename(g).startsWith('000'))!;
const TEXT_000 = readFileSync(GUIDE_000, 'utf8');

function parseText(text: string): Promise<StepGraph> {
  return parseGuide('guide.txt', { bytes: Buffer.from(text, 'utf8') });
}

/** Every id of the graph with what it names, in reading order. */
function idsOf(g: StepGraph): string[] {
  const out: string[] = [];
  for (const p of g.procedures) {
    out.push(`${p.id} ${titleKey(p.title)}`);
    for (const s of p.steps) {
      out.push(`${s.id} ${s.text}`);
      for (const a of s.actions) out.push(`${a.id} ${a.kind}`);
    }
  }
  return out;
}

test('titleKey drops the numbering of procedures, sections and chapters', () => {
  assert.equal(titleKey('手順8.5 Compute Service データベースの作成'), 'Compute Service データベースの作成');
  assert.equal(titleKey('8.4.5.6.1. Compute ネットワークの概要'), 'Compute ネットワークの概要');
  assert.equal(titleKey('第8章 Compute サービスのインストール'), 'Compute サービスのインストール');
  assert.equal(titleKey('Procedure 8.12. Starting services'), 'Starting services');
  assert.equal(titleKey('Compute の設定'), 'Compute の設定');
  // A title that is only a number keeps it (an id needs some meaning).
  assert.equal(titleKey('8.4.'), '8.4.');
});

test('abstractPlaceholders replaces whole tokens only, longest name first', () => {
  assert.equal(abstractPlaceholders('--pass NOVA_PASS --x PASS', ['PASS', 'NOVA_PASS']), '--pass ⟨⟩ --x ⟨⟩');
  assert.equal(abstractPlaceholders('mysql://USER:PASS@IP/DB', ['USER', 'PASS', 'IP', 'DB']), 'mysql://⟨⟩:⟨⟩@⟨⟩/⟨⟩');
  assert.equal(abstractPlaceholders('PASSWORDS IPADDR', ['PASSWORD', 'IP']), 'PASSWORDS IPADDR');
});

test('renumbered procedures and sections and an added paragraph keep every id (guides/000)', async () => {
  const before = await parseText(TEXT_000);
  // Every 手順8.N becomes 手順9.(N+1) and every 8.4.x section 9.1.x; a paragraph is added at the top
  // and another in the middle of a procedure's lead-in.
  const renumbered = TEXT_000.replace(/手順8\.(\d+)/g, (_m, n: string) => `手順9.${Number(n) + 1}`)
    .replace(/^8\.4\./gm, '9.1.')
    .replace('以下の手順では、Compute Service が使用するデータベース', 'この章の手順はすべての環境で必要です。\n\n以下の手順では、Compute Service が使用するデータベース')
    .replace('本項は、RabbitMQ メッセージブローカーの設定がすでに済んでいることを前提としています。', '本項は、RabbitMQ メッセージブローカーの設定がすでに済んでいることを前提としています。\n補足の段落がここに追加されました。');
  assert.notEqual(renumbered, TEXT_000);
  const after = await parseText(renumbered);
  assert.notDeepEqual(after.procedures.map((p) => p.title), before.procedures.map((p) => p.title), 'the titles did change');
  assert.notDeepEqual(after.procedures.map((p) => p.source.line), before.procedures.map((p) => p.source.line), 'and the lines');
  assert.deepEqual(idsOf(after), idsOf(before));
});

test('a changed setting value, a renamed placeholder and a reworded step keep every id', async () => {
  const before = await parseText(TEXT_000);
  const edited = TEXT_000.replace('DEFAULT rabbit_port 5672', 'DEFAULT rabbit_port 5671')
    .replace('keystone user-create --name compute --pass PASSWORD', 'keystone user-create --name compute --pass COMPUTE_PASS')
    .replace('  3. nova データベースユーザーを作成し、', '  3. nova データベースのユーザーを作成し、');
  const after = await parseText(edited);
  assert.ok(after.placeholders.some((p) => p.name === 'COMPUTE_PASS'), 'the new placeholder is found');
  const steps = (g: StepGraph) => g.procedures.flatMap((p) => p.steps.map((s) => s.text));
  assert.notDeepEqual(steps(after), steps(before), 'a step text did change');
  const ids = (g: StepGraph) => g.procedures.flatMap((p) => [p.id, ...p.steps.flatMap((s) => [s.id, ...s.actions.map((a) => a.id)])]);
  assert.deepEqual(ids(after), ids(before));
});

test('a new command in a procedure adds ids and changes only its own step', async () => {
  const before = await parseText(TEXT_000);
  const edited = TEXT_000.replace('    # firewall-cmd --add-port=5900-5999/tcp\n', '    # firewall-cmd --add-port=5900-5999/tcp\n    # firewall-cmd --reload\n');
  assert.notEqual(edited, TEXT_000);
  const after = await parseText(edited);
  const a = new Set(idsOf(before));
  const b = new Set(idsOf(after));
  const gone = [...a].filter((x) => !b.has(x));
  const added = [...b].filter((x) => !a.has(x));
  assert.equal(gone.length, 1, `one step id replaced: ${JSON.stringify(gone)}`);
  assert.match(gone[0]!, /ランタイムモード/);
  assert.equal(added.length, 2, `the step's new id and the new action's: ${JSON.stringify(added)}`);
});

test('ids stay unique and references stay valid after the stable-id pass (every guide)', async () => {
  for (const guide of corpusGuides()) {
    const g = await parseGuide(guide);
    const actions = new Set(g.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions.map((a) => a.id))));
    for (const p of g.procedures) for (const s of p.steps) for (const a of s.actions) if (a.kind === 'sql') assert.ok(actions.has(a.session), `${guide}: session ${a.session}`);
    for (const ph of g.placeholders) for (const id of ph.scope ?? []) assert.ok(actions.has(id), `${guide}: scope ${id} of ${ph.name}`);
  }
});
