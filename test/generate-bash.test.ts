/**
 * The bash generator: the quoting-context scanner and the generated runbook, run with bash.
 * Hostile values (quotes, `$()`, backticks, `;`, newlines, `{{ }}`, leading dashes, unicode) bound
 * into a runbook must arrive verbatim in commands, INI files, appended files and SQL sessions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { generate } from '../src/generate/index.js';
import { bashVariableNames, safeBashName } from '../src/generate/bash/names.js';
import { sqlPieces, substituteShell } from '../src/generate/bash/subst.js';
import { stepsToBash } from '../src/generate/bash/steps-to-bash.js';
import { shellQuote } from '../src/generate/escape/bash.js';
import { sqlString } from '../src/generate/escape/sql.js';
import { urlUserinfo } from '../src/generate/escape/url.js';
import type { Procedure, StepGraph } from '../src/ir/types.js';
import { bashSampleGraph, ph } from './helpers/bash-sample-graph.js';

const HOSTILE = [
  `it's "quoted" $(touch pwned) \`touch pwned2\`; rm -rf / & echo {{ lookup('pipe','id') }}`,
  '-n',
  '--help',
  'multi\nline\nvalue',
  'パスワード😀 ${HOME} $HOME \\ \\n %s %%',
  "'; DROP TABLE x; -- \\' \"",
];

/** Values for the property test: hostile pieces joined (no NUL: bash strings cannot hold it). */
const hostileValue = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE, "'", '"', '`', '$', '\\', '\n', ' ', '!', '*'), fc.string({ maxLength: 3 })), { maxLength: 6 })
  .map((p) => p.join('').replace(/\0/g, ''));

test('substituteShell: a placeholder reads back as the value in every quoting context', () => {
  const V = ph('VALUE', 'VALUE', 1);
  const forms: Array<[string, (v: string) => string]> = [
    ['VALUE', (v) => v],
    ['"a VALUE b"', (v) => `a ${v} b`],
    ["'a VALUE b'", (v) => `a ${v} b`],
    ["$'a\\t VALUE'", (v) => `a\t ${v}`],
    ['"$(printf %s "VALUE")"', (v) => v.replace(/\n+$/, '')],
    ['"x$(printf %s VALUE)y"', (v) => `x${v.replace(/\n+$/, '')}y`],
    ['"\\$VALUE"', (v) => `$${v}`],
  ];
  fc.assert(
    fc.property(hostileValue, (value) => {
      const lines = [`VALUE=${shellQuote(value)}`];
      for (const [form] of forms) {
        const sub = substituteShell(`printf '%s\\0' ${form}`, [V], (p) => p.variable);
        assert.ok(sub.balanced, form);
        lines.push(`eval ${shellQuote(sub.text)}`);
      }
      const r = spawnSync('bash', ['-c', lines.join('\n')], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(r.stdout.split('\0').slice(0, -1), forms.map(([, f]) => f(value)));
    }),
    { numRuns: 30 },
  );
});

test('substituteShell reports unbalanced commands and lists used placeholders once', () => {
  const P = ph('P', 'P', 1);
  assert.equal(substituteShell('echo "P', [P], () => 'P').balanced, false);
  assert.equal(substituteShell("echo 'x", [], () => 'P').balanced, false);
  assert.equal(substituteShell('echo $(date', [], () => 'P').balanced, false);
  const sub = substituteShell("echo P 'P' \"P\"", [P], () => 'X');
  assert.equal(sub.text, `echo "\${X}" ''"\${X}"'' "\${X}"`);
  assert.deepEqual(sub.used, [P]);
});

test('sqlPieces: strings, identifiers and bare words', () => {
  const P = ph('PASSWORD', 'PASSWORD', 1);
  const D = ph('nova', 'NOVA', 1);
  const pieces = sqlPieces("GRANT ALL ON nova.* TO 'nova'@'%' IDENTIFIED BY 'PASSWORD'; -- `nova`", [P, D]);
  const ctx = pieces.flatMap((p) => ('placeholder' in p ? [`${p.placeholder.name}:${p.context}`] : []));
  assert.deepEqual(ctx, ['nova:bare', 'nova:string', 'PASSWORD:string', 'nova:identifier']);
  const esc = sqlPieces("SELECT 'it\\'s P', \"P\"", [ph('P', 'P', 1)]);
  assert.deepEqual(esc.flatMap((p) => ('placeholder' in p ? [p.context] : [])), ['string', 'string']);
});

test('safeBashName never clobbers shell or environment variables', () => {
  assert.equal(safeBashName('PASSWORD'), 'PASSWORD');
  for (const n of ['USER', 'PATH', 'HOME', 'IFS', 'PWD', 'SHELL', 'HOSTNAME', 'UID', 'LANG', 'TEJUN_ROOT', 'BASH_ENV', 'LD_PRELOAD', 'PS4']) {
    const safe = safeBashName(n);
    assert.notEqual(safe, n);
    assert.match(safe, /^TEJUN_/);
    assert.ok(!['TEJUN_ROOT', 'TEJUN_ROLE', 'TEJUN_YES'].includes(safe));
  }
  assert.match(safeBashName('9LIVES'), /^[A-Za-z_][A-Za-z0-9_]*$/);
  const graph = bashSampleGraph();
  graph.placeholders.push(ph('password', 'PASSWORD', 2));
  const names = bashVariableNames(graph);
  assert.equal(names.get('PASSWORD'), 'PASSWORD');
  assert.equal(names.get('password'), 'PASSWORD_2');
  assert.equal(names.get('USER'), 'TEJUN_USER');
});

/** Writes `content` as an executable script in a fresh temp dir; returns the dir. */
function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'tejun-bash-'));
}

/** Runs a generated runbook with bash in `dir`. */
function run(dir: string, script: string, args: string[], env: Record<string, string> = {}) {
  const path = join(dir, 'runbook.sh');
  writeFileSync(path, script);
  const r = spawnSync('bash', [path, ...args], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    // The step records go under the scratch folder, never the real /var/lib/tejun.
    env: { PATH: `${join(dir, 'bin')}:${process.env.PATH}`, HOME: dir, TEJUN_STATE_DIR: join(dir, 'state'), ...env },
  });
  return r;
}

/** A one-procedure graph whose actions write the bound values where the test can read them. */
function hostileGraph(): StepGraph {
  const proc: Procedure = {
    id: 'p', title: '手順1 値の書き込み', role: null, source: { line: 1 },
    steps: [
      { id: 's1', text: 'コマンドで書き込みます。', role: null, when: null, source: { line: 2 },
        actions: [
          { id: 'c1', kind: 'command', run: "printf '%s' VALUE > out-unquoted", user: 'root', verify: false, expect: null, source: { line: 3 } },
          { id: 'c2', kind: 'command', run: 'printf \'%s\' "VALUE" > out-double', user: 'root', verify: false, expect: null, source: { line: 4 } },
          { id: 'c3', kind: 'command', run: "printf '%s' 'VALUE' > out-single", user: 'user', verify: false, expect: null, source: { line: 5 } },
        ] },
      { id: 's2', text: '設定ファイルを編集します。', role: null, when: null, source: { line: 6 },
        actions: [
          { id: 'i1', kind: 'ini', file: '/etc/app/app.conf', section: 'database', key: 'connection', value: 'mysql://app:LINE@db/app', via: 'openstack-config', source: { line: 7 } },
          { id: 'i2', kind: 'ini', file: '/etc/app/app.conf', section: 'DEFAULT', key: 'debug', value: 'True', via: 'edit', source: { line: 8 } },
          { id: 'f1', kind: 'file', file: '/etc/app/list.txt', content: '# header\nLINE', source: { line: 9 } },
        ] },
      { id: 's3', text: 'データベースを作成します。', role: null, when: null, source: { line: 10 },
        actions: [
          { id: 'm1', kind: 'command', run: 'mysql -u root -p', user: 'root', verify: false, expect: null, interactive: true, source: { line: 11 } },
          { id: 'q1', kind: 'sql', run: "CREATE USER 'app'@'%' IDENTIFIED BY 'LINE';", session: 'm1', source: { line: 12 } },
          { id: 'q2', kind: 'sql', run: 'CREATE DATABASE DBNAME;', session: 'm1', source: { line: 13 } },
        ] },
    ],
  };
  return {
    schemaVersion: 1,
    source: { path: 'guides/hostile.txt', format: 'text', dialect: 'redhat-text', sha256: '00'.repeat(32) },
    title: "タイトル '$(touch title-pwned)'\n`x`", roles: [], procedures: [proc],
    placeholders: [ph('VALUE', 'VALUE', 3, true, "説明 '$(touch desc-pwned)'"), ph('LINE', 'LINE', 7), ph('DBNAME', 'DBNAME', 13)],
    literals: [], missing: [], messages: [],
  };
}

/** A fake mysql client recording its arguments and stdin. */
function fakeMysql(dir: string): void {
  mkdirSync(join(dir, 'bin'), { recursive: true });
  writeFileSync(join(dir, 'bin', 'mysql'), '#!/bin/sh\nprintf "%s\\n" "$*" > mysql.args\ncat > mysql.stdin\n');
  chmodSync(join(dir, 'bin', 'mysql'), 0o755);
}

test('hostile values bound into a runbook arrive verbatim in commands, INI, files and SQL', () => {
  for (const value of HOSTILE) {
    const line = value.replace(/\n/g, ' ');
    // A MySQL name cannot end with a blank (refused at binding, bind-values.ts).
    const dbname = ('db`x' + value.slice(0, 3).replace(/\n/g, '')).trimEnd();
    const result = stepsToBash(hostileGraph(), { vars: { VALUE: value, LINE: line, DBNAME: dbname } });
    assert.deepEqual(result.messages, []);
    const [file] = result.files;
    assert.equal(file.mode, 0o700, 'a bound secret makes the script private (and it stays executable)');
    const dir = scratch();
    fakeMysql(dir);
    const root = join(dir, 'root');
    for (let i = 0; i < 2; i++) {
      const r = run(dir, file.content, ['--yes'], { TEJUN_ROOT: root });
      assert.equal(r.status, 0, r.stderr);
    }
    for (const out of ['out-unquoted', 'out-double', 'out-single']) assert.equal(readFileSync(join(dir, out), 'utf8'), value, out);
    assert.ok(!['pwned', 'pwned2', 'title-pwned', 'desc-pwned'].some((f) => existsSync(join(dir, f))));
    const ini = readFileSync(join(root, 'etc/app/app.conf'), 'utf8');
    // In a URL's userinfo the value is percent-encoded (escape/url.ts).
    assert.equal(ini, `\n[database]\nconnection = mysql://app:${urlUserinfo(line)}@db/app\n\n[DEFAULT]\ndebug = True\n`.replace(/^\n/, ''));
    const list = readFileSync(join(root, 'etc/app/list.txt'), 'utf8');
    const expected = [...new Set(['# header', line])].join('\n') + '\n';
    assert.equal(list, expected, 'appended once, idempotent on the second run');
    assert.equal(readFileSync(join(dir, 'mysql.args'), 'utf8'), '-u root -p\n');
    const q = line.replace(/[\\'"]/g, (c) => `\\${c}`);
    assert.equal(readFileSync(join(dir, 'mysql.stdin'), 'utf8'), `CREATE USER IF NOT EXISTS 'app'@'%' IDENTIFIED BY '${q}';\nCREATE DATABASE IF NOT EXISTS \`${dbname.replace(/`/g, '``')}\`;\n`);
    assert.equal(sqlString(line).length <= q.length, true);
  }
});

test('an INI value with a line break is refused at binding (bound) and at run time (unbound), nothing half-written', () => {
  const refused = stepsToBash(hostileGraph(), { vars: { VALUE: 'v', LINE: 'a\nb', DBNAME: 'd' } });
  assert.deepEqual(refused.files, []);
  assert.deepEqual(refused.messages.map((m) => m.ruleId), ['value-line-break']);
  assert.match(refused.messages[0]!.reason, /`LINE`/);
  // At run time, in an INI value that is not a URL (there it is percent-encoded, line breaks included).
  const graph = hostileGraph();
  const ini = graph.procedures[0]!.steps[1]!.actions[0]!;
  assert.equal(ini.kind, 'ini');
  if (ini.kind === 'ini') ini.value = 'LINE';
  const result = stepsToBash(graph, { vars: { VALUE: 'v', DBNAME: 'd' }, allowUnbound: true });
  const dir = scratch();
  fakeMysql(dir);
  const r = run(dir, result.files[0]!.content, ['--yes'], { TEJUN_ROOT: join(dir, 'root'), LINE: 'a\nb' });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /line break/);
  assert.ok(!existsSync(join(dir, 'root/etc/app/app.conf')));
});

test('the ini helper replaces a key in its section only and keeps the rest of the file', () => {
  const dir = scratch();
  fakeMysql(dir);
  const root = join(dir, 'root');
  mkdirSync(join(root, 'etc/app'), { recursive: true });
  writeFileSync(join(root, 'etc/app/app.conf'), '# top\n[DEFAULT]\ndebug=False\n# debug = x\n\n[database]\n connection = old\nother = 1\n[x]\nconnection = keep\n');
  const result = stepsToBash(hostileGraph(), { vars: { VALUE: 'v', LINE: 'L', DBNAME: 'd' } });
  const r = run(dir, result.files[0].content, ['--yes'], { TEJUN_ROOT: root });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(join(root, 'etc/app/app.conf'), 'utf8'), '# top\n[DEFAULT]\ndebug = True\n# debug = x\n\n[database]\nconnection = mysql://app:L@db/app\nother = 1\n[x]\nconnection = keep\n');
});

test('TEJUN_MYSQL_DEFAULTS replaces -p, -u, -h with --defaults-extra-file right after the client', () => {
  const result = stepsToBash(hostileGraph(), { vars: { VALUE: 'v', LINE: 'L', DBNAME: 'd' } });
  const dir = scratch();
  fakeMysql(dir);
  const r = run(dir, result.files[0].content, ['--yes'], { TEJUN_ROOT: join(dir, 'root'), TEJUN_MYSQL_DEFAULTS: '/etc/my secret.cnf' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(join(dir, 'mysql.args'), 'utf8'), '--defaults-extra-file=/etc/my secret.cnf\n');
});

/** A graph of role-tagged, conditional, manual and check steps that log what ran. */
function flowGraph(): StepGraph {
  const cmd = (id: string, run: string, line: number, extra: object = {}) => ({ id, kind: 'command' as const, run, user: 'root', verify: false, expect: null, source: { line }, ...extra });
  const step = (id: string, line: number, role: string | null, actions: ReturnType<typeof cmd>[] | object[], extra: object = {}) => ({ id, text: `step ${id}`, role, when: null, source: { line }, actions: actions as never, ...extra });
  return {
    schemaVersion: 1,
    source: { path: 'guides/flow.md', format: 'markdown', dialect: 'md', sha256: '11'.repeat(32) },
    title: 'Flow', roles: ['controller', 'compute'],
    procedures: [
      { id: 'p1', title: 'コントローラー', role: 'controller', source: { line: 1 }, steps: [step('s1', 2, null, [cmd('c1', 'echo controller >> ran', 3)])] },
      { id: 'p2', title: 'コンピュート', role: 'compute', source: { line: 4 }, steps: [
        step('s2', 5, null, [cmd('c2', 'echo compute >> ran', 6)]),
        step('s3', 7, 'all', [cmd('c3', 'echo all >> ran', 8)]),
        step('s4', 9, null, [cmd('c4', 'echo when >> ran', 10)], { when: 'RHEL 6 の場合' }),
        step('s5', 11, null, [{ id: 'm1', kind: 'manual', text: 'BIOS で VT-x を有効にします。', source: { line: 12 } }]),
        step('s6', 13, null, [cmd('c6', 'echo 0', 14, { verify: true, expect: '1以上の数を返すこと' })]),
        step('s7', 15, null, [cmd('c7', 'echo forbidden >> ran', 16)], { forbidden: true }),
        step('s8', 17, null, [cmd('c8', 'echo optional >> ran', 18, { optional: true })]),
      ] },
    ],
    placeholders: [], literals: [], missing: [], messages: [],
  };
}

test('--role, --yes, --list, --strict and forbidden steps', () => {
  const { files } = stepsToBash(flowGraph(), { vars: {} });
  assert.equal(files[0].path, 'flow.sh');
  assert.equal(files[0].mode, 0o755);
  const dir = scratch();
  let r = run(dir, files[0].content, ['--yes', '--role', 'compute']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(join(dir, 'ran'), 'utf8'), 'compute\nall\n');
  assert.match(r.stderr, /skipped \(flow\.md:9\).*RHEL 6 の場合/);
  assert.match(r.stderr, /手作業 \(flow\.md:12\) m1: BIOS で VT-x/);
  assert.match(r.stderr, /check failed \(flow\.md:14\)/);
  const dir2 = scratch();
  run(dir2, files[0].content, ['--yes']);
  assert.equal(readFileSync(join(dir2, 'ran'), 'utf8'), 'controller\ncompute\nall\n');
  r = run(scratch(), files[0].content, ['--yes', '--strict']);
  assert.notEqual(r.status, 0);
  r = run(scratch(), files[0].content, ['--list']);
  assert.equal(
    r.stdout,
    [
      'コントローラー  [role: controller]  (flow.md:1)',
      '  s1  flow.md:2  step s1',
      'コンピュート  [role: compute]  (flow.md:4)',
      ...['s2:5', 's3:7', 's4:9', 's5:11', 's6:13', 's8:17'].map((x) => `  ${x.split(':')[0]}  flow.md:${x.split(':')[1]}  step ${x.split(':')[0]}`),
      '',
      'Conditions and optional steps (--answers FILE: NAME=yes|no):',
      '  when_rhel_6  RHEL 6 の場合',
      '  optional_step_s8  オプション: step s8',
      '',
      'Manual steps (--answers FILE: ID=done|no):',
      '  m1  flow.md:12  BIOS で VT-x を有効にします。',
      '',
      '',
    ].join('\n'),
    'procedures, their steps by stable id (forbidden s7 left out), the --answers names',
  );
  r = run(scratch(), files[0].content, ['--bogus']);
  assert.notEqual(r.status, 0);
});

test('with allowUnbound the runbook asks the environment and names the guide line when missing', () => {
  const { files, messages } = generate('bash', hostileGraph(), { vars: { VALUE: 'v' }, allowUnbound: true });
  assert.deepEqual(messages, []);
  assert.equal(files[0].mode, 0o700, 'private and executable');
  const dir = scratch();
  fakeMysql(dir);
  let r = run(dir, files[0].content, ['--yes'], { TEJUN_ROOT: join(dir, 'root') });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /LINE is not set: LINE \(hostile\.txt:7\)/);
  r = run(dir, files[0].content, ['--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /DBNAME {2}DBNAME: {2}\(hostile\.txt:13\)/);
  r = run(dir, files[0].content, ['--yes'], { TEJUN_ROOT: join(dir, 'root'), LINE: "x'y", DBNAME: 'd' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(readFileSync(join(dir, 'mysql.stdin'), 'utf8'), /BY 'x\\'y'/);
});

test('unbound placeholders without allowUnbound: errors and no file', () => {
  const r = stepsToBash(hostileGraph(), { vars: { VALUE: 'v' } });
  assert.deepEqual(r.files, []);
  assert.deepEqual(r.messages.map((m) => m.ruleId), ['unbound-placeholder', 'unbound-placeholder']);
});

test('the sample runbook passes bash -n, deterministically (shellcheck: test/tools/generate-bash.test.ts)', () => {
  const vars = { PASSWORD: HOSTILE[0], IP: '10.0.0.1', USER: 'u', PATH: '/p' };
  const a = stepsToBash(bashSampleGraph(), vars ? { vars } : { vars: {} });
  const b = stepsToBash(bashSampleGraph(), { vars });
  assert.equal(a.files[0].content, b.files[0].content);
  const content = a.files[0].content;
  assert.match(content, /^#!\/usr\/bin\/env bash\n/);
  assert.match(content, /sha256: {2}c{1}d{1}(cd){31}\n/);
  assert.match(content, /tejun_run_as nova 000_sample\.txt:324 'nova-manage db sync --user "\$\{1\}"' "\$\{TEJUN_USER\}"/);
  assert.match(content, /# 000_sample\.txt:322 interactive, not run: su nova -s \/bin\/sh/);
  assert.ok(!/^\s*tejun_run .*NetworkManager/m.test(content), 'forbidden step not runnable');
  const dir = scratch();
  const path = join(dir, 'sample.sh');
  writeFileSync(path, content);
  assert.equal(spawnSync('bash', ['-n', path]).status, 0);
});
