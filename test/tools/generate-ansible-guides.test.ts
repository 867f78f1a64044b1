/**
 * The Ansible target over every guide in guides/ (compiled with examples/site.yaml):
 * - hostile values (fast-check) bound into a playbook are rendered by Ansible's own Templar
 *   (the one ansible-playbook uses, with the role defaults read by Ansible's YAML loader so `!unsafe`
 *   applies) into exactly the value: INI value, file line, mysql_user password, shell word;
 *   `{{ }}` / `{% %}` / lookup('pipe', …) stay text and run nothing.
 * The no_log check over the same playbooks needs no tool: test/generate-ansible-guides.test.ts.
 * ansible-lint over the same playbooks is test/tools/ansible-stats.test.ts (`--profile production`,
 * which holds every rule an earlier list here required: fqcn, no-changed-when, command-instead-of-*,
 * risky-shell-pipe, no-free-form, name, yaml, and the load and syntax failures).
 *
 * /usr/bin/python3 with the ansible package is required: the tests fail, never skip, when it is
 * missing (apt-get install -y --no-install-recommends ansible).
 */
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { inlineFiles } from '../helpers/ansible-layout.js';
import type { StepGraph } from '../../src/ir/types.js';
import { stepsToAnsible } from '../../src/generate/ansible/steps-to-ansible.js';
import { listGuides, ROOT } from '../helpers/paths.js';
import { loadTejun } from '../helpers/tejun.js';

/** The Python that has Debian's ansible package (not a pyenv or venv one). */
const ANSIBLE_PYTHON = '/usr/bin/python3';

interface Compiled {
  guide: string;
  graph: StepGraph;
  dir: string;
  playbook: string;
}

let out = '';
const compiled: Compiled[] = [];
let site: Record<string, string> = {};

before(async () => {
  const tejun = await loadTejun();
  out = mkdtempSync(join(tmpdir(), 'tejun-ansible-guides-'));
  const loaded = tejun.loadVars(readFileSync(join(ROOT, 'examples', 'site.yaml'), 'utf8'), 'examples/site.yaml');
  assert.deepEqual(loaded.messages, []);
  site = loaded.vars;
  for (const guide of listGuides()) {
    const graph = await tejun.parseGuide(guide);
    const result = tejun.generate('ansible', graph, { vars: site });
    assert.ok(result.files.length > 0, `${basename(guide)}: no playbook (${JSON.stringify(result.messages)})`);
    for (const f of result.files) {
      mkdirSync(dirname(join(out, f.path)), { recursive: true });
      writeFileSync(join(out, f.path), f.content);
    }
    const playbook = result.files.find((f) => f.path.endsWith('/site.yml'))!;
    compiled.push({ guide: basename(guide), graph, dir: join(out, dirname(playbook.path)), playbook: playbook.content });
  }
});

after(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

type AnyTask = Record<string, unknown>;

/** Renders each job's templates with Ansible's Templar and the job's role defaults (Ansible's YAML loader). */
function ansibleRender(jobs: { groupVars: string; templates: unknown[] }[]): unknown[][] {
  const script = [
    'import json, sys',
    'from ansible.parsing.dataloader import DataLoader',
    'from ansible.template import Templar',
    'loader = DataLoader()',
    'out = []',
    'for job in json.load(sys.stdin):',
    "    variables = loader.load(job['groupVars'])",
    '    templar = Templar(loader=loader, variables=variables)',
    "    out.append([templar.template(t) for t in job['templates']])",
    'print(json.dumps(out))',
  ].join('\n');
  const r = spawnSync(ANSIBLE_PYTHON, ['-c', script], { input: JSON.stringify(jobs), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.status, 0, `${ANSIBLE_PYTHON} with the ansible package is required: ${r.error?.message ?? r.stderr}`);
  return JSON.parse(r.stdout) as unknown[][];
}

/** Splits shell words as Python's shlex (what the command module does). */
function shlexSplit(commands: string[]): string[][] {
  const r = spawnSync(ANSIBLE_PYTHON, ['-c', 'import json, shlex, sys; print(json.dumps([shlex.split(c) for c in json.load(sys.stdin)]))'], {
    input: JSON.stringify(commands),
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as string[][];
}

/** A small graph using placeholder SECRET_VALUE in an INI value, a file line, SQL and a command. */
function hostileGraph(): StepGraph {
  const source = { line: 1 };
  return {
    schemaVersion: 1,
    source: { path: 'guides/900_hostile.txt', format: 'text', dialect: 'redhat-text', sha256: 'cd'.repeat(32) },
    title: 'hostile',
    roles: ['controller'],
    procedures: [
      {
        id: 'p',
        title: 'Hostile values',
        role: 'controller',
        source,
        steps: [
          {
            id: 's1',
            text: 'Connect',
            role: null,
            when: null,
            source: { line: 2 },
            actions: [{ id: 'c1', kind: 'command', run: 'mysql -u root -p', user: 'root', verify: false, expect: null, interactive: true, source: { line: 3 } }],
          },
          {
            id: 's2',
            text: 'Grant',
            role: null,
            when: null,
            source: { line: 4 },
            actions: [{ id: 'q1', kind: 'sql', run: "GRANT ALL ON nova.* TO 'nova'@'localhost' IDENTIFIED BY 'SECRET_VALUE';", session: 'c1', source: { line: 5 } }],
          },
          {
            id: 's3',
            text: 'Configure',
            role: null,
            when: null,
            source: { line: 6 },
            actions: [
              { id: 'i1', kind: 'ini', file: '/etc/nova/nova.conf', section: 'database', key: 'password', value: 'SECRET_VALUE', via: 'crudini', source: { line: 7 } },
              { id: 'f1', kind: 'file', file: '/etc/nova/secret.txt', content: 'SECRET_VALUE', source: { line: 8 } },
              { id: 'k1', kind: 'command', run: 'keystone user-create --name nova --pass SECRET_VALUE', user: 'root', verify: false, expect: null, source: { line: 9 } },
            ],
          },
        ],
      },
    ],
    placeholders: [{ name: 'SECRET_VALUE', description: null, secret: true, source, variable: 'SECRET_VALUE', scope: null }],
    literals: [],
    missing: [],
    messages: [],
  } as StepGraph;
}

/** Hostile strings: quotes, `$()`, backticks, `;`, newlines, unicode, Jinja, leading dashes, backslashes. */
export const hostileValue = fc.oneof(
  fc.string({
    unit: fc.constantFrom("'", '"', '$', '(', ')', '`', ';', '\n', ' ', '\\', '-', '{', '}', '%', '#', '|', '&', '*', 'a', 'é', '日', '😀', '\t', '!'),
    minLength: 1,
  }),
  fc.constantFrom(
    "{{ lookup('pipe', 'touch MARKER') }}",
    "{% set x = lookup('pipe', 'touch MARKER') %}{{ x }}",
    '$(touch MARKER)',
    '`touch MARKER`',
    "'; touch MARKER; echo '",
    '--help',
    '-p',
    "a\\'b\"c\\\\",
    '{{ 7*7 }}{# c #}{% raw %}',
  ),
);

test('hostile values: Ansible renders them verbatim into INI value, file line, mysql_user password and shell word; nothing runs (property)', () => {
  const marker = join(mkdtempSync(join(tmpdir(), 'tejun-hostile-')), 'ran');
  // An INI value and a line of a plain file are one-line contexts: a line break is refused at binding (bind-values.ts).
  const samples = fc.sample(hostileValue, 200).map((v) => v.replaceAll('MARKER', marker).replace(/\n/g, ' '));
  const graph = hostileGraph();
  const jobs = samples.map((value) => {
    const files = stepsToAnsible(graph, { vars: { SECRET_VALUE: value } }).files;
    const tasks = inlineFiles(files, (text) => parseYaml(text)).flatMap((p) => p.tasks as AnyTask[]);
    const find = (module: string, test: (args: Record<string, unknown>) => boolean = () => true): Record<string, unknown> => {
      const task = tasks.find((t) => module in t && test(t[module] as Record<string, unknown>));
      assert.ok(task, `no ${module} task`);
      assert.equal(task.no_log, true, `${module} task touches the secret without no_log`);
      return task[module] as Record<string, unknown>;
    };
    const groupVars = files.find((f) => f.path.endsWith('/defaults/main.yml'))!.content;
    // GRANT … IDENTIFIED BY is a community.mysql.mysql_user task: the password is module data.
    const grant = find('community.mysql.mysql_user');
    const keystone = find('ansible.builtin.command', (a) => String(a.cmd).startsWith('keystone user-create'));
    return {
      value,
      groupVars,
      templates: [find('community.general.ini_file').value, find('ansible.builtin.lineinfile').line, grant.password, keystone.cmd],
    };
  });
  const rendered = ansibleRender(jobs.map(({ groupVars, templates }) => ({ groupVars, templates })));
  const shellWords = shlexSplit(rendered.map((r) => r[3] as string));
  rendered.forEach(([ini, line, password], i) => {
    const v = samples[i]!;
    const where = JSON.stringify(v);
    assert.equal(ini, v, `INI value of ${where}`);
    assert.equal(line, v, `file line of ${where}`);
    assert.equal(password, v, `mysql_user password of ${where}`);
    assert.deepEqual(shellWords[i], ['keystone', 'user-create', '--name', 'nova', '--pass', v], `shell words of ${where}`);
  });
  assert.ok(!existsSync(marker), 'a hostile value ran a command while being templated');
  rmSync(dirname(marker), { recursive: true, force: true });
});
