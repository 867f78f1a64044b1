/**
 * The Ansible generator checked with the tools themselves: Jinja safety proved with Jinja2
 * (python3-jinja2, installed with the Debian ansible package) and bash, ansible-playbook
 * (--syntax-check and a local run) and ansible-lint on the output. The structure of the playbook
 * is tested without tools in test/generate-ansible.test.ts. The tools are required: these tests
 * fail, never skip, when they are missing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import type { StepGraph } from '../../src/ir/types.js';
import { escapeJinja, jinjaVar, toJinja } from '../../src/generate/escape/ansible.js';
import { stepsToAnsible } from '../../src/generate/ansible/steps-to-ansible.js';
import { rootedRedirects, withMysqlDefaults } from '../../src/generate/ansible/paths.js';
import { withoutConnectionOptions } from '../../src/generate/shell/sql-client.js';
import type { GenerateOptions } from '../../src/generate/index.js';
import { sqlString } from '../../src/generate/escape/sql.js';
import { sampleGraph } from '../helpers/ansible-sample-graph.js';

/** A value with everything that could break quoting or templating. */
const HOSTILE = `pa'ss"w{{ 7*7 }}{% if 1 %}x{% endif %}$(id)\`id\`\nline2\\ -dash ü`;

/** HOSTILE on one line: the sample graph puts PASSWORD into an INI value, where a line break is refused at binding. */
const HOSTILE_LINE = HOSTILE.replace(/\n/g, ' ');

const VARS: GenerateOptions = { vars: { PASSWORD: HOSTILE_LINE, IP: '10.0.0.1' } };

/** Renders templates with Jinja2 (Ansible's `quote` filter is shlex.quote). */
function jinja2(jobs: { template: string; vars: Record<string, string> }[]): string[] {
  const script = [
    'import json, shlex, sys, jinja2',
    'env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)',
    "env.filters['quote'] = lambda s: shlex.quote(str(s))",
    'jobs = json.load(sys.stdin)',
    "print(json.dumps([env.from_string(j['template']).render(**j['vars']) for j in jobs]))",
  ].join('\n');
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(jobs), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as string[];
}

test('tejun_mysql_defaults drops the guide\'s -u/-h/-P and a glued -pX, as TEJUN_MYSQL_DEFAULTS does (Jinja2)', () => {
  const cmd = withoutConnectionOptions('mysql -u nova -h controller01 -P 3306 -pNOVA_DBPASS --user=x nova');
  assert.equal(cmd, 'mysql nova');
  const template = withMysqlDefaults('mysql -u nova -h controller01 -pNOVA_DBPASS nova', cmd);
  const [withFile, without] = jinja2([
    { template, vars: { tejun_mysql_defaults: "/tmp/my dir/it's.cnf" } },
    { template, vars: { tejun_mysql_defaults: '' } },
  ]);
  assert.equal(withFile, `mysql --defaults-extra-file='/tmp/my dir/it'"'"'s.cnf' nova`);
  assert.equal(without, 'mysql -u nova -h controller01 -pNOVA_DBPASS nova');
  const plain = withMysqlDefaults('mysql nova');
  assert.deepEqual(
    jinja2([{ template: plain, vars: { tejun_mysql_defaults: '/x.cnf' } }, { template: plain, vars: { tejun_mysql_defaults: '' } }]),
    ['mysql --defaults-extra-file=/x.cnf nova', 'mysql nova'],
  );
  assert.equal(withMysqlDefaults('echo hi', 'echo hi'), 'echo hi', 'no client, unchanged');
});

test('rootedRedirects: a redirection to an absolute path lands under tejun_root, its directory made; unchanged without a root (Jinja2, bash)', () => {
  const cmd = "echo '@hourly x >/var/log/y' >> /var/spool/cron/crontabs/root 2>&1 && echo b > /dev/null && echo c > \"/etc/q\"";
  const template = rootedRedirects(cmd);
  const dir = mkdtempSync(join(tmpdir(), 'tejun-redirect-'));
  try {
    const [rooted, plain] = jinja2([
      { template, vars: { tejun_root: `${dir}/it's root` } },
      { template, vars: { tejun_root: '' } },
    ]);
    assert.equal(plain, cmd, 'no root: the guide\'s command as written');
    assert.ok(rooted!.startsWith(`mkdir -p -- '${dir}/it'"'"'s root/var/spool/cron/crontabs'\n`), rooted);
    assert.ok(rooted!.endsWith('echo b > /dev/null && echo c > "/etc/q"'), 'quoted and /dev targets are left alone');
    const r = spawnSync('bash', ['-c', rooted!.replace('"/etc/q"', '/dev/null')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(join(dir, "it's root", 'var/spool/cron/crontabs/root'), 'utf8'), "@hourly x >/var/log/y\n");
    assert.equal(rootedRedirects('echo a | grep a'), 'echo a | grep a');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('escapeJinja: Jinja2 renders any text back unchanged (property)', () => {
  const arb = fc.string({ unit: fc.constantFrom('{', '}', '%', '#', "'", '"', '\\', ' ', 'a', '\n', '-', 'ü') });
  const samples = [...fc.sample(arb, 300), '{{', '{%', '{#', '{{{', '{%raw%}', '{{ 7*7 }}', '{% endraw %}'];
  const rendered = jinja2(samples.map((s) => ({ template: escapeJinja(s), vars: {} })));
  assert.deepEqual(rendered, samples);
});

test('jinjaVar sql contexts: Jinja2 gives the MySQL-escaped value (property)', () => {
  const samples = [...fc.sample(fc.string({ unit: 'grapheme' }), 150), HOSTILE, "\\'", '\\'];
  const single = jinja2(samples.map((v) => ({ template: jinjaVar('V', 'sql-single'), vars: { V: v } })));
  assert.deepEqual(single, samples.map((v) => v.replace(/[\\']/g, (c) => `\\${c}`)));
  assert.deepEqual(single.filter((_, i) => !samples[i]!.includes('\0')), samples.filter((v) => !v.includes('\0')).map(sqlString));
  const double = jinja2(samples.map((v) => ({ template: jinjaVar('V', 'sql-double'), vars: { V: v } })));
  assert.deepEqual(double, samples.map((v) => v.replace(/[\\"]/g, (c) => `\\${c}`)));
  const ident = jinja2(samples.map((v) => ({ template: jinjaVar('V', 'sql-ident'), vars: { V: v } })));
  assert.deepEqual(ident, samples.map((v) => v.replace(/`/g, '``')));
});

test('toJinja shell: placeholders unquoted, in single and in double quotes reach bash exactly (property)', () => {
  const value = fc.string({ unit: fc.constantFrom("'", '"', '\\', '$', '(', ')', '`', ' ', '\n', 'a', '{', '}', '%', '-', '*', 'é') });
  const samples = [...fc.sample(value, 60), HOSTILE, '', '-n'];
  const p = { variable: 'V' };
  const template = toJinja(
    [{ text: "printf '%s|' " }, { placeholder: p }, { text: " 'a " }, { placeholder: p }, { text: ` b' "c ` }, { placeholder: p }, { text: ' d{{x}}"' }],
    'shell',
  );
  const commands = jinja2(samples.map((v) => ({ template, vars: { V: v } })));
  commands.forEach((cmd, i) => {
    const v = samples[i]!;
    const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `${v}|a ${v} b|c ${v} d{{x}}|`, JSON.stringify(v));
  });
});

test('ansible-playbook --syntax-check accepts the output, hostile prose included', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-ansible-'));
  try {
    for (const f of stepsToAnsible(sampleGraph(true), VARS).files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
    const r = spawnSync('ansible-playbook', ['--syntax-check', '-i', 'inventory.ini', 'site.yml'], {
      cwd: join(dir, '000_sample'),
      encoding: 'utf8',
      env: { ...process.env, ANSIBLE_NOCOLOR: '1' },
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('ansible-playbook run locally: hostile values and literal {{ }} reach commands and files unchanged', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-ansible-run-'));
  try {
    const out = join(dir, 'out');
    mkdirSync(out);
    const action = (id: string, run: string) =>
      ({ id, kind: 'command', run, user: 'root', verify: false, expect: null, source: { line: 3 } }) as const;
    const graph: StepGraph = {
      ...sampleGraph(),
      roles: [],
      procedures: [
        {
          id: 'p',
          title: 'Write {{ values }}',
          role: null,
          source: { line: 1 },
          steps: [
            {
              id: 's',
              text: 'Write {{ lookup("pipe", "id") }}',
              role: null,
              when: null,
              source: { line: 2 },
              actions: [
                action('c1', `printf %s VALUE > ${out}/unquoted`),
                action('c2', `printf %s 'VALUE' > ${out}/single`),
                action('c3', `printf %s "x VALUE y" > ${out}/double`),
                action('c4', `printf %s '{{ 7*7 }} {% raw %}' > ${out}/literal`),
                action('c5', `touch ${out}/t-VALUE`),
                { id: 'i1', kind: 'ini', file: `${out}/conf.ini`, section: 'DEFAULT', key: 'k', value: 'VALUE', via: 'crudini', source: { line: 4 } },
              ],
            },
          ],
        },
      ],
      placeholders: [{ name: 'VALUE', description: null, secret: false, source: { line: 1 }, variable: 'VALUE', scope: null }],
      literals: [],
      missing: [],
    };
    const value = `a'b"c {{ 7*7 }} $(echo no) \`echo no\` {% if 1 %}x{% endif %} ü \\ end`;
    for (const f of stepsToAnsible(graph, { vars: { VALUE: value } }).files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
    const base = join(dir, '000_sample');
    writeFileSync(join(base, 'local.ini'), 'localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n');
    const root = join(dir, 'root');
    const r = spawnSync('ansible-playbook', ['-i', 'local.ini', '-e', 'ansible_become=false', '-e', `tejun_root=${root}`, 'site.yml'], {
      cwd: base,
      encoding: 'utf8',
      env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCAL_TEMP: join(dir, 'tmp'), ANSIBLE_HOME: join(dir, 'home') },
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    // Redirections to absolute paths land under tejun_root, as the files of ini_file do.
    assert.equal(readFileSync(join(root, out, 'unquoted'), 'utf8'), value);
    assert.equal(readFileSync(join(root, out, 'single'), 'utf8'), value);
    assert.equal(readFileSync(join(root, out, 'double'), 'utf8'), `x ${value} y`);
    assert.equal(readFileSync(join(root, out, 'literal'), 'utf8'), '{{ 7*7 }} {% raw %}');
    assert.equal(existsSync(join(out, 'unquoted')), false, 'nothing written outside tejun_root by a redirection');
    assert.ok(readFileSync(join(root, out, 'conf.ini'), 'utf8').includes(`k = ${value}`), 'the INI file is written under tejun_root');
    assert.ok(existsSync(join(root, 'var/lib/tejun/000_sample/c1.done')), 'run-once stamps are under tejun_root, named by the action id');
    assert.doesNotThrow(() => readFileSync(join(out, `t-${value}`)));
    assert.match(r.stdout, /Write \{\{ lookup\("pipe", "id"\) \}\}/, 'task name shown literally');
    // A second run finds the stamps first and skips every run-once task on the controller.
    const again = spawnSync('ansible-playbook', ['-i', 'local.ini', '-e', 'ansible_become=false', '-e', `tejun_root=${root}`, 'site.yml'], {
      cwd: base,
      encoding: 'utf8',
      env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCAL_TEMP: join(dir, 'tmp'), ANSIBLE_HOME: join(dir, 'home') },
    });
    assert.equal(again.status, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /localhost\s+:\s+ok=\d+\s+changed=0\s/, again.stdout);
    assert.match(again.stdout, /skipping: \[localhost\]/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('ansible-lint: no fqcn, changed-when, command-instead-of-*, shell-pipe, free-form, name[missing] or yaml findings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-ansible-lint-'));
  try {
    for (const f of stepsToAnsible(sampleGraph(true), VARS).files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
    const r = spawnSync('ansible-lint', ['--offline', '--nocolor', '-p', 'site.yml'], {
      cwd: join(dir, '000_sample'),
      encoding: 'utf8',
      env: { ...process.env, ANSIBLE_HOME: join(dir, 'home'), HOME: dir },
    });
    const findings = r.stdout.split('\n').filter((l) => /^(site\.yml|roles\/[^:]+\.yml):\d+/.test(l));
    assert.ok(findings.length > 0 || r.status === 0, `ansible-lint produced no report: ${r.stderr}`);
    const banned = /\b(fqcn|no-changed-when|command-instead-of-module|command-instead-of-shell|risky-shell-pipe|no-free-form|name\[missing\]|yaml)\b/;
    assert.deepEqual(findings.filter((l) => banned.test(l)), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
