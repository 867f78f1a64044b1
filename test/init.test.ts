/**
 * `tejun init GUIDE…`: a commented tejun.yaml that loads as a valid project over the guides given
 * (paths relative to the project folder), a site vars file listing their placeholders (mode 0600),
 * refusal to overwrite without --force.
 */
import { siteValueFor } from './helpers/site-values.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadProject, runBuild } from '../src/build/index.js';
import { GUIDES_DIR } from './helpers/paths.js';
import { tejun } from './helpers/cli.js';

const GUIDE = '005_icehouse-rdo-nova-controller.html';

test('init writes a commented, valid tejun.yaml and the site vars file; refuses to overwrite without --force', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-init-'));
  try {
    mkdirSync(join(dir, 'docs'));
    cpSync(join(GUIDES_DIR, GUIDE), join(dir, 'docs', GUIDE));
    const project = join(dir, 'proj');
    const r = await tejun('init', join(dir, 'docs', GUIDE), '-C', project, '--site', 'tokyo');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), [join(project, 'tejun.yaml'), join(project, 'sites', 'tokyo.yaml')]);

    const yaml = readFileSync(join(project, 'tejun.yaml'), 'utf8');
    assert.match(yaml, /^# tejun project file/);
    assert.ok(yaml.split('\n').filter((l) => l.trimStart().startsWith('#')).length >= 8, 'every field is commented');
    const loaded = loadProject(yaml, 'tejun.yaml');
    assert.deepEqual(loaded.messages, []);
    assert.deepEqual(loaded.project?.guides.map((g) => g.pattern), [`../docs/${GUIDE}`]);
    assert.deepEqual(loaded.project?.sites.map((s) => [s.name, s.vars]), [['tokyo', 'sites/tokyo.yaml']]);

    const varsPath = join(project, 'sites', 'tokyo.yaml');
    assert.equal(statSync(varsPath).mode & 0o777, 0o600);
    const vars = parseYaml(readFileSync(varsPath, 'utf8')) as Record<string, unknown>;
    assert.ok(Object.keys(vars).includes('NOVA_DBPASS'), Object.keys(vars).join(' '));
    assert.ok(Object.values(vars).every((v) => v === null), 'values left for the operator');
    assert.match(readFileSync(varsPath, 'utf8'), new RegExp(`# \\.\\./docs/${GUIDE.replace(/\./g, '\\.')}:\\d+`));

    // The skeleton is not filled in: the build fails on unbound placeholders and writes nothing.
    const unfilled = await runBuild({ projectFile: join(project, 'tejun.yaml') });
    assert.equal(unfilled.ok, false);
    assert.ok(unfilled.messages.some((m) => m.ruleId === 'unbound-placeholder'));
    // Filled in, it builds.
    writeFileSync(varsPath, Object.keys(vars).map((k, i) => `${JSON.stringify(k)}: ${JSON.stringify(siteValueFor(k, i))}`).join('\n'));
    const built = await runBuild({ projectFile: join(project, 'tejun.yaml') });
    assert.ok(built.ok, JSON.stringify(built.messages.filter((m) => m.severity === 'error')));
    // the bash runbook, the checklist, site.yml, the inventory, the role's tasks and defaults
    assert.equal(built.stats.written, 6);

    // A second init refuses to overwrite either file.
    writeFileSync(join(project, 'tejun.yaml'), '# mine\n');
    const again = await tejun('init', join(dir, 'docs', GUIDE), '-C', project, '--site', 'tokyo');
    assert.equal(again.code, 1);
    assert.match(again.stderr, /tejun\.yaml:1:1\s+error\s+Unexpected existing file, expected --force to overwrite it\s+file-exists/);
    assert.match(again.stderr, /tokyo\.yaml:1:1\s+error/);
    assert.equal(again.stdout, '');
    assert.equal(readFileSync(join(project, 'tejun.yaml'), 'utf8'), '# mine\n');
    // --force overwrites.
    const forced = await tejun('init', join(dir, 'docs', GUIDE), '-C', project, '--site', 'tokyo', '--force');
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(readFileSync(join(project, 'tejun.yaml'), 'utf8'), yaml);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('init rejects a site name that is not a folder name (usage error, nothing written)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-init-'));
  try {
    const r = await tejun('init', join(GUIDES_DIR, GUIDE), '-C', dir, '--site', '../x');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Unexpected site name `\.\.\/x`/);
    assert.throws(() => statSync(join(dir, 'tejun.yaml')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
