/**
 * The Ansible target over every guide in guides/ (compiled with examples/site.yaml): every task
 * that touches a bound secret (a secret placeholder or a secret literal of the guide) has
 * `no_log: true`, and no bound secret is written into a playbook. ansible-lint and Ansible's own
 * Templar on the same playbooks: test/tools/generate-ansible-guides.test.ts (`npm run test:tools`).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { inlineFiles } from './helpers/ansible-layout.js';
import type { StepGraph } from '../src/ir/types.js';
import { corpusGuides, ROOT } from './helpers/paths.js';
import { loadTejun } from './helpers/tejun.js';

interface Compiled {
  guide: string;
  graph: StepGraph;
  /** Text of the playbook's files but the roles' defaults (site.yml, tasks, handlers). */
  playbook: string;
  /** site.yml's plays with their roles' tasks (test/helpers/ansible-layout.ts). */
  plays: { tasks: AnyTask[] }[];
}

const compiled: Compiled[] = [];
let site: Record<string, string> = {};

before(async () => {
  const tejun = await loadTejun();
  const loaded = tejun.loadVars(readFileSync(join(ROOT, 'examples', 'site.yaml'), 'utf8'), 'examples/site.yaml');
  assert.deepEqual(loaded.messages, []);
  site = loaded.vars;
  for (const guide of corpusGuides()) {
    const graph = await tejun.parseGuide(guide);
    const result = tejun.generate('ansible', graph, { vars: site });
    const playbook = result.files.find((f) => f.path.endsWith('/site.yml'));
    assert.ok(playbook, `${basename(guide)}: no playbook (${JSON.stringify(result.messages)})`);
    const text = result.files.filter((f) => f.path.endsWith('.yml') && !f.path.includes('/defaults/')).map((f) => f.content).join('\n');
    compiled.push({ guide: basename(guide), graph, playbook: text, plays: inlineFiles(result.files, (t) => parseYaml(t)) });
  }
});

type AnyTask = Record<string, unknown>;

test('no_log: every task touching a bound secret of any guide has no_log: true; no secret in a playbook', () => {
  let secretTasks = 0;
  for (const c of compiled) {
    // The generators bind site variables (by meaning) in place of the guide's spellings.
    const secretVars = [...c.graph.placeholders.filter((p) => p.secret).map((p) => p.variable), ...(c.graph.variables ?? []).filter((v) => v.secret).map((v) => v.name)].map((n) => n.toLowerCase());
    const secretLiterals = c.graph.literals.filter((l) => l.kind === 'secret' && l.value.length > 0).map((l) => l.value);
    for (const task of c.plays.flatMap((p) => p.tasks)) {
      const { name, ...body } = task;
      const text = JSON.stringify(body);
      const touches =
        secretVars.some((v) => new RegExp(`\\{\\{\\s*${v}\\b`).test(text)) || secretLiterals.some((v) => text.includes(JSON.stringify(v).slice(1, -1)));
      if (!touches) continue;
      secretTasks += 1;
      assert.equal(task.no_log, true, `${c.guide}: task "${String(name)}" touches a secret without no_log`);
    }
    for (const p of [...c.graph.placeholders, ...(c.graph.variables ?? [])].filter((p) => p.secret)) {
      const value = site[p.name];
      if (value && value.length >= 6) assert.ok(!c.playbook.includes(value), `${c.guide}: the bound value of ${p.name} is in the playbook`);
    }
  }
  assert.ok(secretTasks >= 10, `only ${secretTasks} tasks touch a secret: the check found nothing to check`);
});
