/**
 * Tests of the checklist generator: the Markdown is read back with remark (GFM) to check its
 * structure, secret masking, escaping of hostile prose and code-fence safety.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { toString } from 'mdast-util-to-string';
import type { Root, RootContent, ListItem, Code, Heading } from 'mdast';
import type { GenerateOptions } from '../src/generate/index.js';
import { headingText, MASK, stepsToChecklist } from '../src/generate/steps-to-checklist.js';
import { codeFence, escapeMarkdown } from '../src/generate/markdown.js';
import { sampleGraph } from './helpers/ansible-sample-graph.js';
import { runs } from './helpers/depth.js';
import { urlUserinfo } from '../src/generate/escape/url.js';

const SECRET = 'pa```ss`w$(id)*x*<b>';
const VARS: GenerateOptions = { vars: { PASSWORD: SECRET, IP: '10.0.0.1' } };

function markdownTree(text: string): Root {
  return unified().use(remarkParse).use(remarkGfm).parse(text) as Root;
}

/** All nodes of a tree, depth first. */
function nodes(node: Root | RootContent): (Root | RootContent)[] {
  const children = 'children' in node ? (node.children as RootContent[]) : [];
  return [node, ...children.flatMap(nodes)];
}

/** A GFM `www.`/e-mail autolink literal: a link whose URL is its own text (plus a scheme). */
function isLiteralAutolink(node: Root | RootContent): boolean {
  if (node.type !== 'link') return node.type === 'text';
  const text = toString(node);
  return node.url === text || node.url === `http://${text}` || node.url === `mailto:${text}`;
}

function render(options: GenerateOptions = VARS, hostile = false): { text: string; tree: Root; mode: number } {
  const result = stepsToChecklist(sampleGraph(hostile), options);
  assert.deepEqual(result.messages, []);
  assert.equal(result.files.length, 1);
  const [file] = result.files;
  assert.equal(file!.path, '000_sample.md');
  return { text: file!.content, tree: markdownTree(file!.content), mode: file!.mode };
}

test('structure: title, one section per procedure, a task item per step', () => {
  const { tree } = render();
  const headings = nodes(tree).filter((n): n is Heading => n.type === 'heading');
  assert.equal(headings[0]!.depth, 1);
  assert.equal(toString(headings[0]!), sampleGraph().title);
  const procedures = headings.filter((h) => h.depth === 2).map((h) => toString(h));
  for (const p of sampleGraph().procedures) assert.ok(procedures.includes(p.title), p.title);
  const items = nodes(tree).filter((n): n is ListItem => n.type === 'listItem');
  const steps = sampleGraph().procedures.flatMap((p) => p.steps);
  for (const step of steps) {
    const item = items.find((i) => toString(i.children[0]!).startsWith(step.forbidden ? `〔実行しないこと〕${step.text}` : `${step.optional ? '〔オプション〕' : ''}${step.text}`));
    assert.ok(item, step.text);
    assert.equal(item.checked, step.forbidden ? null : false, `checkbox of ${step.text}`);
    assert.match(toString(item.children[0]!), new RegExp(`\\(000_sample\\.txt:${step.source.line}\\)`));
  }
});

test('roles, conditions and guide lines are shown', () => {
  const { text } = render();
  assert.match(text, /役割: db · \(000_sample\.txt:7\)/);
  assert.match(text, /条件: Red Hat Enterprise Linux 6 ベースのシステムの場合/);
  assert.match(text, /期待される結果: 1以上の数を返すこと/);
  assert.match(text, /実行ユーザー: nova/);
  assert.match(text, /## ガイドから欠落したコマンド\n\n- compute ユーザーを作成します。/);
});

test('code blocks hold the commands, SQL, INI and file lines with values bound', () => {
  const { tree } = render({ ...VARS, showSecrets: true });
  const code = nodes(tree).filter((n): n is Code => n.type === 'code');
  const find = (lang: string | null, needle: string) => code.find((c) => c.lang === lang && c.value.includes(needle));
  assert.equal(find('sql', 'GRANT')!.value, [
    `GRANT ALL ON nova.* TO 'nova'@'%' IDENTIFIED BY '${SECRET}';`,
    `GRANT ALL ON nova.* TO 'nova'@'localhost' IDENTIFIED BY '${SECRET}';`,
  ].join('\n'));
  // A password in a URL's userinfo is percent-encoded, as the runbooks write it.
  assert.equal(find('ini', 'sql_connection')!.value, `[DEFAULT]\nsql_connection = mysql://nova:${urlUserinfo(SECRET)}@10.0.0.1/nova\nuse_syslog = yes`);
  assert.equal(find('text', 'cgroup_device_acl')!.value, 'user = "root"\ngroup = "root"\ncgroup_device_acl = [\n  "/dev/null", "/dev/full"\n]');
  assert.equal(find('bash', 'endpoint-create')!.value, 'keystone endpoint-create --service compute --publicurl "http://10.0.0.1:8774/v2/\\$(tenant_id)s"');
  assert.ok(!code.some((c) => c.value.includes('openstack-nova-network')), 'forbidden commands are not shown as code');
});

test('secrets are masked unless showSecrets; mode 0o600 only when a shown secret is bound', () => {
  const masked = render();
  assert.ok(!masked.text.includes(SECRET));
  assert.ok(!masked.text.includes('pa```ss'));
  assert.ok(masked.text.includes(`IDENTIFIED BY '${MASK}'`));
  assert.equal(masked.mode, 0o644);
  const shown = render({ ...VARS, showSecrets: true });
  assert.ok(shown.text.includes(SECRET));
  assert.equal(shown.mode, 0o600);
  const unbound = render({ vars: { IP: '1.1.1.1' }, allowUnbound: true, showSecrets: true });
  assert.equal(unbound.mode, 0o644);
  assert.ok(unbound.text.includes("IDENTIFIED BY 'PASSWORD'"), 'unbound placeholders are shown by name');
});

test('secret literals of the guide are masked too', () => {
  const graph = sampleGraph();
  graph.literals.push({ value: 'mysql://nova', kind: 'secret', source: { line: 155 } });
  const text = stepsToChecklist(graph, VARS).files[0]!.content;
  assert.ok(!text.includes('mysql://nova'));
  assert.ok(stepsToChecklist(graph, { ...VARS, showSecrets: true }).files[0]!.content.includes('mysql://nova'));
});

test('unbound placeholders without allowUnbound: errors and no file', () => {
  const result = stepsToChecklist(sampleGraph(), { vars: {} });
  assert.deepEqual(result.files, []);
  assert.deepEqual(result.messages.map((m) => m.ruleId), ['unbound-placeholder', 'unbound-placeholder']);
});

test('hostile step text stays text: no links, HTML, emphasis or code spans', () => {
  const { tree } = render(VARS, true);
  const graph = sampleGraph(true);
  const kinds = new Set<string>(nodes(tree).map((n) => n.type));
  assert.ok(nodes(tree).filter((n) => n.type === 'link').every(isLiteralAutolink), 'only www/e-mail autolinks showing their own text');
  for (const bad of ['html', 'emphasis', 'strong', 'inlineCode', 'delete', 'image']) assert.ok(!kinds.has(bad), bad);
  const headings = nodes(tree).filter((n): n is Heading => n.type === 'heading');
  assert.equal(toString(headings[0]!), graph.title);
  assert.ok(headings.some((h) => h.depth === 2 && toString(h) === graph.procedures[0]!.title));
  const items = nodes(tree).filter((n): n is ListItem => n.type === 'listItem');
  assert.ok(items.some((i) => toString(i.children[0]!).startsWith(graph.procedures[0]!.steps[0]!.text)));
});

test('escapeMarkdown: any one-line text reads back as itself, as plain text (property)', () => {
  const unit = fc.constantFrom('*', '_', '[', ']', '(', ')', '<', '>', '|', '`', '#', '-', '+', '1', '.', '!', '&', ';', '~', '$', '\\', 'a', ' ', ':', '=', 'あ', 'x', 'http://', 'www.', '@', 'a.com', 'mailto:');
  fc.assert(
    fc.property(fc.string({ unit, minLength: 1 }), (raw) => {
      const text = raw.replace(/\s+/g, ' ').trim();
      fc.pre(text.length > 0);
      const tree = markdownTree(escapeMarkdown(text));
      assert.equal(tree.children.length, 1);
      const paragraph = tree.children[0]!;
      assert.equal(paragraph.type, 'paragraph');
      assert.ok(nodes(paragraph).every((n) => ['paragraph', 'text'].includes(n.type) || isLiteralAutolink(n)), JSON.stringify(text));
      assert.equal(toString(paragraph), text);
    }),
    { numRuns: runs(400, 100) },
  );
});

test('codeFence: content with backtick runs reads back exactly, in a list item too (property)', () => {
  const unit = fc.constantFrom('`', '~', ' ', 'a', '\n', '-', '#', '*', '\t', '>');
  fc.assert(
    fc.property(fc.string({ unit }), fc.constantFrom('', 'bash'), (content, info) => {
      fc.pre(!/^\s*$/.test(content.split('\n').at(-1) ?? '') || content === '');
      const top = markdownTree(codeFence(content, info)).children;
      assert.equal(top.length, 1);
      assert.equal(top[0]!.type, 'code');
      assert.equal((top[0] as Code).value, content);
      const nested = markdownTree(`- [ ] step\n\n${codeFence(content, info, '  ')}\n- [ ] next\n`);
      const list = nested.children[0]!;
      assert.equal(list.type, 'list');
      const first = (list as { children: ListItem[] }).children[0]!;
      const code = first.children.find((c) => c.type === 'code') as Code;
      assert.equal(code.value, content);
      assert.equal((list as { children: ListItem[] }).children.length, 2);
    }),
    { numRuns: runs(300, 100) },
  );
  assert.throws(() => codeFence('x', 'bash\n```'));
});

test('output is deterministic', () => {
  assert.deepEqual(stepsToChecklist(sampleGraph(true), VARS), stepsToChecklist(sampleGraph(true), VARS));
});

test('escapeMarkdown escapes only where Markdown would read syntax (no over-escaping)', () => {
  assert.equal(escapeMarkdown('8.4. コンピュートノードのインストール'), '8.4. コンピュートノードのインストール');
  assert.equal(escapeMarkdown('auth_strategy を keystone_authtoken に'), 'auth_strategy を keystone_authtoken に');
  assert.equal(escapeMarkdown('a < b > c & d # e'), 'a < b > c & d # e');
  assert.equal(escapeMarkdown('1. x'), '1\\. x');
  assert.equal(escapeMarkdown('- x'), '\\- x');
  assert.equal(escapeMarkdown('# x _y_ <b> &amp; prompt #'), '\\# x \\_y\\_ \\<b> \\&amp; prompt \\#');
  assert.equal(escapeMarkdown('admin@example.com'), 'admin\\@example.com');
});

test('headingText drops trailing punctuation only', () => {
  assert.equal(headingText('To configure networking:'), 'To configure networking');
  assert.equal(headingText('8.4. コンピュートノードのインストール'), '8.4. コンピュートノードのインストール');
  assert.equal(headingText('設定：'), '設定');
  assert.equal(headingText(':'), ':');
});
