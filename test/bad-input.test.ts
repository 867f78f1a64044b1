/**
 * Bad input through the CLI (in-process `main`): an empty file, a binary file, a 50 MB guide, a
 * guide with no commands, an unterminated code fence, broken HTML, a 1 MB line, lists nested
 * 10 000 levels deep. Each gives a `guide:line:col  severity  message  rule-id` diagnostic and the
 * documented exit code, never a stack trace, and `compile` leaves no partial output file. The big
 * inputs are generated here, never committed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tejun } from './helpers/cli.js';

/** Every file below `dir`, relative. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

const GOOD_TAIL = '\n手順1.1 パッケージのインストール\n\n  1. パッケージをインストールします。\n    # yum install -y openstack-nova\n';

/** The first 9 lines of an AsciiDoc guide (an attribute entry, a section and a listing block). */
const ADOC_HEAD = '= ガイド\n:toc:\n\n== 手順\n\n[source,bash]\n----\n# ls\n----\n';

/** The cases: file name, content, expected exit code of `parse`, the rule id and line of the diagnostic. */
const CASES: { name: string; content: () => string | Buffer; code: number; rule: string; line: number }[] = [
  { name: 'empty.txt', content: () => '', code: 1, rule: 'empty-guide', line: 1 },
  { name: 'blank.txt', content: () => '\n  \n\u3000\n', code: 1, rule: 'empty-guide', line: 1 },
  { name: 'binary.dat', content: () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]), code: 1, rule: 'binary-guide', line: 3 },
  { name: 'huge.txt', content: () => GOOD_TAIL.repeat(Math.ceil((50 * 1024 * 1024) / Buffer.byteLength(GOOD_TAIL))), code: 1, rule: 'guide-too-large', line: 1 },
  { name: 'no-commands.md', content: () => '# タイトル\n\n## 概要\n\n説明だけの文書です。\n\n## まとめ\n\n以上です。\n', code: 0, rule: 'no-actions', line: 1 },
  { name: 'fence.md', content: () => '# ガイド\n\n## 手順\n\n## インストール\n\n```\n# yum install -y openstack-nova\n続き\n', code: 0, rule: 'unterminated-fence', line: 7 },
  { name: 'broken.html', content: () => '<html><body><h1>ガイド</h1>\n<p>手順<pre># yum install -y x\n<div><ul><li>途中', code: 0, rule: 'truncated-html', line: 3 },
  { name: 'dash-nested.md', content: () => `# ガイド\n\n## a\n\n## b\n\n${'- '.repeat(10_000)}深い\n`, code: 1, rule: 'nesting-too-deep', line: 7 },
  { name: 'quote-nested.md', content: () => `# ガイド\n\n## a\n\n## b\n\n${'> '.repeat(10_000)}深い\n`, code: 1, rule: 'nesting-too-deep', line: 7 },
  { name: 'indented.adoc', content: () => `${ADOC_HEAD}${' '.repeat(300)}深い\n`, code: 1, rule: 'nesting-too-deep', line: 10 },
  { name: 'indented-often.adoc', content: () => `${ADOC_HEAD}${`${' '.repeat(120)}行\n`.repeat(6000)}`, code: 1, rule: 'nesting-too-deep', line: 9 + Math.floor((64 * 1024 * 1024) / (120 * 120)) + 1 },
  { name: 'nested.html', content: () => `<html><body><h1>x</h1>${'<ul><li>a'.repeat(10_000)}</body></html>\n`, code: 1, rule: 'nesting-too-deep', line: 1 },
];

for (const c of CASES) {
  test(`${c.name}: ${c.rule} at line ${c.line}, exit ${c.code}, no stack trace, no partial output`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tejun-bad-'));
    try {
      const guide = join(dir, c.name);
      writeFileSync(guide, c.content());
      const r = await tejun('parse', guide, '--json');
      assert.equal(r.code, c.code, r.stderr);
      const diag = r.stderr.split('\n').find((l) => l.endsWith(`  ${c.rule}`));
      assert.ok(diag, `no ${c.rule} diagnostic in:\n${r.stderr}`);
      assert.ok(diag.startsWith(`${guide}:${c.line}:`), diag);
      assert.doesNotMatch(r.stderr, /\n\s+at .*:\d+:\d+/, 'a stack trace was printed');
      assert.doesNotMatch(r.stderr, /internal error/);
      const out = join(dir, 'out');
      const compiled = await tejun('compile', guide, '--target', 'all', '--allow-unbound', '-o', out);
      assert.equal(compiled.code, c.code, compiled.stderr);
      const written = filesUnder(out);
      if (c.code !== 0) assert.deepEqual(written, [], 'a guide that cannot be read leaves no output');
      assert.deepEqual(written.filter((f) => /\.tmp-/.test(f)), [], 'temporary files left behind');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('a 1 MB line and lists 10 000 levels deep by indentation in a text guide parse (exit 0)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-bad-'));
  try {
    const long = join(dir, 'long.txt');
    writeFileSync(long, `${GOOD_TAIL}    # echo ${'a'.repeat(1 << 20)}\n`);
    const r = await tejun('parse', long, '--json');
    assert.equal(r.code, 0, r.stderr);
    const graph = JSON.parse(r.stdout) as { procedures: { steps: { actions: { run?: string }[] }[] }[] };
    assert.ok(graph.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions)).some((a) => a.run?.length === 'echo '.length + (1 << 20)));
    const deep = join(dir, 'deep.txt');
    // 10 000 numbered items, each one column deeper (50 MB if each level were two columns).
    writeFileSync(deep, `手順1.1 深い手順\n\n${Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(i % 2000)}${i + 1}. 項目\n`).join('')}`);
    const d = await tejun('parse', deep);
    assert.equal(d.code, 0, d.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an internal or system error is one line; TEJUN_DEBUG=1 adds the stack trace', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-bad-'));
  try {
    const guide = join(dir, 'g.txt');
    writeFileSync(guide, GOOD_TAIL);
    const blocker = join(dir, 'out');
    writeFileSync(blocker, 'a file where the output directory should be');
    // Other files' tests may share this process: TEJUN_DEBUG is put back as it was.
    const debug = process.env['TEJUN_DEBUG'];
    delete process.env['TEJUN_DEBUG'];
    const r = await tejun('compile', guide, '--target', 'bash', '-o', blocker);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^tejun: error: .*(ENOTDIR|EEXIST)/);
    process.env['TEJUN_DEBUG'] = '1';
    try {
      const d = await tejun('compile', guide, '--target', 'bash', '-o', blocker);
      assert.match(d.stderr, /\n\s+at .*:\d+:\d+/, 'TEJUN_DEBUG=1 prints the stack');
    } finally {
      if (debug === undefined) delete process.env['TEJUN_DEBUG'];
      else process.env['TEJUN_DEBUG'] = debug;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
