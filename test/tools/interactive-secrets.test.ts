/**
 * The bash runbook's answers to prompting commands, run for real (needs python3): a fake
 * `openstack` that, like the real client, refuses to read a password unless stdin is a terminal
 * (getpass behind isatty), a fake `chpasswd` and `mysqladmin` reading their stdin/environment;
 * every program started logs its argv: the value arrives, and is on no command line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '../../src/generate/index.js';
import type { Action } from '../../src/ir/types.js';
import { bashSampleGraph } from '../helpers/bash-sample-graph.js';

const SECRET = "n0va's $ecret pass";

test('bash answers --password-prompt on a terminal, passwd through chpasswd, -p through MYSQL_PWD, with no value in any argv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-prompts-'));
  try {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const log = join(dir, 'argv.log');
    const got = join(dir, 'got');
    const python = spawnSync('bash', ['-c', 'command -v python3'], { encoding: 'utf8' }).stdout.trim();
    const fakes: Record<string, string> = {
      openstack: `#!${python}\nimport getpass, sys\nopen(${JSON.stringify(log)}, "a").write(repr(sys.argv) + "\\n")\nif not sys.stdin.isatty():\n    sys.exit("No terminal detected attempting to read password")\na = getpass.getpass("User Password:")\nb = getpass.getpass("Repeat User Password:")\nopen(${JSON.stringify(got)}, "a").write("openstack=" + (a if a == b else "MISMATCH") + "\\n")\n`,
      chpasswd: `#!/bin/bash\nprintf '%s\\n' "$0 $*" >>${JSON.stringify(log)}\nIFS= read -r line\nprintf 'chpasswd=%s\\n' "$line" >>${JSON.stringify(got)}\n`,
      mysqladmin: `#!/bin/bash\nprintf '%s\\n' "$0 $*" >>${JSON.stringify(log)}\nprintf 'mysqladmin=%s\\n' "$MYSQL_PWD" >>${JSON.stringify(got)}\n`,
      python3: `#!/bin/bash\nprintf '%s\\n' "$0 $*" >>${JSON.stringify(log)}\nexec ${python} "$@"\n`,
    };
    for (const [name, text] of Object.entries(fakes)) {
      writeFileSync(join(bin, name), text);
      chmodSync(join(bin, name), 0o755);
    }
    const g = bashSampleGraph();
    const runs = ['openstack user create --domain default --password-prompt nova', 'passwd nova', 'mysqladmin -u root -p create nova'];
    const actions: Action[] = runs.map((run, i) => ({ id: `c${i + 1}`, kind: 'command', run, user: 'root', verify: false, expect: null, source: { line: 501 + i } }));
    g.procedures = [{ id: 'pz', title: 'x', role: 'controller', source: { line: 500 }, steps: [{ id: 'sz', text: 'x', role: null, when: null, source: { line: 500 }, actions }] }];
    g.placeholders = [];
    const r = generate('bash', g, { vars: {}, allowUnbound: true });
    const script = r.files[0]!.content;
    // The answered commands as the runbook writes them, run by a tejun_run that evaluates its
    // command as the runbook's does, with the values in the environment as a site would give them.
    const start = script.indexOf('    tejun_run 000_sample.txt:501 ');
    const end = script.indexOf("create nova'\n", start) + "create nova'".length;
    const body = `tejun_run() { eval "$2"; }\n${script.slice(start, end)}\n`;
    const run = spawnSync('bash', ['-s'], {
      input: body,
      encoding: 'utf8',
      env: { PATH: `${bin}:${process.env.PATH}`, NOVA_PASS: SECRET, NOVA_LOGIN_PASS: SECRET, DB_ROOT_PASS: SECRET },
      timeout: 60_000,
    });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(readFileSync(got, 'utf8').trim().split('\n').sort(), [`chpasswd=nova:${SECRET}`, `mysqladmin=${SECRET}`, `openstack=${SECRET}`]);
    const argv = readFileSync(log, 'utf8');
    assert.match(argv, /--password-prompt/);
    assert.ok(!argv.includes(SECRET) && !argv.includes('$ecret'), `no value on a command line:\n${argv}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
