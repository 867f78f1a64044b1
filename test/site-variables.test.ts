/**
 * Site variables (src/extract/site-values.ts, src/vars/meanings.ts, src/generate/site-binding.ts):
 * the naming table as data, values named by what they are for, splits and joins, one site file
 * for every guide, and no literal of the guide's own site left in outputs bound to another site.
 */
import { siteValueFor } from './helpers/site-values.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { compileSiteTable, nameMeaning, SITE_TABLE_PATH, siteTable } from '../src/vars/meanings.js';
import type { StepGraph } from '../src/ir/types.js';
import { tejun } from './helpers/cli.js';
import { listGuides, sampleGuides } from './helpers/paths.js';

/** The first value place a command shape finds in `text`: meaning, user and value. */
function shapeOf(text: string): { meaning: string; user: string | undefined; value: string | undefined } | null {
  for (const s of siteTable().commands) {
    const m = s.pattern.exec(text);
    if (m) return { meaning: s.meaning, user: m.groups?.user ?? s.user, value: m.groups?.value };
  }
  return null;
}

test('the naming table compiles, and every meaning has a distinct name template', () => {
  const table = siteTable();
  const templates = [...table.meanings.values()].map((m) => m.name);
  assert.equal(new Set(templates).size, templates.length, templates.join(' '));
  assert.ok(table.meanings.has('db-password') && table.meanings.has('identity-password') && table.meanings.has('rabbit-password'));
});

test('the naming table refuses a shape naming an unknown meaning or a pattern without a value group', () => {
  const data = parseYaml(readFileSync(SITE_TABLE_PATH, 'utf8')) as { commands: Array<{ meaning: string; pattern: string }> };
  const unknown = structuredClone(data);
  unknown.commands[0]!.meaning = 'no-such-meaning';
  assert.throws(() => compileSiteTable(unknown), /no-such-meaning/);
  const noValue = structuredClone(data);
  noValue.commands[0]!.pattern = 'IDENTIFIED BY';
  assert.throws(() => compileSiteTable(noValue), /value/);
  assert.throws(() => compileSiteTable({ ...data, extra: 1 }), /site-variables table/);
});

test('command shapes read the meaning and the account from the statement', () => {
  assert.deepEqual(shapeOf("GRANT ALL ON nova.* TO 'nova'@'%' IDENTIFIED BY 'Secret1';"), { meaning: 'db-password', user: 'nova', value: 'Secret1' });
  assert.deepEqual(shapeOf('openstack user create --domain default --password S3cret glance'), { meaning: 'identity-password', user: 'glance', value: 'S3cret' });
  assert.deepEqual(shapeOf('keystone user-create --name compute --pass PASSWORD'), { meaning: 'identity-password', user: 'compute', value: 'PASSWORD' });
  assert.deepEqual(shapeOf('rabbitmqctl add_user openstack RABBIT_PASS'), { meaning: 'rabbit-password', user: 'openstack', value: 'RABBIT_PASS' });
  assert.equal(shapeOf('openstack user create --domain default --password-prompt nova'), null, 'a prompt is no value');
});

test('names follow the upstream conventions, with the per-account exceptions of the table', () => {
  const t = siteTable();
  assert.equal(nameMeaning(t, 'db-password', 'nova', 'controller').name, 'NOVA_DBPASS');
  assert.equal(nameMeaning(t, 'db-password', 'root', '').name, 'DB_PASS');
  assert.equal(nameMeaning(t, 'identity-password', 'nova', '').name, 'NOVA_PASS');
  assert.equal(nameMeaning(t, 'rabbit-password', 'openstack', '').name, 'RABBIT_PASS');
  assert.equal(nameMeaning(t, 'rabbit-password', 'nova', '').name, 'RABBIT_NOVA_PASS');
  assert.equal(nameMeaning(t, 'management-ip', '', 'compute').name, 'COMPUTE_MANAGEMENT_IP');
  assert.throws(() => nameMeaning(t, 'no-such', '', ''), /no-such/);
});

/** A guide of my own: one literal password for three accounts, one literal controller name. */
const HARD_CODED = [
  '# Compute',
  '',
  '## Database',
  '',
  '```',
  '# mysql -u root -p',
  "mysql> GRANT ALL PRIVILEGES ON nova.* TO 'nova'@'%' IDENTIFIED BY 'Pw-9$';",
  '```',
  '',
  '## Settings',
  '',
  '```',
  '# openstack-config --set /etc/nova/nova.conf database connection mysql://nova:Pw-9$@ctl01/nova',
  '# openstack-config --set /etc/nova/nova.conf oslo_messaging_rabbit rabbit_host ctl01',
  '# openstack-config --set /etc/nova/nova.conf oslo_messaging_rabbit rabbit_userid openstack',
  '# openstack-config --set /etc/nova/nova.conf oslo_messaging_rabbit rabbit_password Pw-9$',
  '# openstack-config --set /etc/nova/nova.conf keystone_authtoken username nova',
  '# openstack-config --set /etc/nova/nova.conf keystone_authtoken password Pw-9$',
  '```',
  '',
].join('\n');

test('one literal password used for three accounts is split into three variables, recorded with its lines', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-sitevars-'));
  try {
    const guide = join(dir, 'guide.md');
    writeFileSync(guide, HARD_CODED);
    const r = await tejun('parse', guide, '--json');
    assert.equal(r.code, 0, r.stderr);
    const graph = JSON.parse(r.stdout) as StepGraph;
    const names = (graph.variables ?? []).map((v) => v.name).sort();
    for (const n of ['NOVA_DBPASS', 'NOVA_PASS', 'RABBIT_PASS', 'CONTROLLER_HOST']) assert.ok(names.includes(n), names.join(' '));
    const split = (graph.variableDecisions ?? []).find((d) => d.kind === 'split' && d.spellings.includes('Pw-9$'));
    assert.ok(split, JSON.stringify(graph.variableDecisions));
    assert.deepEqual([...split.variables].sort(), ['NOVA_DBPASS', 'NOVA_PASS', 'RABBIT_PASS']);
    assert.ok(split.lines.includes(7) && split.lines.includes(13), split.lines.join(','));
    const db = graph.variables!.find((v) => v.name === 'NOVA_DBPASS')!;
    assert.equal(db.secret, true);
    assert.deepEqual([...new Set(db.uses.map((u) => u.line))], [7, 13]);
    // Bound to another site, every output carries the site's values and none of the guide's.
    const site = join(dir, 'site.yaml');
    writeFileSync(site, 'CONTROLLER_HOST: ctl-a\nNOVA_DBPASS: db-1\nNOVA_PASS: ks-2\nRABBIT_PASS: mq-3\n');
    chmodSync(site, 0o600);
    const out = join(dir, 'out');
    const c = await tejun('compile', guide, '--vars', site, '-o', out);
    assert.equal(c.code, 0, c.stderr);
    const bash = readFileSync(join(out, 'bash', 'guide.sh'), 'utf8');
    assert.doesNotMatch(bash, /ctl01|Pw-9\$/);
    assert.match(bash, /NOVA_DBPASS=db-1/);
    assert.match(bash, /RABBIT_PASS=mq-3/);
    // Without a site file the secrets are unbound (the guide's own are used only when asked).
    const none = await tejun('compile', guide, '--target', 'bash', '-o', join(dir, 'none'));
    assert.equal(none.code, 1);
    assert.match(none.stderr, /NOVA_DBPASS/);
    const guideValues = await tejun('compile', guide, '--target', 'bash', '--use-guide-values', '-o', join(dir, 'own'));
    assert.equal(guideValues.code, 0, guideValues.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Every file under `dir`, recursively. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
}

test('one site file built by `tejun vars` over the guides, filled in, compiles every one of them with no unbound value', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-sitevars-all-'));
  try {
    // sampleGuides(): every guide under TEJUN_TEST_FULL=1, every other short one in the quick tier
    // (text and HTML): what is checked is that the skeleton covers what each guide binds.
    const guides = sampleGuides();
    const skeleton = join(dir, 'site.yaml');
    const v = await tejun('vars', ...guides, '-o', skeleton);
    assert.equal(v.code, 0, v.stderr);
    const keys = Object.keys(parseYaml(readFileSync(skeleton, 'utf8')) as Record<string, unknown>);
    assert.ok(keys.includes('NOVA_DBPASS') && keys.includes('CONTROLLER_HOST'), keys.join(' '));
    // Every value distinct, as an operator would fill them in.
    // (of the kind its name says: the site file is checked)
    writeFileSync(skeleton, keys.map((k, i) => `${JSON.stringify(k)}: ${JSON.stringify(siteValueFor(k, i))}`).join('\n') + '\n');
    chmodSync(skeleton, 0o600);
    const out = join(dir, 'out');
    const c = await tejun('compile', ...guides, '--target', 'bash', '--vars', skeleton, '-o', out);
    assert.doesNotMatch(c.stderr, /unbound-placeholder/);
    assert.equal(c.code, 0, c.stderr);
    assert.equal(files(join(out, 'bash')).length, guides.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The corpus guide whose name starts with `prefix`. */
function guide(prefix: string): string {
  return listGuides().find((g) => g.split('/').pop()!.startsWith(prefix))!;
}

test('vars on a hard-coded guide (002) lists its hosts, addresses and secrets; on 000 the secrets behind one PASSWORD are distinct', async () => {
  const hard = await tejun('vars', guide('002_'));
  assert.equal(hard.code, 0, hard.stderr);
  const keys = Object.keys(parseYaml(hard.stdout) as Record<string, unknown>);
  for (const k of ['CONTROLLER_HOST', 'COMPUTE_HOST', 'CONTROLLER_MANAGEMENT_IP', 'COMPUTE_MANAGEMENT_IP', 'NOVA_DBPASS', 'NOVA_PASS', 'RABBIT_PASS']) assert.ok(keys.includes(k), `${k} in ${keys.join(' ')}`);
  assert.match(hard.stdout, /# password of the database user nova\n/);
  assert.match(hard.stdout, /# split in .*`Password123\$` stands for 3 values/);
  const placeholders = await tejun('vars', guide('000_'));
  const names = Object.keys(parseYaml(placeholders.stdout) as Record<string, unknown>);
  for (const k of ['NOVA_DBPASS', 'COMPUTE_PASS', 'NEUTRON_PASS', 'RABBIT_NOVA_PASS']) assert.ok(names.includes(k), `${k} in ${names.join(' ')}`);
  assert.ok(!names.includes('PASSWORD') && !names.includes('PASS'), names.join(' '));
  assert.match(placeholders.stdout, /# join in .*`PASSWORD` \(line 14, 15\) and `PASS` \(line 154\) are one value/);
});

test("compiling 002 for a site whose controller is ctl-a and whose passwords differ leaves none of the guide's site in any output", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-sitevars-002-'));
  try {
    const site = join(dir, 'site.yaml');
    writeFileSync(site, ['CONTROLLER_HOST: ctl-a', 'COMPUTE_HOST: cmp-a', 'CONTROLLER_MANAGEMENT_IP: 10.9.0.11', 'COMPUTE_MANAGEMENT_IP: 10.9.0.21', 'REGION_NAME: RegionA', 'NOVA_DBPASS: db-1', 'NOVA_PASS: ks-2', 'RABBIT_PASS: mq-3', ''].join('\n'));
    chmodSync(site, 0o600);
    const out = join(dir, 'out');
    const c = await tejun('compile', guide('002_'), '--vars', site, '-o', out);
    assert.equal(c.code, 0, c.stderr);
    const all = files(out);
    // bash runbook, checklist, and the playbook: site.yml, inventory, two roles (tasks + defaults)
    assert.equal(all.length, 8, all.join(" "));
    for (const f of all) {
      const text = readFileSync(f, 'utf8');
      for (const literal of ['controller01', 'Password123$', 'compute01', '192.168.101.']) assert.ok(!text.includes(literal), `${literal} in ${f}`);
    }
    assert.match(readFileSync(all.find((f) => f.endsWith('.sh'))!, 'utf8'), /CONTROLLER_HOST=ctl-a/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
