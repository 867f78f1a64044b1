/**
 * `tejun diff` (src/diff/*, src/cli/commands/diff.ts): the reviewed acceptance fixture (guides/000
 * vs guides/001, the same Red Hat chapter in two releases) in Markdown and JSON, what it must and
 * must not say, equal copies (renumbered, or as step-graph JSON), one edited setting, the HTML
 * report (parses, escapes a hostile title), terminal colour, and the exit codes 0/1/2.
 * UPDATE=1 rewrites test/fixtures/diff-000-001/expected.{md,json}.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { select, selectAll } from 'hast-util-select';
import { toText } from 'hast-util-to-text';
import type { GraphDiff } from '../src/diff/index.js';
import { diffToText } from '../src/diff/index.js';
import { FIXTURES_DIR, ROOT } from './helpers/paths.js';
import { runTejun, type CliResult } from './helpers/cli.js';

process.chdir(ROOT);
const OLD = 'guides/000_309adc3628346781.txt';
const NEW = 'guides/001_bc8f4a1a9da93374.txt';
const CASE = join(FIXTURES_DIR, 'diff-000-001');

const tejun = (args: string[], tty = false): Promise<CliResult> => runTejun(args, { tty });

function compare(actual: string, file: string): void {
  if (process.env.UPDATE) writeFileSync(file, actual);
  assert.equal(actual, readFileSync(file, 'utf8'), `${file} differs (UPDATE=1 rewrites it)`);
}

const tmp = mkdtempSync(join(tmpdir(), 'tejun-diff-'));
const rel = (p: string) => relative(ROOT, p);

test('guides/000 vs 001: the reviewed Markdown and JSON reports, exit 1', async () => {
  const md = await tejun(['diff', OLD, NEW, '--format', 'markdown']);
  assert.equal(md.code, 1, md.stderr);
  assert.equal(md.stderr, '', 'guide diagnostics stay out of the way without --diagnostics');
  compare(md.stdout, join(CASE, 'expected.md'));
  const js = await tejun(['diff', OLD, NEW, '--format', 'json']);
  assert.equal(js.code, 1);
  compare(js.stdout, join(CASE, 'expected.json'));
});

test('guides/000 vs 001: what the report must and must not say', async () => {
  const d = JSON.parse((await tejun(['diff', OLD, NEW, '--format', 'json'])).stdout) as GraphDiff;
  const all = d.procedures.flatMap((p) => p.changes);
  // Renumbered and retitled only (手順8.5 → 手順8.3, "Service" → "サービス"): unchanged.
  const db = d.procedures.find((p) => p.old?.title === '手順8.5 Compute Service データベースの作成')!;
  assert.equal(db.new?.title, '手順8.3 Compute サービスのデータベースの作成');
  assert.equal(db.status, 'unchanged');
  // Nothing is reported as changed when both sides say the same thing.
  for (const c of all) if (c.old?.text != null && c.new?.text != null) assert.notEqual(c.old.text, c.new.text, JSON.stringify(c));
  // Every item has a position in the guide(s) it belongs to.
  for (const c of [...all, ...d.placeholders]) {
    assert.ok(c.old || c.new, JSON.stringify(c));
    for (const s of [c.old, c.new]) if (s) assert.ok(s.path === OLD || s.path === NEW, s.path);
  }
  // The setting that moved.
  const moved = all.filter((c) => c.kind === 'setting-moved').map((c) => [c.old!.text, c.new!.text]);
  assert.deepEqual(moved[0], ['/etc/nova/nova.conf [DEFAULT] neutron_url = http://IP:9696/', '/etc/nova/nova.conf [neutron] url = http://IP:9696/']);
  assert.equal(moved.length, 5);
  // service + chkconfig → systemctl, and the messagebus enable that the new release dropped.
  const form = all.filter((c) => c.kind === 'command-form-changed').map((c) => c.old!.text);
  assert.ok(form.includes('service libvirtd start; chkconfig libvirtd on'), JSON.stringify(form));
  assert.ok(all.some((c) => c.kind === 'step-removed' && c.actions?.includes('chkconfig messagebus on')));
  // The commands the scraped copy lost, each against the command the old guide still has.
  const lost = all.filter((c) => c.kind === 'command-lost' && c.old?.text?.startsWith('keystone'));
  assert.deepEqual(lost.map((c) => c.old!.text!.split(' ')[1]), ['user-create', 'service-create', 'endpoint-create']);
  assert.ok(d.placeholders.some((c) => c.kind === 'placeholder-added' && c.new?.text === 'METADATA_SECRET'));
  assert.ok(d.procedures.some((p) => p.status === 'removed' && p.old!.title.includes('Red Hat Enterprise Linux 7')));
});

test('a renumbered copy with an added paragraph is equal (exit 0); so is a guide against its own step-graph JSON', async () => {
  const text = readFileSync(OLD, 'utf8');
  const copy = join(tmp, 'renumbered.txt');
  writeFileSync(copy, text.replace(/手順8\.(\d+)/g, (_m, n: string) => `手順9.${Number(n) + 2}`).replace(/^8\.4\./gm, '9.2.').replace('本項では、', '本項は改訂されました。\n\n本項では、'));
  const r = await tejun(['diff', OLD, rel(copy)]);
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, /no differences/);
  const json = join(tmp, '000.json');
  writeFileSync(json, (await tejun(['parse', OLD, '--json'])).stdout);
  const j = await tejun(['diff', rel(json), OLD, '--format', 'json']);
  assert.equal(j.code, 0, j.stderr);
  assert.equal((JSON.parse(j.stdout) as GraphDiff).equal, true);
});

test('one edited setting is exactly one change (exit 1)', async () => {
  const copy = join(tmp, 'edited.txt');
  writeFileSync(copy, readFileSync(OLD, 'utf8').replace('DEFAULT rabbit_port 5672', 'DEFAULT rabbit_port 5671'));
  const r = await tejun(['diff', OLD, rel(copy), '--format', 'json']);
  assert.equal(r.code, 1);
  const d = JSON.parse(r.stdout) as GraphDiff;
  assert.deepEqual(d.counts, { 'setting-changed': 1 });
  const c = d.procedures.flatMap((p) => p.changes)[0]!;
  assert.equal(c.old!.text, '/etc/nova/nova.conf [DEFAULT] rabbit_port = 5672');
  assert.equal(c.new!.text, '/etc/nova/nova.conf [DEFAULT] rabbit_port = 5671');
  assert.equal(c.old!.line, 184 - 1, 'the line of the command in the old guide');
});

test('exit 2: unreadable input, a JSON file that is not a step graph, a usage error', async () => {
  const nope = await tejun(['diff', OLD, 'no/such/guide.txt']);
  assert.equal(nope.code, 2);
  assert.match(nope.stderr, /no\/such\/guide\.txt:1:1 {2}error/);
  const bad = join(tmp, 'bad.json');
  writeFileSync(bad, '{"schemaVersion": 1, "procedures": "no"}');
  const b = await tejun(['diff', rel(bad), OLD]);
  assert.equal(b.code, 2);
  assert.match(b.stderr, /read-graph/);
  assert.equal((await tejun(['diff', OLD])).code, 2);
  assert.equal((await tejun(['diff', OLD, NEW, '--format', 'pdf'])).code, 2);
});

test('HTML report: parses, is self-contained, escapes a hostile title and step text', async () => {
  const graph = JSON.parse((await tejun(['parse', OLD, '--json'])).stdout) as { title: string; procedures: Array<{ title: string; steps: Array<{ text: string }> }> };
  const hostile = '<script>alert("x")</script> & </pre>';
  graph.title = hostile;
  graph.procedures[0]!.title = `手順8.5 ${hostile}`;
  graph.procedures[1]!.steps.pop();
  const file = join(tmp, 'hostile.json');
  writeFileSync(file, JSON.stringify(graph));
  const out = join(tmp, 'report.html');
  const r = await tejun(['diff', OLD, rel(file), '--format', 'html', '-o', out]);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stdout, '', 'written to the file, not stdout');
  const html = readFileSync(out, 'utf8');
  const tree = unified().use(rehypeParse).parse(html);
  assert.equal(selectAll('script', tree).length, 0, 'no script element: every guide text is escaped');
  assert.equal(selectAll('link, img, iframe, [src]', tree).length, 0, 'no external asset');
  assert.ok(toText(select('title', tree)!).includes(hostile), 'the title reads as the guide wrote it');
  assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;/pre&gt;'));
  assert.ok(selectAll('li', tree).some((li) => toText(li).includes('step removed')), 'the removed step is listed');
  assert.equal(selectAll('pre.mermaid', tree).length, 2, 'the step graphs of both versions, as Mermaid source');
});

test('terminal text is coloured only on a TTY without NO_COLOR', async () => {
  const tty = await tejun(['diff', OLD, NEW], true);
  assert.equal(tty.code, 1);
  const saved = process.env.NO_COLOR;
  // eslint-disable-next-line no-control-regex -- ESC starts a terminal colour
  assert.match(tty.stdout, saved ? /^[^\u001b]*$/ : /\u001b\[3[1-5]m/);
  process.env.NO_COLOR = '1';
  try {
    // eslint-disable-next-line no-control-regex -- ESC starts a terminal colour
    assert.doesNotMatch((await tejun(['diff', OLD, NEW], true)).stdout, /\u001b/);
  } finally {
    if (saved === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = saved;
  }
  // eslint-disable-next-line no-control-regex -- ESC starts a terminal colour
  assert.doesNotMatch((await tejun(['diff', OLD, NEW])).stdout, /\u001b/);
  const d = JSON.parse((await tejun(['diff', OLD, NEW, '--format', 'json'])).stdout) as GraphDiff;
  assert.equal(diffToText(d, { color: false }), (await tejun(['diff', OLD, NEW])).stdout);
});
