/**
 * Interactive secrets become bound values (issue 15 item 3): the vocabulary of prompting commands
 * (grammars/site/prompts.yaml) is read as data, the graph pass adds one secret variable per
 * prompted secret, and the bash runbook and the playbook pass the value without a terminal and
 * without it on a command line; a command with no unattended form is a manual step with a warning.
 */
import { inlineFiles } from './helpers/ansible-layout.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { generate } from '../src/generate/index.js';
import { shellQuote } from '../src/generate/escape/bash.js';
import { PTY_DRIVER } from '../src/generate/shell/bash-answers.js';
import { promptedSecret, promptRules, withPromptedSecrets } from '../src/generate/shell/interactive-secrets.js';
import type { Action, StepGraph } from '../src/ir/types.js';
import { siteVariables } from '../src/vars/site-variables.js';
import { bashSampleGraph, ph } from './helpers/bash-sample-graph.js';

/** The sample graph with one more procedure of commands `runs` (ids c1, c2, …, lines 501, 502, …). */
function graphWith(...runs: string[]): StepGraph {
  const g = bashSampleGraph();
  const actions: Action[] = runs.map((run, i) => ({ id: `c${i + 1}`, kind: 'command', run, user: 'root', verify: false, expect: null, source: { line: 501 + i } }));
  g.procedures.push({ id: 'pz', title: 'ユーザー', role: 'controller', source: { line: 500 }, steps: [{ id: 'sz', text: 'ユーザーを作成します。', role: null, when: null, source: { line: 500 }, actions }] });
  return g;
}

const SECRET = 'Zq7-value-never-shown';

test('every rule of grammars/site/prompts.yaml recognises its own command and word, and nothing without the word', () => {
  const rules = promptRules();
  assert.ok(rules.length >= 4);
  for (const rule of rules) {
    for (const command of rule.command) {
      for (const word of rule.words ?? ['']) {
        const run = `/usr/bin/${command} ${word} -x y someone`.replace(/\s+/g, ' ');
        const got = promptedSecret(run, rules);
        assert.equal(got?.rule.id, rule.id, run);
        if (rule.variable) assert.match(got!.variable!, /^[A-Z0-9_]+$/);
      }
      if (rule.words) assert.equal(promptedSecret(`${command} -x y someone`, rules)?.rule.id ?? null, rules.find((r) => r !== rule && r.command.includes(command) && !r.words)?.id ?? null);
    }
  }
});

test('promptedSecret names the variable after the user the command is about', () => {
  assert.deepEqual(
    [promptedSecret('openstack user create --domain default --password-prompt nova')?.variable, promptedSecret('openstack user create --password-prompt glance --domain default')?.variable, promptedSecret('openstack user create nova-compute --password-prompt')?.variable],
    ['NOVA_PASS', 'GLANCE_PASS', 'NOVA_COMPUTE_PASS'],
  );
  assert.equal(promptedSecret('passwd')?.variable, 'ROOT_LOGIN_PASS');
  assert.equal(promptedSecret('passwd nova')?.variable, 'NOVA_LOGIN_PASS');
  const mysql = promptedSecret('mysqladmin -u root -p create nova');
  assert.deepEqual([mysql?.variable, mysql?.command], ['DB_ROOT_PASS', 'mysqladmin -u root create nova']);
  assert.equal(promptedSecret('openstack user create --password secret nova'), null);
  assert.equal(promptedSecret('mysql -u root -pSecret'), null);
});

test('withPromptedSecrets adds one secret variable per prompted secret, reuses a known one, leaves sessions and the input alone', () => {
  const g = graphWith('openstack user create --domain default --password-prompt nova', 'openstack user create --password-prompt glance', 'passwd nova');
  g.placeholders.push(ph('NOVA_PASS', 'NOVA_PASS', 7, true));
  const before = JSON.stringify(g);
  const { graph, messages } = withPromptedSecrets(g);
  assert.equal(JSON.stringify(g), before, 'pure');
  assert.deepEqual(messages, []);
  const byName = new Map(graph.placeholders.map((p) => [p.name, p]));
  assert.equal(byName.get('NOVA_PASS')!.scope, null, 'the guide’s own NOVA_PASS is reused');
  assert.deepEqual([byName.get('GLANCE_PASS')!.scope, byName.get('GLANCE_PASS')!.secret], [['c2'], true]);
  assert.deepEqual(byName.get('NOVA_LOGIN_PASS')!.scope, ['c3']);
  assert.ok(!byName.has('DB_ROOT_PASS'), 'the session opener `mysql -u root -p` is the session handlers’ business');
  assert.deepEqual([...siteVariables([g]).keys()].filter((n) => n.endsWith('_PASS')), ['NOVA_PASS', 'GLANCE_PASS', 'NOVA_LOGIN_PASS'], 'site files are checked against them');
});

test('a command with no unattended form becomes a manual step with a prompt-manual warning, never a run', () => {
  const { graph, messages } = withPromptedSecrets(graphWith('mysql_secure_installation'));
  const action = graph.procedures.at(-1)!.steps[0]!.actions[0]!;
  assert.deepEqual([action.kind, action.id, action.source.line], ['manual', 'c1', 501]);
  assert.deepEqual(messages.map((m) => [m.ruleId, m.severity, m.line]), [['prompt-manual', 'warning', 501]]);
  const bash = generate('bash', graphWith('mysql_secure_installation'), { vars: { PASSWORD: 'x', IP: '10.0.0.1', USER: 'u', PATH: '/p' } });
  assert.ok(bash.messages.some((m) => m.ruleId === 'prompt-manual'));
  assert.ok(!/tejun_run \S+ mysql_secure_installation/.test(bash.files[0]!.content));
});

const VARS = { PASSWORD: 'x', IP: '10.0.0.1', USER: 'u', PATH: '/p', NOVA_PASS: SECRET, NOVA_LOGIN_PASS: SECRET, DB_ROOT_PASS: SECRET };

test('bash: the value reaches the command by environment, printf pipe or pty driver, only its assignment holds it', () => {
  const g = graphWith('openstack user create --domain default --password-prompt nova', 'passwd nova', 'mysqladmin -u root -p create nova');
  const r = generate('bash', g, { vars: VARS });
  assert.deepEqual(r.messages.filter((m) => m.severity === 'error'), []);
  const script = r.files[0]!.content;
  const lines = script.split('\n');
  assert.deepEqual(lines.filter((l) => l.includes(SECRET)).map((l) => l.split('=')[0]).sort(), ['DB_ROOT_PASS', 'NOVA_LOGIN_PASS', 'NOVA_PASS'], 'the value only in the site-values assignments (a 0600 runbook)');
  assert.equal(r.files[0]!.mode, 0o700, 'a runbook holding secrets: executable by its owner only');
  const run = (line: number) => lines.find((l) => l.includes(`tejun_run `) && l.includes(`:${line} `))!;
  assert.match(script, /tejun_run 000_sample\.txt:501 'TEJUN_ANSWER="\$\{NOVA_PASS\}" "\$\(PATH="\/usr\/bin:\/bin:\$PATH" command -v python3\)" -c [^\n]*\n[\s\S]*?password:'\\'' openstack user create --domain default --password-prompt nova'\n/);
  assert.match(run(502), /printf '\\''%s:%s\\n'\\'' nova "\$\{NOVA_LOGIN_PASS\}" \| chpasswd'$/);
  assert.match(run(503), /MYSQL_PWD="\$\{DB_ROOT_PASS\}" mysqladmin -u root create nova'$/);
});

test('ansible: module parameter / pty driver / stdin / environment with the value as a variable, no_log, never on a command line', () => {
  const g = graphWith('openstack user create --domain default --password-prompt nova', 'passwd nova', 'mysqladmin -u root -p create nova', 'openstack user set --password-prompt nova');
  const r = generate('ansible', g, { vars: VARS });
  assert.deepEqual(r.messages.filter((m) => m.severity === 'error'), []);
  // The secret is in no task file (site.yml and the roles' tasks), only in the roles' defaults.
  for (const f of r.files.filter((f) => !f.path.includes('/defaults/'))) assert.ok(!f.content.includes(SECRET), f.path);
  const tasks = inlineFiles(r.files, parseYaml).flatMap((p) => p.tasks);
  // The v3 client's create is a module task (handlers/openstack-modules.ts): the prompted value is its password.
  const user = tasks.find((t) => t['openstack.cloud.identity_user'])!;
  assert.equal(user.no_log, true);
  assert.match(String(user['openstack.cloud.identity_user'].password), /^\{\{.*nova_pass.*\}\}$/);
  assert.equal(user['openstack.cloud.identity_user'].update_password, 'on_create');
  const pty = tasks.find((t) => /user set --password-prompt/.test(String(t['ansible.builtin.shell']?.cmd)))!;
  assert.equal(pty.no_log, true);
  assert.ok(String(pty['ansible.builtin.shell'].cmd).includes(`-c ${shellQuote(PTY_DRIVER)} '(?i)password:' openstack user set --password-prompt nova`));
  assert.ok(!/\{\{|\{%|\{#/.test(PTY_DRIVER), 'the driver holds no Jinja delimiter');
  assert.match(String(pty.environment.TEJUN_ANSWER), /nova_pass/);
  const chpasswd = tasks.find((t) => t['ansible.builtin.command']?.cmd === 'chpasswd')!;
  assert.equal(chpasswd.no_log, true);
  assert.match(String(chpasswd['ansible.builtin.command'].stdin), /^nova:\{\{.*nova_login_pass.*\}\}$/);
  const mysql = tasks.find((t) => /mysqladmin/.test(String(t['ansible.builtin.command']?.cmd)))!;
  assert.equal(String(mysql['ansible.builtin.command'].cmd), 'mysqladmin -u root create nova');
  assert.match(String(mysql.environment.MYSQL_PWD), /db_root_pass/);
  assert.equal(mysql.no_log, true);
});
