/**
 * The playbook's side of escape/javascript.ts (issue 14): a `mongo --eval` command with a
 * placeholder in a JavaScript string literal, written by toJinja, rendered by Jinja2 as Ansible
 * configures it (`quote` is shlex.quote; a canary `lookup` that runs its command), then run by
 * bash with a fake `mongo` (a bash function) that writes the program it gets: the program's
 * literal evaluates (Node's vm, an empty context) to exactly the value, for hostile values and
 * each delimiter, and the canary never appears. python3 with jinja2 is required.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { toJinja, type JinjaSegment } from '../../src/generate/escape/ansible.js';
import type { JsQuote } from '../../src/generate/escape/javascript.js';
import { sampleHostile } from '../helpers/hostile-values.js';

/** Renders each template with Jinja2 (Ansible's `quote`, a `lookup` that runs its command). */
function render(jobs: { template: string; vars: Record<string, string> }[]): string[] {
  const script = [
    'import json, shlex, subprocess, sys, jinja2',
    'env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)',
    "env.filters['quote'] = lambda s: shlex.quote(str(s))",
    "env.globals['lookup'] = lambda kind, cmd: subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout",
    "print(json.dumps([env.from_string(j['template']).render(**j['vars']) for j in json.load(sys.stdin)]))",
  ].join('\n');
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(jobs), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as string[];
}

test('toJinja: a value in a JavaScript literal of mongo --eval reaches the program exactly, through Jinja2 and bash; nothing runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-escape-js-'));
  try {
    const canary = join(dir, 'CANARY');
    const values = [...sampleHostile(canary, 150), "a\"b'c`d${x}\\", 'line\nbreak\u2028'];
    const jobs: { template: string; vars: Record<string, string>; value: string }[] = [];
    for (const quote of ["'", '"', '`'] as JsQuote[]) {
      const program = ` db = db.getSiblingDB(${quote}ceilometer${quote}); db.addUser({user: ${quote}u${quote}, pwd: ${quote}`;
      const open = quote === "'" ? '"' : "'";
      const segments: JinjaSegment[] = [{ text: `mongo --host controller --eval ${open}${program}` }, { placeholder: { variable: 'V' } }, { text: `${quote}})${open}` }];
      const template = toJinja(segments, 'shell');
      for (const value of values) jobs.push({ template, vars: { V: value }, value });
    }
    const commands = render(jobs);
    const fake = `mongo() { while [[ $# -gt 0 && $1 != --eval ]]; do shift; done; printf '%s\\0' "$2" >> programs; }`;
    const r = spawnSync('bash', ['-s'], { cwd: dir, input: [fake, ...commands].join('\n') + '\n', encoding: 'utf8', env: { PATH: process.env.PATH } });
    assert.equal(r.status, 0, r.stderr);
    const programs = readFileSync(join(dir, 'programs'), 'utf8').split('\0').slice(0, -1);
    assert.equal(programs.length, jobs.length, 'every command ran mongo once');
    programs.forEach((program, i) => {
      let got: unknown;
      runInNewContext(program, { db: { getSiblingDB: () => ({ addUser: (u: { pwd: unknown }) => (got = u.pwd) }) } });
      assert.equal(got, jobs[i]!.value, program);
    });
    assert.equal(existsSync(canary), false, 'a value ran');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
