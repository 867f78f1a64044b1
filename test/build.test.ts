/**
 * `tejun build` (src/build/, src/cli/commands/build.ts): tejun.yaml validation with line numbers,
 * the example project's two sites, byte-for-byte determinism, a failed build leaving the old
 * outputs intact, `--check`, removal of outputs no longer produced, the progress bar frame.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, relative, sep } from 'node:path';
import { loadProject, runBuild } from '../src/build/index.js';
import { renderBar } from '../src/cli/commands/build.js';
import { GUIDES_DIR, ROOT, sampleGuides } from './helpers/paths.js';
import { tejun } from './helpers/cli.js';
import { FULL } from './helpers/depth.js';

/** Every file below `dir` → `mode content`, keyed by path relative to `dir`. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), `${(statSync(p).mode & 0o777).toString(8)} ${readFileSync(p, 'utf8')}`);
    }
  };
  walk(dir);
  return out;
}

/** A temporary project folder with `guides/` holding copies of the named guides; `done()` removes it. */
function project(guides: string[], yaml: string, sites: Record<string, string>): { dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-build-'));
  mkdirSync(join(dir, 'guides'));
  for (const g of guides) cpSync(join(GUIDES_DIR, g), join(dir, 'guides', g));
  mkdirSync(join(dir, 'sites'));
  for (const [name, text] of Object.entries(sites)) writeFileSync(join(dir, 'sites', `${name}.yaml`), text);
  writeFileSync(join(dir, 'tejun.yaml'), yaml);
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

const SITE = readFileSync(join(ROOT, 'examples', 'site.yaml'), 'utf8');
const G000 = '000_309adc3628346781.txt';
const G003 = '003_e518f7a0c7d8b72e.txt';
const G004 = '004_e11c47b965b43efe.txt';
/** The long Markdown guide (003) under TEJUN_TEST_FULL=1; the quick tier takes a short text guide (004). */
const LONG_OR_SHORT = FULL ? G003 : G004;
const G005 = '005_icehouse-rdo-nova-controller.html';

test('loadProject applies defaults and keeps the order of sites', () => {
  const r = loadProject('guides: [a.txt, {path: "b/*.md", dialect: upstream-markdown}]\nsites:\n  tokyo: {vars: t.yaml}\n  osaka: {vars: o.yaml}\n', 'tejun.yaml');
  assert.deepEqual(r.messages, []);
  assert.ok(r.project);
  assert.deepEqual(r.project.targets, ['bash', 'ansible', 'checklist']);
  assert.equal(r.project.output, 'out');
  assert.equal(r.project.cache, '.tejun-cache');
  assert.deepEqual(r.project.sites.map((s) => s.name), ['tokyo', 'osaka']);
  assert.deepEqual(r.project.guides.map((g) => [g.pattern, g.dialect]), [['a.txt', undefined], ['b/*.md', 'upstream-markdown']]);
});

test('loadProject reports schema violations at their line, as "Unexpected X, expected Y"', () => {
  const text = ['guides:', '  - a.txt', 'targets: [bash, pdf]', 'sites:', '  "to kyo":', '    vars: t.yaml', 'ouput: out', ''].join('\n');
  const r = loadProject(text, 'tejun.yaml');
  assert.equal(r.project, null);
  const byLine = new Map(r.messages.map((m) => [m.line, m]));
  assert.match(byLine.get(3)?.reason ?? '', /^Unexpected `pdf` at `targets\.1` in tejun\.yaml, expected one of bash, ansible, checklist$/);
  assert.match(byLine.get(5)?.reason ?? '', /Unexpected site name `to kyo`/);
  assert.match(byLine.get(7)?.reason ?? '', /^Unexpected key `ouput` in tejun\.yaml, expected one of guides, targets, sites, output/);
  for (const m of r.messages) {
    assert.equal(m.ruleId, 'project-shape');
    assert.equal(m.file, 'tejun.yaml');
  }
});

test('loadProject: YAML syntax errors, missing keys and unknown dialects are errors', () => {
  assert.equal(loadProject('guides: [a\n', 'p.yaml').messages[0]?.ruleId, 'project-syntax');
  const missing = loadProject('guides: [a.txt]\n', 'p.yaml');
  assert.match(missing.messages[0]?.reason ?? '', /expected a `sites` key/);
  const dialect = loadProject('guides:\n  - path: a.txt\n    dialect: klingon\nsites: {x: {vars: v.yaml}}\n', 'p.yaml');
  assert.equal(dialect.project, null);
  assert.equal(dialect.messages[0]?.ruleId, 'unknown-dialect');
  assert.equal(dialect.messages[0]?.line, 3);
});

test('the example project builds each site into its own folder with its own values', async () => {
  // examples/project/tejun.yaml reads ../../guides: copy it two levels below a folder whose
  // guides/ links the guides: every guide under TEJUN_TEST_FULL=1, the sampleGuides() in the quick
  // tier (text and HTML; what is checked is the project's sites, not each guide's reading).
  const tmp = mkdtempSync(join(tmpdir(), 'tejun-example-'));
  const guides = sampleGuides().map((g) => basename(g));
  const name = (g: string) => basename(g, extname(g));
  try {
    mkdirSync(join(tmp, 'guides'));
    for (const g of guides) symlinkSync(join(GUIDES_DIR, g), join(tmp, 'guides', g));
    const dir = join(tmp, 'examples', 'project');
    mkdirSync(dir, { recursive: true });
    cpSync(join(ROOT, 'examples', 'project', 'tejun.yaml'), join(dir, 'tejun.yaml'));
    cpSync(join(ROOT, 'examples', 'project', 'sites'), join(dir, 'sites'), { recursive: true });
    const r = await tejun('build', '-C', dir, '-q');
    assert.equal(r.code, 0, r.stderr);
    const tokyo = snapshot(join(dir, 'out', 'tokyo'));
    const osaka = snapshot(join(dir, 'out', 'osaka'));
    assert.deepEqual([...tokyo.keys()].sort(), [...osaka.keys()].sort(), 'same files for both sites');
    assert.ok(tokyo.has(join('bash', '000_309adc3628346781.sh')));
    assert.ok(tokyo.has(join('ansible', '000_309adc3628346781', 'site.yml')));
    assert.ok(tokyo.has(join('checklist', `${name(guides.at(-1)!)}.md`)));
    const ansible = [...tokyo.keys()].filter((f) => f.startsWith(`ansible${sep}`));
    assert.equal(tokyo.size - ansible.length, guides.length * 2, `${guides.length} guides: one script and one checklist each`);
    for (const g of new Set(ansible.map((f) => f.split(sep)[1]))) {
      assert.ok(tokyo.has(join('ansible', g!, 'site.yml')) && tokyo.has(join('ansible', g!, 'inventory.ini')), `${g}: site.yml and inventory.ini`);
    }
    assert.deepEqual([...new Set(ansible.map((f) => f.split(sep)[1]))].sort(), guides.map(name).sort());
    const bash = (site: Map<string, string>) => site.get(join('bash', '000_309adc3628346781.sh')) ?? '';
    assert.match(bash(tokyo), /192\.0\.2\.10/);
    assert.doesNotMatch(bash(tokyo), /198\.51\.100\./);
    assert.match(bash(osaka), /198\.51\.100\.10/);
    assert.doesNotMatch(bash(osaka), /192\.0\.2\./);
    // Each site's secrets are in its roles' defaults: NOVA_DBPASS (005, in both tiers) and, where
    // the long guide is built, RABBIT_PASS of 003's controller role.
    const defaults = (site: Map<string, string>) => [...site].filter(([f]) => /defaults[\\/]main\.yml$/.test(f)).map(([, text]) => text).join('\n');
    assert.match(defaults(tokyo), /Nova-Db-8/);
    assert.doesNotMatch(defaults(tokyo), /Nova-Osaka-Db-8/);
    assert.match(defaults(osaka), /Nova-Osaka-Db-8/);
    if (guides.some((g) => g.startsWith('003_'))) {
      const vars = (site: Map<string, string>) => site.get(join('ansible', '003_e518f7a0c7d8b72e', 'roles', 'tejun_003_e518f7a0c7d8b72e_controller', 'defaults', 'main.yml')) ?? '';
      assert.match(vars(tokyo), /Rabbit-Pass-2/);
      assert.match(vars(osaka), /Rabbit-Osaka-Pass-2/);
    }
    // Every stdout line is a file written under out/.
    assert.equal(r.stdout.trim().split('\n').length, tokyo.size + osaka.size);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

const YAML_3 = `guides:\n  - guides/*.txt\n  - guides/*.html\nsites:\n  tokyo:\n    vars: sites/tokyo.yaml\n`;

test('two clean builds give identical trees, byte for byte and mode for mode', async () => {
  const a = project([G000, LONG_OR_SHORT, G005], YAML_3, { tokyo: SITE });
  const b = project([G000, LONG_OR_SHORT, G005], YAML_3, { tokyo: SITE });
  try {
    const ra = await runBuild({ projectFile: join(a.dir, 'tejun.yaml') });
    const rb = await runBuild({ projectFile: join(b.dir, 'tejun.yaml') });
    assert.ok(ra.ok && rb.ok, JSON.stringify([...ra.messages, ...rb.messages].filter((m) => m.severity === 'error')));
    const ta = snapshot(join(a.dir, 'out'));
    assert.equal([...ta.keys()].filter((f) => f.endsWith(`${sep}site.yml`)).length, 3, 'three playbooks');
    assert.ok(ta.size > 3 * 5, 'scripts, checklists, playbooks with their roles and inventories');
    assert.deepEqual(ta, snapshot(join(b.dir, 'out')));
    // The cache's state records the same guides and outputs (mtimes, and the seal over them, aside).
    const strip = (dir: string) => JSON.stringify(JSON.parse(readFileSync(join(dir, '.tejun-cache', 'state.json'), 'utf8'), (k, v: unknown) => (k === 'mtimeMs' ? 0 : k === 'seal' ? undefined : v)));
    assert.equal(strip(a.dir), strip(b.dir));
  } finally {
    a.done();
    b.done();
  }
});

test('a failed build (one site missing a value) writes nothing and leaves the old outputs intact', async () => {
  const yaml = `guides: [guides/${G000}]\nsites:\n  tokyo: {vars: sites/tokyo.yaml}\n  osaka: {vars: sites/osaka.yaml}\n`;
  const p = project([G000], yaml, { tokyo: SITE, osaka: SITE });
  try {
    const first = await tejun('build', '-C', p.dir, '-q');
    assert.equal(first.code, 0, first.stderr);
    const before = snapshot(p.dir);
    // tokyo gets a new value (its outputs would change); osaka loses RABBITMQ_HOST.
    writeFileSync(join(p.dir, 'sites', 'tokyo.yaml'), SITE.replace('RABBITMQ_HOST: 192.0.2.10', 'RABBITMQ_HOST: 192.0.2.99'));
    writeFileSync(join(p.dir, 'sites', 'osaka.yaml'), SITE.replace(/^RABBITMQ_HOST:.*$/m, ''));
    const r = await tejun('build', '-C', p.dir, '-q');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /RABBITMQ_HOST.*\(site osaka\)\s+unbound-placeholder/);
    assert.match(r.stderr, /failed, no output written/);
    assert.equal(r.stdout, '');
    const now = snapshot(p.dir);
    for (const [path, content] of before) {
      if (path.startsWith('sites') || path.startsWith('.tejun-cache')) continue;
      assert.equal(now.get(path), content, `${path} kept`);
    }
    assert.deepEqual([...now.keys()].filter((k) => k.includes('.tmp-')), [], 'no temporary files left');
    // Fixing osaka builds both; tokyo now has the new value.
    writeFileSync(join(p.dir, 'sites', 'osaka.yaml'), SITE);
    const fixed = await tejun('build', '-C', p.dir, '-q');
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.match(readFileSync(join(p.dir, 'out', 'tokyo', 'bash', '000_309adc3628346781.sh'), 'utf8'), /192\.0\.2\.99/);
    assert.ok(fixed.stdout.split('\n').every((l) => l === '' || l.includes(`out/tokyo/`)), 'only tokyo outputs rewritten');
  } finally {
    p.done();
  }
});

test('build --check: 0 when fresh, 1 listing stale or missing outputs, and writes nothing', async () => {
  const yaml = `guides: [guides/${G005}]\ntargets: [bash, checklist]\nsites:\n  tokyo: {vars: sites/tokyo.yaml}\n`;
  const p = project([G005], yaml, { tokyo: SITE });
  try {
    const missing = await tejun('build', '-C', p.dir, '--check', '-q');
    assert.equal(missing.code, 1, 'nothing built yet');
    assert.equal(missing.stdout.trim().split('\n').length, 2);
    assert.throws(() => statSync(join(p.dir, 'out')), 'check wrote nothing');
    assert.equal((await tejun('build', '-C', p.dir, '-q')).code, 0);
    const fresh = await tejun('build', '-C', p.dir, '--check');
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.match(fresh.stderr, /files 0 stale or missing, 2 unchanged/);
    const script = join(p.dir, 'out', 'tokyo', 'bash', '005_icehouse-rdo-nova-controller.sh');
    rmSync(script);
    const gone = await tejun('build', '-C', p.dir, '--check', '-q');
    assert.equal(gone.code, 1);
    assert.equal(gone.stdout.trim(), relative(process.cwd(), script));
    assert.throws(() => statSync(script), 'check did not rebuild it');
    const rebuilt = await tejun('build', '-p', join(p.dir, 'tejun.yaml'), '-q');
    assert.equal(rebuilt.code, 0);
    assert.equal(rebuilt.stdout.trim(), relative(process.cwd(), script), 'only the missing file was written');
    // A changed site value makes the outputs stale.
    writeFileSync(join(p.dir, 'sites', 'tokyo.yaml'), SITE.replace('NOVA_DBPASS: Nova-Db-8', 'NOVA_DBPASS: Nova-Db-9'));
    assert.equal((await tejun('build', '-C', p.dir, '--check', '-q')).code, 1);
  } finally {
    p.done();
  }
});

test('outputs of a guide removed from the project are removed; other files in out/ are left alone', async () => {
  const p = project([G000, G005], `guides: [guides/*]\ntargets: [checklist]\nsites: {tokyo: {vars: sites/tokyo.yaml}}\n`, { tokyo: SITE });
  try {
    assert.equal((await tejun('build', '-C', p.dir, '-q')).code, 0);
    writeFileSync(join(p.dir, 'out', 'notes.txt'), 'mine');
    writeFileSync(join(p.dir, 'tejun.yaml'), `guides: [guides/${G005}]\ntargets: [checklist]\nsites: {tokyo: {vars: sites/tokyo.yaml}}\n`);
    const r = await tejun('build', '-C', p.dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /files 0 written, 1 unchanged, 1 removed/);
    assert.deepEqual([...snapshot(join(p.dir, 'out')).keys()].sort(), ['notes.txt', join('tokyo', 'checklist', '005_icehouse-rdo-nova-controller.md')]);
  } finally {
    p.done();
  }
});

test('build reports a missing project file, a glob matching nothing and a missing vars file, exit 1', async () => {
  const none = await tejun('build', '-C', join(tmpdir(), 'no-such-tejun-project'));
  assert.equal(none.code, 1);
  assert.match(none.stderr, /tejun\.yaml:1:1\s+error\s+Unexpected missing project file.*read-project/);
  const p = project([], `guides:\n  - guides/*.txt\nsites:\n  tokyo: {vars: sites/nope.yaml}\n`, {});
  try {
    const r = await tejun('build', '-C', p.dir, '-q');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /tejun\.yaml:2:\d+\s+error\s+Unexpected `guides\/\*\.txt`.*guide-not-found/);
    assert.match(r.stderr, /tejun\.yaml:4:\d+\s+error\s+Unexpected missing vars file of site tokyo.*read-vars/);
  } finally {
    p.done();
  }
});

test('renderBar draws done/total cells and cuts the line to the terminal width', () => {
  const e = { done: 3, total: 6, kind: 'guide' as const, status: 'parsed' as const, path: 'guides/a.txt' };
  assert.equal(renderBar(e), `[${'#'.repeat(15)}${'.'.repeat(15)}] 3/6  parsed guides/a.txt`);
  assert.equal(renderBar({ ...e, done: 6 }).slice(0, 32), `[${'#'.repeat(30)}]`);
  assert.equal(renderBar(e, 20).length, 20);
});
