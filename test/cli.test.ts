/**
 * The command line (src/cli/index.ts), run in-process through `main(argv, io)` with fake streams:
 * `parse --json`, exit codes for usage and input problems, diagnostics on stderr, `compile` to
 * bash with and without site variables, `vars` as YAML, `--help`.
 */
import { MYSQL_PASSWORD_GUIDE_LINES } from './helpers/sample-guide.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { StepGraph } from '../src/ir/types.js';
import { schemaErrors } from './helpers/schema.js';
import { CLI, GUIDES_DIR } from './helpers/paths.js';
import { spawnSync } from 'node:child_process';
import { tejun } from './helpers/cli.js';

/** The shared sample guide (test/helpers/sample-guide.ts) and a step starting a service. */
const GUIDE = [...MYSQL_PASSWORD_GUIDE_LINES, '  3. サービスを起動します。', '    # service openstack-nova-api start', ''].join('\n');

/** A temporary folder with the guide as `compute.txt`; `done()` removes it. */
function workspace(): { dir: string; guide: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-cli-'));
  const guide = join(dir, 'compute.txt');
  writeFileSync(guide, GUIDE);
  return { dir, guide, done: () => rmSync(dir, { recursive: true, force: true }) };
}

test('parse --json prints the step graph as valid JSON with schemaVersion 1, nothing on stderr', async () => {
  const ws = workspace();
  try {
    const r = await tejun('parse', ws.guide, '--json');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const graph = JSON.parse(r.stdout) as StepGraph;
    assert.equal(graph.schemaVersion, 1);
    assert.equal(graph.source.path, ws.guide);
    assert.equal(graph.source.dialect, 'redhat-text');
    assert.deepEqual(schemaErrors(graph), []);
    assert.deepEqual(graph.placeholders.map((p) => p.name), ['PASSWORD']);
    assert.ok(graph.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions)).some((a) => a.kind === 'command' && a.run === 'service openstack-nova-api start'));
  } finally {
    ws.done();
  }
});

test('parse without --json prints a readable listing with guide:line of each procedure', async () => {
  const ws = workspace();
  try {
    const r = await tejun('parse', ws.guide);
    assert.equal(r.code, 0, r.stderr);
    assert.throws(() => JSON.parse(r.stdout));
    assert.ok(r.stdout.includes(`手順8.5 Compute Service データベースの作成  [`), r.stdout);
    assert.ok(r.stdout.includes(`${ws.guide}:3`), r.stdout);
    assert.match(r.stdout, /placeholders: PASSWORD/);
  } finally {
    ws.done();
  }
});

test('parse --dialect forces the dialect', async () => {
  const ws = workspace();
  try {
    const r = await tejun('parse', ws.guide, '--json', '--dialect', 'redhat-scraped');
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as StepGraph).source.dialect, 'redhat-scraped');
  } finally {
    ws.done();
  }
});

test('an unknown option or subcommand exits 2 with a usage message on stderr', async () => {
  const ws = workspace();
  try {
    const option = await tejun('parse', ws.guide, '--bogus');
    assert.equal(option.code, 2);
    assert.match(option.stderr, /unknown option '--bogus'/);
    assert.equal(option.stdout, '');
    const command = await tejun('frobnicate', ws.guide);
    assert.equal(command.code, 2);
    assert.match(command.stderr, /unknown command 'frobnicate'/);
    const missingArg = await tejun('parse');
    assert.equal(missingArg.code, 2);
    const badTarget = await tejun('compile', ws.guide, '--target', 'puppet', '-o', join(ws.dir, 'out'));
    assert.equal(badTarget.code, 2);
    assert.ok(!existsSync(join(ws.dir, 'out')), 'nothing written on a usage error');
  } finally {
    ws.done();
  }
});

test('a missing guide file exits 1 with a `guide:1:1  error  …  read-guide` line on stderr', async () => {
  const ws = workspace();
  try {
    const missing = join(ws.dir, 'absent.txt');
    for (const args of [['parse', missing, '--json'], ['compile', missing, '--target', 'bash', '-o', join(ws.dir, 'out')], ['vars', missing]]) {
      const r = await tejun(...args);
      assert.equal(r.code, 1, `${args[0]}: ${r.stderr}`);
      const lines = r.stderr.trimEnd().split('\n');
      assert.ok(
        lines.some((l) => l.startsWith(`${missing}:1:1  error  `) && l.endsWith('  read-guide') && l.includes('ENOENT')),
        `${args[0]}: ${r.stderr}`,
      );
    }
  } finally {
    ws.done();
  }
});

test('compile --target bash -o DIR writes DIR/bash/<base>.sh with --vars bound', async () => {
  const ws = workspace();
  try {
    const vars = join(ws.dir, 'site.yaml');
    writeFileSync(vars, 'PASSWORD: "pa55-w0rd"\n');
    const out = join(ws.dir, 'out');
    const r = await tejun('compile', ws.guide, '--target', 'bash', '--vars', vars, '-o', out);
    assert.equal(r.code, 0, r.stderr);
    const script = join(out, 'bash', 'compute.sh');
    assert.equal(r.stdout, `${script}\n`, 'prints the path it wrote');
    const text = readFileSync(script, 'utf8');
    assert.match(text, /^#!/, 'a script');
    assert.ok(text.includes('pa55-w0rd'), 'the bound value is in the script');
    assert.ok(text.includes('service openstack-nova-api start'));
    assert.ok(!existsSync(join(out, 'ansible')) && !existsSync(join(out, 'checklist')), 'only the bash target');
    assert.equal(statSync(script).mode & 0o077, 0, 'a script holding a bound secret is private');
  } finally {
    ws.done();
  }
});

test('compile with an unbound placeholder exits 1 naming it, and writes no script', async () => {
  const ws = workspace();
  try {
    const out = join(ws.dir, 'out');
    const r = await tejun('compile', ws.guide, '--target', 'bash', '-o', out);
    assert.equal(r.code, 1);
    const line = r.stderr.split('\n').find((l) => l.includes('unbound-placeholder'));
    assert.ok(line, r.stderr);
    // Named by meaning (the GRANT's password of database user nova), citing the guide's spelling.
    assert.match(line, /`NOVA_DBPASS`/);
    assert.match(line, /PASSWORD/);
    assert.ok(line.startsWith(`${ws.guide}:`), line);
    assert.ok(!existsSync(join(out, 'bash', 'compute.sh')));
    assert.equal(r.stdout, '');
    // --allow-unbound leaves it to run time instead.
    const allowed = await tejun('compile', ws.guide, '--target', 'bash', '--allow-unbound', '-o', out);
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.ok(existsSync(join(out, 'bash', 'compute.sh')));
  } finally {
    ws.done();
  }
});

test('compile with an unreadable or invalid vars file exits 1', async () => {
  const ws = workspace();
  try {
    const out = join(ws.dir, 'out');
    const absent = await tejun('compile', ws.guide, '--target', 'bash', '--vars', join(ws.dir, 'nope.yaml'), '-o', out);
    assert.equal(absent.code, 1);
    assert.match(absent.stderr, /nope\.yaml:1:1 {2}error {2}.*read-vars/);
    const bad = join(ws.dir, 'bad.yaml');
    writeFileSync(bad, '- just\n- a list\n');
    const invalid = await tejun('compile', ws.guide, '--target', 'bash', '--vars', bad, '-o', out);
    assert.equal(invalid.code, 1);
    assert.ok(invalid.stderr.includes(`${bad}:`), invalid.stderr);
    assert.ok(!existsSync(out), 'nothing written');
  } finally {
    ws.done();
  }
});

test('vars prints a YAML skeleton of the placeholders, with description and secret mark', async () => {
  const ws = workspace();
  try {
    const r = await tejun('vars', ws.guide);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(parseYaml(r.stdout), { NOVA_DBPASS: null });
    assert.ok(r.stdout.includes('# password of the database user nova'), r.stdout);
    assert.ok(r.stdout.includes('# このユーザーとしてデータベースサーバーとの認証を行う際に使用するセキュアなパスワード'), r.stdout);
    assert.ok(r.stdout.includes(`${ws.guide}:8 (secret)`), r.stdout);
    // -o writes the same skeleton to a private file instead.
    const file = join(ws.dir, 'site.yaml');
    const o = await tejun('vars', ws.guide, '-o', file);
    assert.equal(o.code, 0);
    assert.equal(o.stdout, '');
    assert.equal(readFileSync(file, 'utf8'), r.stdout);
    assert.equal(statSync(file).mode & 0o077, 0);
  } finally {
    ws.done();
  }
});

test('--help lists the subcommands and the exit codes, and exits 0', async () => {
  const r = await tejun('--help');
  assert.equal(r.code, 0);
  for (const sub of ['parse', 'compile', 'vars']) assert.match(r.stdout, new RegExp(`^\\s+${sub}\\b`, 'm'));
  assert.match(r.stdout, /Exit codes:/);
  assert.match(r.stdout, /^\s+0\s+ok/m);
  assert.match(r.stdout, /^\s+1\s+problems in the input/m);
  assert.match(r.stdout, /^\s+2\s+usage/m);
  const sub = await tejun('compile', '--help');
  assert.equal(sub.code, 0);
  assert.match(sub.stdout, /--target/);
  assert.match(sub.stdout, /Exit codes:/);
});

test('a reader that closes the pipe early (tejun parse | head -1) ends the run quietly, without an EPIPE trace', () => {
  const guide = join(GUIDES_DIR, '003_e518f7a0c7d8b72e.txt');
  const result = spawnSync('bash', ['-c', 'node "$1" parse "$2" | head -c 1 >/dev/null; echo "${PIPESTATUS[0]}" >&2', 'sh', CLI, guide], { encoding: 'utf8' });
  assert.doesNotMatch(result.stderr, /EPIPE|Error/);
  assert.match(result.stderr.trim(), /^0$/);
});
