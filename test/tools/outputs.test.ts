/**
 * The main job end to end: compile every guide in guides/ with examples/site.yaml to all three
 * targets (as `npm run main` does, into a temporary directory), then check every bash script with
 * `bash -n` and `shellcheck --severity=warning` (no finding at warning or above), and every playbook with
 * `ansible-playbook --syntax-check` against its inventory.
 *
 * It also checks that the site values (some hold a quote, a dollar sign and a space) reach the
 * bash scripts' variables and the playbooks' role defaults unchanged.
 *
 * The external tools are required: the test fails (it does not skip) when bash, shellcheck or
 * ansible-playbook is missing. Install them with
 * `apt-get install -y --no-install-recommends shellcheck ansible` (what .ci/run does).
 */
import { withPromptedSecrets } from '../../src/generate/shell/interactive-secrets.js';
import { withSiteVariables } from '../../src/generate/site-binding.js';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { CLI, listGuides, ROOT } from '../helpers/paths.js';
import { loadTejun } from '../helpers/tejun.js';

const run = promisify(execFile);
const SITE = join(ROOT, 'examples', 'site.yaml');
const guides = listGuides();
const bases = guides.map((g) => basename(g).replace(/\.[^.]+$/, ''));
let out = '';

/** Fails with an install hint when `tool --version` cannot run. */
function requireTool(tool: string): void {
  const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  assert.ok(!r.error && r.status === 0, `${tool} is required by this test and is missing or broken (${r.error?.message ?? r.stderr}); install it: apt-get install -y --no-install-recommends shellcheck ansible`);
}

/** The command line's output, for assertion messages. */
function describe(r: { stdout?: string | Buffer; stderr?: string | Buffer }): string {
  return `${String(r.stdout ?? '')}${String(r.stderr ?? '')}`.trim();
}

before(() => {
  out = mkdtempSync(join(tmpdir(), 'tejun-outputs-'));
});

after(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

test('the tools the output checks need are installed', () => {
  for (const tool of ['bash', 'shellcheck', 'ansible-playbook']) requireTool(tool);
});

test('examples/site.yaml exists', () => {
  assert.ok(existsSync(SITE), 'examples/site.yaml is missing (generate a skeleton with `tejun vars guides/*` and fill it in)');
});

test('the main job compiles every guide to all targets', () => {
  const args = [CLI, 'compile', ...guides.map((g) => relative(ROOT, g)), '--target', 'all', '--vars', relative(ROOT, SITE), '-o', out];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, `tejun compile exited ${r.status}:\n${describe(r)}`);
  for (const base of bases) {
    for (const f of [`bash/${base}.sh`, `ansible/${base}/site.yml`, `ansible/${base}/inventory.ini`, `checklist/${base}.md`]) {
      const path = join(out, f);
      assert.ok(existsSync(path), `missing output ${f}`);
      assert.ok(statSync(path).size > 0, `empty output ${f}`);
    }
  }
});

test('every bash script passes bash -n and shellcheck with no finding at severity warning or above', async (t) => {
  const scripts = bases.map((b) => join(out, 'bash', `${b}.sh`)).filter((p) => existsSync(p));
  assert.equal(scripts.length, guides.length, 'not every guide has a script (see the compile test)');
  for (const s of scripts) {
    assert.match(readFileSync(s, 'utf8'), /^#!.*\bbash\b/, `${basename(s)}: no bash shebang`);
    const syntax = spawnSync('bash', ['-n', s], { encoding: 'utf8' });
    assert.equal(syntax.status, 0, `bash -n ${basename(s)}:\n${describe(syntax)}`);
  }
  const checks = await Promise.all(
    scripts.map((s) => run('shellcheck', ['--severity=warning', '--shell=bash', '--format=gcc', s]).then(() => null, (e: { stdout?: string; stderr?: string }) => `${basename(s)}:\n${describe(e)}`)),
  );
  const findings = checks.filter(Boolean);
  t.diagnostic(`shellcheck: ${scripts.length} scripts linted, ${findings.length} with findings`);
  assert.deepEqual(findings, []);
});

test('every playbook passes ansible-playbook --syntax-check with its inventory', async () => {
  const dirs = bases.map((b) => join(out, 'ansible', b)).filter((d) => existsSync(join(d, 'site.yml')));
  assert.equal(dirs.length, guides.length, 'not every guide has a playbook (see the compile test)');
  const home = join(out, '.ansible');
  mkdirSync(home, { recursive: true });
  const env = { ...process.env, ANSIBLE_HOME: home, ANSIBLE_LOCAL_TEMP: join(home, 'tmp'), ANSIBLE_NOCOLOR: '1', ANSIBLE_RETRY_FILES_ENABLED: '0' };
  const results = await Promise.all(
    dirs.map((d) =>
      run('ansible-playbook', ['--syntax-check', '-i', 'inventory.ini', 'site.yml'], { cwd: d, env }).then(
        () => null,
        (e: { stdout?: string; stderr?: string; message: string }) => `${basename(d)}:\n${describe(e) || e.message}`,
      ),
    ),
  );
  assert.deepEqual(results.filter(Boolean), []);
});

/** examples/site.yaml as a map of placeholder name to value. */
function siteValues(): Record<string, string> {
  return parseYaml(readFileSync(SITE, 'utf8')) as Record<string, string>;
}

test('site values reach the bash variables and the Ansible role defaults unchanged', async () => {
  const site = siteValues();
  const tricky = Object.entries(site).filter(([, v]) => /'/.test(v) && /\$/.test(v) && / /.test(v)).map(([k]) => k);
  assert.ok(tricky.length > 0, 'examples/site.yaml should hold a value with a quote, a dollar sign and a space');
  const { parseGuide } = await loadTejun();
  let compared = 0;
  const trickySeen = new Set<string>();
  for (const [i, guide] of guides.entries()) {
    const base = bases[i] as string;
    // Generators name a site value by the placeholder's `variable`; the vars file by its `name`.
    const expected = new Map<string, string>();
    // The placeholders as the generators bind them: prompted secrets added, site variables by meaning.
    const graph = withPromptedSecrets(await parseGuide(relative(ROOT, guide))).graph;
    for (const p of withSiteVariables(graph, { vars: site }).graph.placeholders) {
      const value = site[p.name];
      if (value !== undefined) expected.set(p.variable, value);
      if (tricky.includes(p.name)) trickySeen.add(p.name);
    }
    const script = readFileSync(join(out, 'bash', `${base}.sh`), 'utf8');
    for (const line of script.split('\n').filter((l) => /^[A-Z_][A-Z0-9_]*=/.test(l))) {
      const name = line.slice(0, line.indexOf('='));
      if (!expected.has(name)) continue;
      const r = spawnSync('bash', ['-c', `${line}\nprintf %s "$${name}"`], { encoding: 'utf8' });
      assert.equal(r.stdout, expected.get(name), `${base}.sh: ${name}`);
      compared++;
    }
    const roles = join(out, 'ansible', base, 'roles');
    for (const role of readdirSync(roles)) {
      const vars = parseYaml(readFileSync(join(roles, role, 'defaults', 'main.yml'), 'utf8'), {
        customTags: [{ tag: '!unsafe', resolve: (str: string) => str }],
      }) as Record<string, unknown> | null;
      for (const [name, value] of Object.entries(vars ?? {})) {
        if (!expected.has(name)) continue;
        assert.equal(value, expected.get(name), `${base} ${role} defaults: ${name}`);
        compared++;
      }
    }
  }
  assert.ok(compared > 0, 'no site value found in any output');
  assert.deepEqual(tricky.filter((n) => !trickySeen.has(n)), [], 'values with a quote, a dollar sign and a space that no guide uses');
});
