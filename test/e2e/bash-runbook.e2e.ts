/**
 * The bash runbooks proven by running them (issue 3): guides 000, 002 and 003 compiled with a
 * site vars file whose passwords hold `'`, `"`, `$`, a space and `\`, run with
 * `--yes --role controller,db` in a sandbox — TEJUN_ROOT=<tmp root>, TEJUN_MYSQL_DEFAULTS=<the
 * harness's private MariaDB>, the PATH shim first — then run a second time.
 *
 * Asserted after the first run: the guide's databases exist; each user the guide grants
 * `@'localhost'` logs in with the bound password (a real client connection); every INI key the
 * run sets is in its file under the root with the bound value (read by configparser); the shim
 * log shows the package and service commands in the guide's order, each from a step of a run
 * role. After the second run: every file under the root has the same hash, no INI key or file
 * line is doubled, no SQL error. The numbers (INI keys verified, SQL statements run) are printed
 * as test diagnostics.
 *
 * Resuming (issue 16): the second run finds every step recorded and executes no command (the
 * shim log is empty but for `cd`, which the runbook repeats for recorded steps so later steps run
 * in the right directory); a third run with `--redo all` runs every step again and still changes
 * no file. Guide 003, whose unconditional `reboot` sits in the middle, is run again in a fresh
 * sandbox with a `reboot` that kills the runbook: the run stops there, and the next run goes on
 * after the reboot step, so the two runs together make the calls of one uninterrupted run.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Action, CommandAction, Procedure, Step, StepGraph } from '../../src/ir/types.js';
import { withSiteVariables } from '../../src/generate/site-binding.js';
import { ROOT } from '../helpers/paths.js';
import { loadTejun } from '../helpers/tejun.js';
import { FAKE_SCRIPTS, boundText, makeShim, readIniFiles, startMariaDb, writeStubInputs, type MariaDb, type Shim, type ShimCall } from './harness/index.js';
import { promptedSecret } from '../../src/generate/shell/interactive-secrets.js';

/** The guides of the suite and the roles run on the sandbox host. */
const GUIDES = ['guides/000_309adc3628346781.txt', 'guides/002_2d7643ffe102f83d.txt', 'guides/003_e518f7a0c7d8b72e.txt'];
const ROLES = ['controller', 'db'];

/**
 * Words a guide's extraction takes for commands though they are prose: the sandbox logs them as
 * not found instead of failing, and this test fails if any appears. (003:4796, "the service
 * tenant and swift username …", was one: a comment in the second half of a split snippet.)
 */
const KNOWN_NOT_COMMANDS = new Set<string>();

/**
 * INI files a run leaves unreadable because of an extraction bug (none now: 003:4835's
 * `swift-ring-builder … add zZONE-…` lines were once appended to /etc/swift/proxy-server.conf).
 * The test asserts configparser rejects exactly these and verifies every other INI file.
 */
const KNOWN_CORRUPT_INI = new Set<string>();

/**
 * Keys a first run writes twice in one file, by extraction bugs, as `file key` (none now:
 * 003:3068's sectionless `key=value` block for nova.conf is read as `[DEFAULT]` keys). Pinned:
 * the test fails when the set changes.
 */
const KNOWN_DOUBLED: Readonly<Record<string, readonly string[]>> = {};

/** Package and service commands whose order and role the shim log must show. */
const ORDERED = new Set(['yum', 'dnf', 'apt-get', 'aptitude', 'zypper', 'systemctl', 'service', 'chkconfig']);

/** Files a guide has the operator write in an earlier chapter, sourced by the runbook. */
const SOURCED = ['admin-openrc.sh', 'demo-openrc.sh', 'openrc.sh'];

/** The site values: examples/site.yaml with every secret made hostile. */
function hostileVars(): Record<string, string> {
  const site = parseYaml(readFileSync(join(ROOT, 'examples', 'site.yaml'), 'utf8')) as Record<string, string>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(site)) out[k] = /PASS|SECRET|TOKEN|^password$/i.test(k) ? `${v} it's "q" $HOME \\n \\ end` : v;
  return out;
}

let db: MariaDb;
let work = '';
let vars: Record<string, string> = {};
const graphs = new Map<string, StepGraph>();
/** Each bound graph's values (the site file's, and the guide's own where it keeps them). */
const boundVars = new Map<StepGraph, Record<string, string>>();
let varsFile = '';
let out = '';

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'tejun-e2e-bash-'));
  vars = hostileVars();
  varsFile = join(work, 'site.yaml');
  const { stringify } = await import('yaml');
  writeFileSync(varsFile, stringify(vars), { mode: 0o600 });
  out = join(work, 'out');
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'tejun.js'), 'compile', ...GUIDES, '--target', 'bash', '--vars', varsFile, '-o', out], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const { parseGuide } = await loadTejun();
  // The graphs as the generators bind them: site variables (by meaning) in place of the guide's spellings.
  for (const g of GUIDES) {
    const bound = withSiteVariables(await parseGuide(g), { vars });
    graphs.set(g, bound.graph);
    boundVars.set(bound.graph, bound.options.vars);
  }
  db = await startMariaDb({ parent: work });
});

after(async () => {
  await db?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** True when a step runs with `--yes --role controller,db` (mirrors the runbook's guards). */
function stepRuns(proc: Procedure, step: Step): boolean {
  const role = step.role ?? proc.role;
  if (role && role !== 'all' && !ROLES.includes(role)) return false;
  return !proc.when && !step.forbidden && !step.when && !step.optional;
}

/** The actions that run, in guide order. */
function runActions(graph: StepGraph): Array<{ proc: Procedure; step: Step; action: Action }> {
  const list: Array<{ proc: Procedure; step: Step; action: Action }> = [];
  for (const proc of graph.procedures)
    for (const step of proc.steps)
      if (stepRuns(proc, step)) for (const action of step.actions) if (!action.when && !action.optional) list.push({ proc, step, action });
  return list;
}

/** `text` with the action's placeholders replaced by their bound values (harness/bound.ts). */
function bind(graph: StepGraph, action: Action, text: string): string {
  return boundText(graph, action, text, boundVars.get(graph) ?? vars);
}

/** Every file under `dir`: relative path → sha256. */
function hashes(dir: string): Map<string, string> {
  const m = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (statSync(p).isFile()) m.set(relative(dir, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return m;
}

/** A sandbox for one guide: root, working directory, home, shim. */
interface Sandbox {
  root: string;
  cwd: string;
  home: string;
  shim: Shim;
}

function sandbox(name: string, graph: StepGraph, scripts: Readonly<Record<string, string>> = FAKE_SCRIPTS): Sandbox {
  const base = join(work, name);
  const root = join(base, 'root');
  const cwd = join(base, 'cwd');
  const home = join(base, 'home');
  for (const d of [root, cwd, home]) mkdirSync(d, { recursive: true });
  writeFileSync(join(home, 'keystonerc_admin'), '');
  writeStubInputs(cwd);
  writeFileSync(join(home, 'admin-openrc.sh'), '');
  // Programs the guide calls by absolute path are answered by bash functions (BASH_ENV).
  const absolute = new Set<string>();
  for (const { action } of runActions(graph)) if (action.kind === 'command') for (const m of action.run.matchAll(/(?:^|[;&|(]\s*)(\/[\w./-]+)/g)) absolute.add(m[1] as string);
  const shim = makeShim(join(base, 'shim'), {
    allow: [cwd, home, base],
    absolute: [...absolute],
    logNotFound: true,
    rerootCd: true,
    sourced: Object.fromEntries(SOURCED.map((f) => [f, ''])),
    scripts,
  });
  return { root, cwd, home, shim };
}

/** Runs the guide's runbook once in `box`. */
function runRunbook(guide: string, box: Sandbox, extra: string[] = []): { status: number | null; stdout: string; stderr: string } {
  const script = join(out, 'bash', `${guide.replace(/^guides\//, '').replace(/\.[^.]+$/, '')}.sh`);
  return spawnSync('bash', [script, '--yes', '--role', ROLES.join(','), ...extra], {
    cwd: box.cwd,
    encoding: 'utf8',
    env: { ...process.env, HOME: box.home, PATH: box.shim.path, BASH_ENV: box.shim.bashEnv, TEJUN_ROOT: box.root, TEJUN_MYSQL_DEFAULTS: db.defaultsFile },
  });
}

/** The expected INI end state of a run: file → section → key → value (last write wins). */
function expectedIni(graph: StepGraph): Map<string, Map<string, Map<string, string>>> {
  const files = new Map<string, Map<string, Map<string, string>>>();
  for (const { action } of runActions(graph)) {
    if (action.kind !== 'ini') continue;
    const file = bind(graph, action, action.file);
    const sections = files.get(file) ?? new Map<string, Map<string, string>>();
    const keys = sections.get(action.section) ?? new Map<string, string>();
    keys.set(action.key, bind(graph, action, action.value).trim());
    sections.set(action.section, keys);
    files.set(file, sections);
  }
  return files;
}

/** MySQL string literal contents → the string. */
function unescapeSql(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === '0' ? '\0' : c));
}

/** The shim calls of each guide's uninterrupted first run, but `cd` (see {@link commands}). */
const fullRuns = new Map<string, string[]>();

/**
 * The commands a run executed, from its shim log: each call as `cmd argv…` with the sandbox's
 * folder written `<box>` and the ini helper's temporary files `.tejun.XXXXXX` (mktemp names), leaving out `cd` (logged by the sandbox's `cd` override; a builtin
 * the runbook repeats for recorded steps).
 */
function commands(calls: ShimCall[], box: Sandbox): string[] {
  const base = join(box.root, '..');
  return calls.filter((c) => c.cmd !== 'cd').map((c) => [c.cmd, ...c.argv].join(' ').replaceAll(base, '<box>').replace(/\.tejun\.\w{6}\b/g, '.tejun.XXXXXX'));
}

/** Runs per guide, in order; totals for the report. */
const totals = { iniKeys: 0, sqlStatements: 0, databases: 0, logins: 0, orderedCalls: 0, promptedSecrets: 0 };

for (const guide of GUIDES) {
  test(`${guide}: first run builds the end state; second run executes nothing; redoing every step changes nothing`, async (t) => {
    const graph = graphs.get(guide) as StepGraph;
    const name = guide.slice(7, 10);
    const box = sandbox(name, graph);
    const first = runRunbook(guide, box);
    assert.equal(first.status, 0, `first run failed:\n${first.stderr.split('\n').slice(-30).join('\n')}`);
    assert.doesNotMatch(first.stderr, /^ERROR \d+/m, 'an SQL error');
    const calls = box.shim.calls();
    const notFound = calls.filter((c) => c.missing).map((c) => c.cmd);
    assert.deepEqual(notFound.filter((c) => !KNOWN_NOT_COMMANDS.has(c)), [], 'commands found nowhere');
    const actions = runActions(graph);

    // Secrets asked at a terminal (`--password-prompt`…) are answered from their site value
    // without a command line: the client is called as the guide wrote it, and no call's argv
    // holds the value (shell/interactive-secrets.ts).
    const openers = new Set(graph.procedures.flatMap((p) => p.steps.flatMap((st) => st.actions.flatMap((a) => (a.kind === 'sql' ? [a.session] : [])))));
    for (const { action } of actions) {
      // A client opening an SQL session is the session handler's (TEJUN_MYSQL_DEFAULTS).
      if (action.kind !== 'command' || openers.has(action.id)) continue;
      const prompted = promptedSecret(action.run);
      if (!prompted?.variable || prompted.rule.answer === 'manual') continue;
      const value = vars[prompted.variable];
      assert.ok(value, `${prompted.variable} bound`);
      const word = prompted.command.split(' ')[0]!;
      const argvs = calls.filter((c) => c.cmd === word).map((c) => [c.cmd, ...c.argv].join(' '));
      assert.ok(argvs.includes(bind(graph, action, prompted.command).split(/\s+/).join(' ')), `${guide}:${action.source.line} ran as written`);
      assert.ok(argvs.every((a) => !a.includes(value)), `${guide}:${action.source.line}: ${prompted.variable} on a command line`);
      totals.promptedSecrets++;
    }

    // Databases and users.
    const sql = actions.flatMap(({ action }) => (action.kind === 'sql' ? [action] : []));
    totals.sqlStatements += sql.length;
    const dbs = (await db.query('SHOW DATABASES;')).split('\n');
    for (const a of sql) {
      const m = /^\s*CREATE\s+DATABASE\s+(?:IF\s+NOT\s+EXISTS\s+)?`?(\w+)`?/i.exec(bind(graph, a, a.run));
      if (!m) continue;
      assert.ok(dbs.includes(m[1] as string), `database ${m[1]} (${guide}:${a.source.line}) missing; have ${dbs.join(' ')}`);
      totals.databases++;
    }
    for (const a of sql) {
      const m = /TO\s+'([^']+)'@'localhost'\s+IDENTIFIED\s+BY\s+'((?:[^'\\]|\\.)*)'/i.exec(a.run);
      if (!m) continue;
      const user = bind(graph, a, m[1] as string);
      const password = bind(graph, a, unescapeSql(m[2] as string));
      const login = await db.login(user, password);
      assert.equal(login.code, 0, `${user} cannot log in with the bound password (${guide}:${a.source.line}): ${login.stderr}`);
      assert.match(login.stdout, new RegExp(`^${user}@localhost$`, 'm'));
      totals.logins++;
    }

    // INI files, read by configparser.
    const ini = expectedIni(graph);
    const under = (f: string): string => join(box.root, f.replace(/^~\//, `${box.home.slice(1)}/`));
    const readable = [...ini.keys()].filter((f) => !KNOWN_CORRUPT_INI.has(f));
    const read = readIniFiles(readable.map(under));
    for (const f of [...ini.keys()].filter((f) => KNOWN_CORRUPT_INI.has(f))) assert.throws(() => readIniFiles([under(f)]), /ParsingError/, `${f} now reads as INI: take it out of KNOWN_CORRUPT_INI`);
    let keys = 0;
    for (const file of readable) {
      const data = read[under(file)] ?? {};
      for (const [section, kv] of ini.get(file) ?? [])
        for (const [key, value] of kv) {
          assert.equal(data[section]?.[key], value, `${file} [${section}] ${key}`);
          keys++;
        }
    }
    totals.iniKeys += keys;

    // Package and service commands: the guide's order, from run roles only.
    const expected = actions.flatMap(({ action }) => {
      const a = action as CommandAction;
      if (action.kind !== 'command' || a.interactive) return [];
      const word = a.run.split(/\s+/)[0] as string;
      return ORDERED.has(word) && !/[;&|<>$`]/.test(a.run) ? [bind(graph, a, a.run).split(/\s+/).join(' ')] : [];
    });
    const seen = calls.filter((c) => ORDERED.has(c.cmd));
    assert.deepEqual(seen.map((c) => [c.cmd, ...c.argv].join(' ')), expected);
    for (const c of seen) assert.ok(c.role === '' || c.role === 'all' || ROLES.includes(c.role ?? '?'), `${c.cmd} ${c.argv.join(' ')} ran for role ${c.role} at ${c.step}`);
    totals.orderedCalls += seen.length;

    fullRuns.set(guide, commands(calls, box));

    // Second run: every step was recorded, no command runs.
    const before1 = hashes(box.root);
    box.shim.reset();
    const second = runRunbook(guide, box);
    assert.equal(second.status, 0, `second run failed:\n${second.stderr.split('\n').slice(-30).join('\n')}`);
    assert.deepEqual(commands(box.shim.calls(), box), [], 'the second run executes no command');
    assert.match(second.stderr, /steps done in an earlier run were skipped/);
    assert.deepEqual(hashes(box.root), before1, 'files changed on the second run');

    // Third run, every step again (--redo all): the commands themselves change nothing.
    box.shim.reset();
    const third = runRunbook(guide, box, ['--redo', 'all']);
    assert.equal(third.status, 0, `third run failed:\n${third.stderr.split('\n').slice(-30).join('\n')}`);
    assert.ok(commands(box.shim.calls(), box).length > 0, 'the third run ran the commands again');
    assert.doesNotMatch(third.stderr, /^ERROR \d+/m, 'an SQL error on the third run');
    assert.deepEqual(hashes(box.root), before1, 'files changed on the third run');
    // Nothing doubled: the hashes prove the second run added nothing; lines doubled within the
    // first run are extraction bugs, pinned in KNOWN_DOUBLED.
    const doubled: string[] = [];
    for (const file of before1.keys()) {
      let section = '';
      const seenLines = new Set<string>();
      for (const line of readFileSync(join(box.root, file), 'utf8').split('\n')) {
        if (/^\s*\[.*\]\s*$/.test(line)) section = line.trim();
        if (!line.trim() || /^\s*[#;[]/.test(line)) continue;
        const key = line.includes('=') ? line.slice(0, line.indexOf('=')).trim() : line;
        const id = `${section}\u0000${key}`;
        if (seenLines.has(id)) doubled.push(`${file} ${key}`);
        seenLines.add(id);
      }
    }
    assert.deepEqual(doubled, KNOWN_DOUBLED[guide] ?? [], 'lines or keys doubled in a file');
    t.diagnostic(`${guide}: ${keys} INI keys verified, ${sql.length} SQL statements, ${seen.length} package/service calls, ${calls.length} shim calls, not found: ${notFound.join(' ') || 'none'}`);
  });
}

test('guide 003: a run interrupted at its reboot step resumes after it', () => {
  const guide = GUIDES[2] as string;
  const graph = graphs.get(guide) as StepGraph;
  const full = fullRuns.get(guide);
  assert.ok(full, 'the uninterrupted run of the guide ran first');
  // `reboot` kills the runbook that called it (its parent), as a real reboot ends the run.
  const box = sandbox('003-reboot', graph, { ...FAKE_SCRIPTS, reboot: 'kill -9 "$PPID"' });
  const first = runRunbook(guide, box);
  assert.notEqual(first.status, 0, 'the reboot ended the run');
  const interrupted = commands(box.shim.calls(), box);
  assert.equal(interrupted.at(-1), 'reboot', 'the run stopped at the reboot');
  box.shim.reset();
  const second = runRunbook(guide, box);
  assert.equal(second.status, 0, `the run after the reboot failed:\n${second.stderr.split('\n').slice(-30).join('\n')}`);
  const resumed = commands(box.shim.calls(), box);
  assert.ok(!resumed.includes('reboot'), 'the reboot step is not run again');
  assert.ok(resumed.length > 0, 'the steps after the reboot ran');
  assert.deepEqual([...interrupted, ...resumed], full, 'the two runs make the calls of one uninterrupted run');
});

test('totals', (t) => {
  t.diagnostic(`INI keys verified ${totals.iniKeys}, SQL statements run ${totals.sqlStatements} (x2 runs), databases ${totals.databases}, logins ${totals.logins}, ordered package/service calls ${totals.orderedCalls}, secrets asked at a terminal answered with no value on a command line ${totals.promptedSecrets}`);
  assert.ok(totals.iniKeys > 0 && totals.sqlStatements > 0 && totals.databases > 0 && totals.logins > 0 && totals.orderedCalls > 0 && totals.promptedSecrets > 0);
});
