/**
 * The site file is checked (issue 15 item 4, issue 14's vars-file points): encodings other than
 * UTF-8 refused at their line, YAML tags/anchors/aliases typed as plain text never bind as empty,
 * no value in any message, unknown keys with a did-you-mean, empty values, values of the wrong
 * kind; `vars --generate-secrets` fills secrets without touching anything else.
 */
import { MYSQL_PASSWORD_GUIDE_LINES } from './helpers/sample-guide.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Encoding from 'encoding-japanese';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { checkSite, didYouMean } from '../src/vars/check-site.js';
import { decodeVars } from '../src/vars/decode-vars.js';
import { fillSecrets, randomSecret, SECRET_LENGTH } from '../src/vars/generate-secrets.js';
import { loadVars } from '../src/vars/load.js';
import { siteVariables, type SiteVariable } from '../src/vars/site-variables.js';
import { loadSiteData } from '../src/vars/site-data.js';
import { fitsKind, variableKind } from '../src/vars/value-kinds.js';
import { bashSampleGraph, ph } from './helpers/bash-sample-graph.js';
import { tejun } from './helpers/cli.js';

/** Variables PASSWORD (secret), CONTROLLER_IP, CONTROLLER_HOST, API_PORT, as a graph gives them. */
function variables(): Map<string, SiteVariable> {
  const g = bashSampleGraph();
  g.placeholders = [ph('PASSWORD', 'PASSWORD', 3, true), ph('CONTROLLER_IP', 'CONTROLLER_IP', 4), ph('CONTROLLER_HOST', 'CONTROLLER_HOST', 5), ph('API_PORT', 'API_PORT', 6)];
  return siteVariables([g]);
}

test('a Shift_JIS site file is refused at the line of its first non-UTF-8 byte, never decoded with U+FFFD', () => {
  const text = 'A: ok\nB: fine\nPASSWORD: パスワード\n';
  const sjis = Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));
  const r = decodeVars(sjis, 'site.yaml');
  assert.equal(r.text, undefined);
  assert.equal(r.message?.ruleId, 'vars-encoding');
  assert.equal(r.message?.line, 3);
  assert.equal(r.message?.column, 11);
  assert.match(r.message!.reason, /Shift_JIS/);
  assert.deepEqual(decodeVars(new TextEncoder().encode(text), 'site.yaml'), { text });
  assert.deepEqual(decodeVars(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]), 'site.yaml'), { text }, 'a UTF-8 BOM is dropped');
  assert.equal(decodeVars(Uint8Array.from([0xff, 0xfe, 0x41, 0]), 'site.yaml').message?.ruleId, 'vars-encoding', 'UTF-16 is refused');
});

test('values typed as YAML tags, anchors or aliases are errors naming the key, or bind as the text an alias points at', () => {
  const cases: Array<[string, string]> = [
    ['PASSWORD: !x\n', 'vars-yaml-tag'],
    ['PASSWORD: !Secret99\n', 'vars-yaml-tag'],
    ['PASSWORD: &x\n', 'vars-yaml-anchor'],
    ['PASSWORD: *x\n', 'vars-yaml-alias'],
  ];
  for (const [text, rule] of cases) {
    const r = loadVars(text, 'site.yaml');
    assert.deepEqual(r.messages.map((m) => [m.ruleId, m.line, m.column]), [[rule, 1, 11]], text);
    assert.match(r.messages[0]!.reason, /`PASSWORD`/);
    assert.equal(r.vars.PASSWORD, undefined, 'never bound as empty');
  }
  const r = loadVars("A: &a 'S3cret!'\nB: *a\nC: !!str 0123\nD: '!x'\n", 'site.yaml');
  assert.deepEqual(r.messages, []);
  assert.deepEqual(r.vars, { A: 'S3cret!', B: 'S3cret!', C: '0123', D: '!x' });
});

test('no message about a vars file quotes any part of a value', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[A-Za-z0-9]{6,12}$/), fc.constantFrom('!', '&', '*', '|', '@', '`', '%', "'", '"', '{', '[', '\u0007'), (secret, lead) => {
      const text = `PASSWORD: ${lead}${secret}\n`;
      const r = loadVars(text, 'site.yaml');
      for (const m of r.messages) assert.ok(!m.reason.includes(secret), `${JSON.stringify(text)} → ${m.reason}`);
      for (const m of checkSite(r, 'site.yaml', variables())) assert.ok(!m.reason.includes(secret));
    }),
    { numRuns: 200 },
  );
});

test('checkSite: unknown keys with did-you-mean, empty values, values of the wrong kind, at the key or value', () => {
  const text = ['PASWORD: x', 'CONTROLLER_IP: 10.0.0.300', 'CONTROLLER_HOST: ctl-a', 'API_PORT: 70000', 'OTHER_GUIDE_KEY: 1', ''].join('\n');
  const loaded = loadVars(text, 'site.yaml');
  const got = checkSite(loaded, 'site.yaml', variables()).map((m) => [m.ruleId, m.severity, m.line, m.column]);
  assert.deepEqual(got, [
    ['site-unknown-key', 'error', 1, 1],
    ['site-value-kind', 'error', 2, 16],
    ['site-value-kind', 'error', 4, 11],
    ['site-unknown-key', 'warning', 5, 1],
  ]);
  const typo = checkSite(loaded, 'site.yaml', variables())[0]!;
  assert.match(typo.reason, /did you mean `PASSWORD`/);
  const empty = loadVars('PASSWORD:\nCONTROLLER_IP: 192.0.2.1\nCONTROLLER_HOST: 192.0.2.1\nAPI_PORT: 5000\n', 'site.yaml');
  assert.deepEqual(checkSite(empty, 'site.yaml', variables()).map((m) => [m.ruleId, m.severity, m.line]), [['site-missing-value', 'error', 1]]);
  assert.deepEqual(checkSite(empty, 'site.yaml', variables(), { allowUnbound: true }).map((m) => m.severity), ['warning']);
  const present = loadVars('PASSWORD: a\nPASWORD: b\n', 'site.yaml');
  assert.deepEqual(checkSite(present, 'site.yaml', variables()).map((m) => m.severity), ['warning'], 'a near name whose variable has a value is not a typo that leaves it unbound');
});

test('checkSite: keys close to no variable (other guides\' keys) are one warning naming them, at the first', () => {
  const loaded = loadVars('PASSWORD: a\nGLANCE_DBPASS: b\nCONTROLLER_IP: 192.0.2.1\nSWIFT_HASH_SUFFIX: c\n', 'site.yaml');
  const got = checkSite(loaded, 'site.yaml', variables());
  assert.deepEqual(got.map((m) => [m.ruleId, m.severity, m.line]), [['site-unknown-key', 'warning', 2]]);
  assert.match(got[0]!.reason, /2 keys `GLANCE_DBPASS`, `SWIFT_HASH_SUFFIX` in site\.yaml/);
});

test('didYouMean proposes a close name or the same name in another case, nothing for a far one', () => {
  const known = ['PASSWORD', 'NOVA_DBPASS', 'NOVA_PASS', 'CONTROLLER_HOST'];
  assert.equal(didYouMean('PASWORD', known), 'PASSWORD');
  assert.equal(didYouMean('password', known), 'PASSWORD');
  assert.equal(didYouMean('NOVA_DBPAS', known), 'NOVA_DBPASS');
  assert.equal(didYouMean('CONTROLER_HOST', known), 'CONTROLLER_HOST');
  assert.equal(didYouMean('ZZ', known), null);
  assert.equal(didYouMean('X', []), null);
});

test('grammars/site/value-kinds.yaml validates and its kinds decide from the last listed name segment', () => {
  const data = loadSiteData<{ kinds: Array<{ kind: string; segments: string[] }> }>('value-kinds');
  for (const { kind, segments } of data.kinds) for (const s of segments) assert.equal(variableKind(`SOME_${s}`), kind, s);
  assert.equal(variableKind('CONTROLLER_HOST_IP'), 'ip');
  assert.equal(variableKind('PASSWORD'), null);
  assert.equal(variableKind('PASSWORD', 'host'), 'host', 'a kind the graph gives wins');
  assert.equal(variableKind('X_IP', 'region'), 'ip', 'a kind that is not checked falls back to the name');
});

test('fitsKind accepts and refuses each kind', () => {
  const yes: Array<[string, Parameters<typeof fitsKind>[1]]> = [['192.0.2.1', 'ip'], ['fd00::1', 'ip'], ['ctl-a', 'host'], ['ctl-a.example.com.', 'host'], ['10.0.0.1', 'host'], ['5000', 'port'], ['65535', 'port'], ['192.168.1.0/24', 'cidr'], ['fd00::/64', 'cidr'], ['255.255.255.0', 'netmask'], ['nova@example.com', 'email']];
  const no: Array<[string, Parameters<typeof fitsKind>[1]]> = [['10.0.0.300', 'ip'], ['ctl a', 'ip'], ['-ctl', 'host'], ['ctl_a', 'host'], ['10.0.0.300', 'host'], ['0', 'port'], ['70000', 'port'], ['5e3', 'port'], ['10.0.0.0/33', 'cidr'], ['10.0.0.0', 'cidr'], ['255.0.255.0', 'netmask'], ['nova', 'email'], ['a b@x.com', 'email']];
  for (const [v, k] of yes) assert.ok(fitsKind(v, k), `${v} is ${k}`);
  for (const [v, k] of no) assert.ok(!fitsKind(v, k), `${v} is not ${k}`);
});

test('randomSecret: letters and digits, the length asked, from the random source given', () => {
  const s = randomSecret();
  assert.equal(s.length, SECRET_LENGTH);
  assert.ok(SECRET_LENGTH >= 24);
  assert.match(s, /^[A-Za-z0-9]+$/);
  assert.notEqual(randomSecret(), s);
  // Bytes ≥ 248 are skipped (62 × 4 = 248 keeps every character equally likely).
  assert.equal(randomSecret(3, (n) => Uint8Array.from({ length: n }, (_, i) => (i % 2 ? 0 : 250))), 'AAA');
});

test('fillSecrets fills empty secrets only, keeps every other byte (comments, values), adds missing secrets', () => {
  const g = bashSampleGraph();
  g.placeholders = [ph('PASSWORD', 'PASSWORD', 3, true), ph('NOVA_PASS', 'NOVA_PASS', 4, true), ph('IP', 'IP', 5), ph('RABBIT_PASS', 'RABBIT_PASS', 6, true)];
  const text = '# site of the lab\nPASSWORD: keep-this # inline comment\n# the nova password\nNOVA_PASS: # fill me\nIP:\n';
  const r = fillSecrets(text, 'site.yaml', siteVariables([g]));
  assert.deepEqual(r.filled, ['NOVA_PASS', 'RABBIT_PASS']);
  const lines = r.text.split('\n');
  assert.equal(lines[0], '# site of the lab');
  assert.equal(lines[1], 'PASSWORD: keep-this # inline comment');
  assert.equal(lines[2], '# the nova password');
  assert.match(lines[3]!, /^NOVA_PASS: '[A-Za-z0-9]{32}' # fill me$/);
  assert.equal(lines[4], 'IP:', 'not a secret: left empty');
  const loaded = loadVars(r.text, 'site.yaml');
  assert.deepEqual(loaded.messages, []);
  assert.equal(loaded.vars.PASSWORD, 'keep-this');
  assert.match(loaded.vars.RABBIT_PASS!, /^[A-Za-z0-9]{32}$/);
  assert.notEqual(loaded.vars.NOVA_PASS, loaded.vars.RABBIT_PASS);
  const again = fillSecrets(r.text, 'site.yaml', siteVariables([g]));
  assert.deepEqual([again.filled, again.text], [[], r.text], 'a second run changes nothing');
  const noGuides = fillSecrets('DB_PASS:\nHOST:\n', 'site.yaml', new Map());
  assert.deepEqual(noGuides.filled, ['DB_PASS'], 'without guides the names say which keys are secrets');
  assert.equal(fillSecrets('- a\n', 'site.yaml', new Map()).messages[0]?.ruleId, 'vars-shape');
});

/** The shared sample guide (test/helpers/sample-guide.ts): one secret placeholder, PASSWORD. */
const GUIDE = [...MYSQL_PASSWORD_GUIDE_LINES, ''].join('\n');

test('compile with a site file holding a typo exits 1 with file:line:col and writes nothing; a Shift_JIS one too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-site-'));
  try {
    const guide = join(dir, 'g.txt');
    writeFileSync(guide, GUIDE);
    const site = join(dir, 'site.yaml');
    writeFileSync(site, "PASSWORD: 'S3cret-Value'\nPASWORD: other\n", { mode: 0o600 });
    const out = join(dir, 'out');
    let r = await tejun('compile', guide, '--vars', site, '-o', out);
    // The typo's variable has a value: a warning only, and the outputs are written.
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /site\.yaml:2:1 {2}warning {2}.*did you mean `PASSWORD`.* {2}site-unknown-key/);
    rmSync(out, { recursive: true, force: true });
    writeFileSync(site, "PASWORD: 'S3cret-Value'\n", { mode: 0o600 });
    r = await tejun('compile', guide, '--vars', site, '-o', out);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /site\.yaml:1:1 {2}error {2}.*did you mean `PASSWORD`.* {2}site-unknown-key/);
    assert.ok(!r.stderr.includes('S3cret-Value'));
    assert.ok(!existsSync(out), 'nothing written');
    writeFileSync(site, Uint8Array.from([...new TextEncoder().encode('A: x\n'), ...Encoding.convert(Encoding.stringToCode('PASSWORD: 秘密\n'), { to: 'SJIS', from: 'UNICODE' })]), { mode: 0o600 });
    r = await tejun('compile', guide, '--vars', site, '-o', out);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /site\.yaml:2:11 {2}error {2}.*not UTF-8.* {2}vars-encoding/);
    assert.ok(!existsSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('vars --generate-secrets FILE fills the secrets, writes mode 0600, keeps values and comments', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-secrets-'));
  try {
    const guide = join(dir, 'g.txt');
    writeFileSync(guide, GUIDE);
    const site = join(dir, 'site.yaml');
    const r = await tejun('vars', guide, '--generate-secrets', site);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(statSync(site).mode & 0o777, 0o600);
    const first = readFileSync(site, 'utf8');
    // The guide's PASSWORD is the password of the database user nova: its site variable is NOVA_DBPASS.
    const value = (parseDocument(first).toJS() as Record<string, string>).NOVA_DBPASS!;
    assert.match(value, /^[A-Za-z0-9]{32}$/);
    assert.ok(!r.stderr.includes(value) && !r.stdout.includes(value), 'the value is never printed');
    assert.match(first, /^# .*セキュアなパスワード$/m, 'the skeleton comments are kept');
    writeFileSync(site, `# mine\n${first}`, { mode: 0o644 });
    const again = await tejun('vars', '--generate-secrets', site);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(readFileSync(site, 'utf8'), `# mine\n${first}`, 'never overwrites');
    assert.equal(statSync(site).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(dir).sort(), ['g.txt', 'site.yaml'], 'no temporary file left');
    const usage = await tejun('vars');
    assert.equal(usage.code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('build checks each site file against the project guides: a typo and a Shift_JIS file fail the build, named with their site', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-site-build-'));
  try {
    writeFileSync(join(dir, 'g.txt'), GUIDE);
    writeFileSync(join(dir, 'tejun.yaml'), 'guides: [g.txt]\ntargets: [bash]\nsites:\n  tokyo: {vars: tokyo.yaml}\n  osaka: {vars: osaka.yaml}\n');
    writeFileSync(join(dir, 'tokyo.yaml'), "PASWORD: 'S3cret-Value'\n", { mode: 0o600 });
    writeFileSync(join(dir, 'osaka.yaml'), Uint8Array.from(Encoding.convert(Encoding.stringToCode('PASSWORD: 秘密\n'), { to: 'SJIS', from: 'UNICODE' })), { mode: 0o600 });
    const r = await tejun('build', '-C', dir, '-q');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /tokyo\.yaml:1:1 .*did you mean `PASSWORD`.*\(site tokyo\)\s+site-unknown-key/);
    assert.match(r.stderr, /osaka\.yaml:1:11 .*not UTF-8.*\(site osaka\)\s+vars-encoding/);
    assert.ok(!r.stderr.includes('S3cret-Value'));
    assert.ok(!existsSync(join(dir, 'out')), 'nothing written');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
