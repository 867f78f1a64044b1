/**
 * Hostile site values through the playbooks of guides 000 and 003 (issue 14): every placeholder of
 * the guide bound to a generated hostile value (test/helpers/hostile-values.ts, each with canary
 * commands: `$( )`, backticks, `;`, a Jinja `lookup('pipe', 'touch CANARY')`), as many playbooks
 * as it takes to send VALUES values through each guide (2,000 under TEJUN_TEST_FULL=1, 200
 * otherwise). Every YAML file of each output must load with PyYAML as Ansible loads it (`!unsafe`
 * a tag), every bound value must be `!unsafe`, and rendering every string that is not `!unsafe`
 * with Jinja2 (a `lookup` that runs its command, lenient undefined names) must never create the
 * canary. Needs python3 with PyYAML and Jinja2. ansible-playbook itself runs in test:e2e.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseGuide } from '../../src/index.js';
import { stepsToAnsible } from '../../src/generate/ansible/steps-to-ansible.js';
import { FULL } from '../helpers/depth.js';
import { sampleHostile } from '../helpers/hostile-values.js';
import { GUIDES_DIR } from '../helpers/paths.js';

/** Values sent through each guide. */
const VALUES = FULL ? 2000 : 200;

/** Loads every file given on stdin (JSON list) as Ansible would, renders the templated strings; prints counts. */
const CHECK = `
import json, subprocess, sys, yaml, jinja2
class Unsafe(str): pass
class L(yaml.SafeLoader): pass
L.add_constructor('!unsafe', lambda l, n: Unsafe(l.construct_scalar(n)))
class AnyFilter(dict):
    def __contains__(self, k): return True
    def __getitem__(self, k): return dict.get(self, k, lambda v, *a, **kw: v)
    def get(self, k, d=None): return self[k]
env = jinja2.Environment(undefined=jinja2.ChainableUndefined)
filters = AnyFilter(env.filters)
import shlex
filters['quote'] = lambda s: shlex.quote(str(s))
env.filters = filters
env.globals['lookup'] = lambda kind, cmd, *a, **kw: subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout
files = json.load(sys.stdin)
counts = {'files': 0, 'templated': 0, 'unsafe': 0, 'values_not_unsafe': []}
def walk(node, key, vars_file):
    if isinstance(node, Unsafe):
        counts['unsafe'] += 1
    elif isinstance(node, str):
        if vars_file and key is not None:
            counts['values_not_unsafe'].append(key)
        if '{{' in node or '{%' in node:
            counts['templated'] += 1
            try:
                env.from_string(node).render()
            except jinja2.TemplateError:
                pass
    elif isinstance(node, dict):
        for k, v in node.items(): walk(v, k, vars_file)
    elif isinstance(node, list):
        for v in node: walk(v, key, vars_file)
for f in files:
    with open(f['path'], encoding='utf-8') as h:
        data = yaml.load(h.read(), Loader=L)
    counts['files'] += 1
    walk(data, None, f['vars'])
print(json.dumps(counts))
`;

for (const guide of ['000_309adc3628346781.txt', '003_e518f7a0c7d8b72e.txt']) {
  test(`${VALUES} hostile values through the playbook of ${guide}: every file loads, every value is !unsafe, no template runs a canary`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'tejun-hostile-ansible-'));
    try {
      const canary = join(dir, 'CANARY');
      const graph = await parseGuide(join(GUIDES_DIR, guide));
      const names = [...new Set(graph.placeholders.map((p) => p.name))];
      assert.ok(names.length > 0);
      const values = sampleHostile(canary, VALUES, true);
      const files: Array<{ path: string; vars: boolean }> = [];
      let sent = 0;
      let refused = 0;
      for (let run = 0; sent < VALUES; run++) {
        const vars: Record<string, string> = {};
        for (const n of names) vars[n] = values[sent++ % values.length]!;
        let result = stepsToAnsible(graph, { vars });
        // A value a context cannot carry is refused at binding, naming the variable (never
        // written): those placeholders get a plain token, and the refusal is counted.
        // The name is the quoted word that is a variable (`value-path-escape` quotes `..` first).
        const refusedNames = result.messages.filter((m) => m.severity === 'error').map((m) => [...m.reason.matchAll(/`([^`]+)`/g)].map((x) => x[1]!).find((n) => names.includes(n)));
        if (refusedNames.length > 0) {
          assert.ok(refusedNames.every((n) => n !== undefined && names.includes(n)), `an error names no variable: ${result.messages.map((m) => m.reason).join('; ')}`);
          for (const n of new Set(refusedNames)) vars[n!] = 'plain-token';
          refused += new Set(refusedNames).size;
          result = stepsToAnsible(graph, { vars });
        }
        assert.deepEqual(result.messages.filter((m) => m.severity === 'error').map((m) => m.reason), []);
        for (const f of result.files.filter((x) => x.path.endsWith('.yml'))) {
          const path = join(dir, String(run), f.path);
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, f.content);
          files.push({ path, vars: /(group_vars|defaults|vars)\//.test(f.path) });
        }
      }
      const py = spawnSync('python3', ['-c', CHECK], { input: JSON.stringify(files), encoding: 'utf8', cwd: dir, maxBuffer: 64 * 1024 * 1024 });
      assert.equal(py.status, 0, py.stderr.slice(-3000));
      const counts = JSON.parse(py.stdout) as { files: number; templated: number; unsafe: number; values_not_unsafe: string[] };
      assert.equal(counts.files, files.length, 'a playbook file did not load');
      assert.deepEqual(counts.values_not_unsafe.filter((k) => names.includes(k) || /^tejun_/.test(k) === false).slice(0, 5), [], 'a bound value is not !unsafe');
      assert.equal(existsSync(canary), false, 'a hostile value ran through a template');
      assert.ok(sent >= VALUES);
      t.diagnostic(`${guide}: ${sent} values in ${files.length} YAML files, ${sent - refused} bound and ${refused} refused at binding; ${counts.templated} templated strings rendered, canary never created`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
