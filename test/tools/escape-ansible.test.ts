/**
 * escape/ansible.ts and escape/yaml.ts over generated hostile values (fast-check, fixed seed),
 * proved with Jinja2 (python3-jinja2: Ansible's `quote` filter is shlex.quote, `urlencode` is
 * Jinja's own), PyYAML (how Ansible loads YAML) and bash, with a canary file. Ansible itself is
 * not needed here (the e2e tier runs ansible-playbook). python3 with jinja2 and yaml is required:
 * the tests fail, never skip, without it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, type Tags } from 'yaml';
import { escapeJinja, jinjaVar, literalOf, toJinja, UnsafeText, type JinjaSegment } from '../../src/generate/escape/ansible.js';
import { pythonString } from '../../src/generate/escape/python.js';
import { urlUserinfo } from '../../src/generate/escape/url.js';
import { PlayWriter } from '../../src/generate/ansible/yaml.js';
import { canaries, sampleHostile, SEED } from '../helpers/hostile-values.js';

/** Renders templates with Jinja2 as Ansible configures it for these filters; `lookup` touches files. */
function jinja2(jobs: { template: string; vars: Record<string, string> }[]): string[] {
  const script = [
    'import json, shlex, subprocess, sys, jinja2',
    'env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)',
    "env.filters['quote'] = lambda s: shlex.quote(str(s))",
    "env.globals['lookup'] = lambda kind, cmd: subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout",
    'jobs = json.load(sys.stdin)',
    "print(json.dumps([env.from_string(j['template']).render(**j['vars']) for j in jobs]))",
  ].join('\n');
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(jobs), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as string[];
}

/** A scratch directory with a canary path inside. */
function scratch(): { dir: string; canary: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-escape-ansible-'));
  return { dir, canary: join(dir, 'CANARY') };
}

test('escapeJinja and literalOf: Jinja2 renders escaped guide text back unchanged, literalOf inverts it, and a canary lookup never runs', () => {
  const { dir, canary } = scratch();
  try {
    const unit = fc.constantFrom('{', '}', '%', '#', "'", '"', '\\', ' ', 'a', '\n', '-', 'ü', 'raw', 'endraw');
    // Jinja2 reads CR and CRLF in a template's text as LF (newline_sequence): guide text with a CR is
    // only exact when written !unsafe (asUnsafe), which every guide-only string is.
    const samples = [...fc.sample(fc.string({ unit }), { seed: SEED, numRuns: 300 }), ...sampleHostile(canary, 200), ...canaries(canary), '{', 'a{', '{{{', '{%raw%}{{x}}{%endraw%}']
      .map((s) => s.replace(/\r/g, ''));
    const templates = samples.map(escapeJinja);
    assert.deepEqual(jinja2(templates.map((template) => ({ template, vars: {} }))), samples);
    assert.deepEqual(templates.map(literalOf), samples);
    assert.equal(existsSync(canary), false);
    assert.equal(literalOf('a {{ V }} b'), null);
    assert.equal(literalOf(`x{{ '{{' }}{% if 1 %}`), null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** `v` without its trailing line breaks. */
function chomp(v: string): string {
  return v.replace(/\n+$/, '');
}

/** Shell commands with a placeholder V in every quoting, backticks and `$( )` included. */
const SHELL: Array<{ segments: JinjaSegment[]; expect: (v: string) => string }> = (() => {
  const V: JinjaSegment = { placeholder: { variable: 'V' } };
  const t = (text: string): JinjaSegment => ({ text });
  return [
    { segments: [t("printf '%s|' "), V], expect: (v) => `${v}|` },
    { segments: [t("printf '%s|' 'a "), V, t(" b'")], expect: (v) => `a ${v} b|` },
    { segments: [t("printf '%s|' \"c "), V, t(' d{{x}}"')], expect: (v) => `c ${v} d{{x}}|` },
    { segments: [t("printf '%s|' $'e "), V, t("'")], expect: (v) => `e ${v}|` },
    // A command substitution drops the trailing line breaks of what it prints (bash, not tejun).
    { segments: [t("printf '%s|' \"$(printf '%s' "), V, t(')"')], expect: (v) => `${chomp(v)}|` },
    { segments: [t("printf '%s|' \"$(printf '%s' '"), V, t('\')"')], expect: (v) => `${chomp(v)}|` },
    { segments: [t("printf '%s|' \"`printf '%s' "), V, t('`"')], expect: (v) => `${chomp(v)}|` },
    { segments: [t("printf '%s|' \"`printf '%s' \\\""), V, t('\\"`"')], expect: (v) => `${chomp(v)}|` },
    { segments: [t("printf '%s|' \\"), V], expect: (v) => `${v}|` },
  ];
})();

test('toJinja shell: Jinja2 then bash give the value exactly in every quoting, inside $( ) and backticks too; no canary', () => {
  const { dir, canary } = scratch();
  try {
    const values = [...sampleHostile(canary, 120), '', '-n', '`', '\\', '$'];
    const jobs = values.flatMap((v) => SHELL.map((c) => ({ template: toJinja(c.segments, 'shell'), vars: { V: v } })));
    const commands = jinja2(jobs);
    const script = commands.map((cmd) => `${cmd}\nprintf '\\0'`).join('\n');
    const r = spawnSync('bash', ['-s'], { cwd: dir, input: script, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr);
    const out = r.stdout.split('\0').slice(0, -1);
    assert.deepEqual(out, values.flatMap((v) => SHELL.map((c) => c.expect(v))));
    assert.equal(existsSync(canary), false, 'a value ran in a shell command');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('jinjaVar url and python: Jinja2 writes what urlUserinfo and pythonString write; SQL outside quotes is a backquoted identifier', () => {
  const { dir, canary } = scratch();
  try {
    // One line: a line break in a value bound into a Python string literal is refused at binding.
    const values = [...sampleHostile(canary, 200, true), '', 'p@ss/w:rd#?', '%', 'é😀', 'tab\there'];
    const jobs = values.flatMap((v) => (['url', 'python-single', 'python-double'] as const).map((ctx) => ({ template: jinjaVar('V', ctx), vars: { V: v } })));
    const out = jinja2(jobs);
    assert.deepEqual(out, values.flatMap((v) => [urlUserinfo(v), pythonString(v, "'"), pythonString(v, '"')]));
    const sql = toJinja([{ text: 'CREATE DATABASE ' }, { placeholder: { variable: 'V' } }, { text: ';' }], 'sql');
    assert.deepEqual(jinja2([{ template: sql, vars: { V: 'no`va; DROP' } }]), ['CREATE DATABASE `no``va; DROP`;']);
    const url = toJinja([{ text: 'connection = mysql://nova:' }, { placeholder: { variable: 'V' } }, { text: '@controller/nova' }], 'raw');
    assert.deepEqual(jinja2([{ template: url, vars: { V: 'p@ss/:#?' } }]), ['connection = mysql://nova:p%40ss%2F%3A%23%3F@controller/nova']);
    const py = toJinja([{ text: "'PASSWORD': '" }, { placeholder: { variable: 'V' } }, { text: "'," }], 'python');
    assert.deepEqual(jinja2([{ template: py, vars: { V: "a'b\\c\td" } }]), ["'PASSWORD': 'a\\'b\\\\c\td',"]);
    assert.equal(existsSync(canary), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** `!unsafe` as a YAML tag reading back as `{ unsafe: text }`, to tell tagged strings apart. */
const UNSAFE: Tags = [{ tag: '!unsafe', identify: () => false, resolve: (value: string) => ({ unsafe: value }) } as unknown as Tags[number]];

test('PlayWriter: UnsafeText is written `!unsafe` in every scalar style; strings PyYAML cannot take raw are escaped; both read back by PyYAML and yaml', () => {
  const every = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 20 });
  const texts = [...fc.sample(every, { seed: SEED, numRuns: 200 }), 'a\nb\n', '  lead', 'x: y', '- z', '', '{{ x }}', 'a\u2028b', 'a\x7fb', '\ufffe', 'a\x85b', 'a\ud800b']
    .filter((s) => !/[\ud800-\udfff]/.test(s) || s === 'a\ud800b');
  const writer = new PlayWriter();
  const data = texts.map((text, i) => ({ name: new UnsafeText(text), n: i, plain: text }));
  const yaml = `---\n${data.map((d) => writer.item(d)).join('\n')}\n`;
  const back = parse(yaml, { customTags: UNSAFE, version: '1.1' }) as Array<{ name: { unsafe: string }; plain: string }>;
  assert.deepEqual(back.map((d) => d.name.unsafe), texts);
  assert.deepEqual(back.map((d) => d.plain), texts);
  const py = spawnSync(
    'python3',
    ['-c', [
      'import json, sys, yaml',
      'class L(yaml.SafeLoader): pass',
      "L.add_constructor('!unsafe', lambda loader, node: {'unsafe': loader.construct_scalar(node)})",
      "data = yaml.load(sys.stdin.read(), Loader=L)",
      "json.dump([[d['name']['unsafe'], d['plain']] for d in data], sys.stdout, ensure_ascii=True)",
    ].join('\n')],
    { input: yaml, encoding: 'utf8' },
  );
  assert.equal(py.status, 0, py.stderr);
  assert.deepEqual(JSON.parse(py.stdout), texts.map((t) => [t, t]));
});
