/**
 * The Ansible playbooks proven by running them (`npm run test:e2e`): every corpus guide is compiled
 * with a site vars file whose passwords hold `'`, `"`, `$`, space and `\` (placeholders the example
 * site does not know get a value of their kind), then run by `ansible-playbook -c local` on
 * localhost placed in the controller and db groups, each guide in its own sandbox, with
 * - `tejun_root` = a throwaway root (every file the playbook writes lands under it),
 * - `tejun_mysql_defaults` = the harness MariaDB's client option file (the SQL goes there; the
 *   guide's `-u nova -h controller01` are dropped, as the bash runbook's TEJUN_MYSQL_DEFAULTS does),
 * - the harness PATH shim answering the commands that cannot run here (OpenStack clients,
 *   mysql_install_db …; shell tasks also get its BASH_ENV: programs called by absolute path,
 *   `cd /etc/swift` kept under the root), with a stateful fake systemd (harness/systemctl.bash)
 *   behind ansible.builtin.systemd and ansible.builtin.service, so the services tag and the
 *   handlers run; `--skip-tags packages,mounts,reboot,cloud,firewall` (those modules would change
 *   this machine, the openstack.cloud modules need openstacksdk and a cloud, and
 *   ansible.posix.firewalld a running firewalld; Ansible runs them itself, not through PATH),
 * - the state the skipped packages and mounts tags would leave, read from the playbook's own
 *   package, pip and lvg tasks (harness/skipped-state.ts): `rpm -qa`, `pip list`, `vgdisplay`
 *   answer from it, and the files those packages ship that guides read or edit in place
 *   (/etc/my.cnf) are seeded under the root; `cat`, `ls` and `source` of an absolute path read it
 *   under the root where the run wrote it (harness/shim.ts, kind `rerooted`, rerootSource),
 * - real community.general.ini_file, lineinfile and blockinfile from Debian's ansible package,
 * - ANSIBLE_PIPELINING=1 (one process per task instead of a temporary directory made, chmodded
 *   and removed through the shim for each task).
 *
 * Asserted for every guide: the first run on a fresh root (databases exist, each user logs in with
 * the bound password over a real client connection, every INI key the run sets is in its file with
 * its bound value, read back by configparser, no SQL error, no command found nowhere); then a
 * second run with changed=0, no systemctl start/stop/restart/enable (no handler fired), the same
 * unit states and the same file bytes. For the TWO_HOSTS guides also a run with two controller
 * hosts (cluster-wide steps once); for the CHECKED guides check mode (`--check --diff` on a fresh
 * root: changed tasks reported with diffs, root still empty, no database created). The runs go in
 * LANES lanes side by side (one MariaDB each). Extraction bugs of guide 003 that the bash e2e pins
 * (test/e2e/bash-runbook.e2e.ts) are pinned here the same way, not hidden.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import type { Action, Procedure, Step, StepGraph } from '../../src/ir/types.js';
import { isClusterWideCommand } from '../../src/generate/ansible/cluster-wide.js';
import { stepGroups } from '../../src/generate/ansible/host-groups.js';
import { placeSteps } from '../../src/generate/ansible/shared-settings.js';
import { inlineDir } from '../helpers/ansible-layout.js';
import { listGuides, ROOT } from '../helpers/paths.js';
import { siteValueFor } from '../helpers/site-values.js';
import { loadTejun } from '../helpers/tejun.js';
import { withSiteVariables } from '../../src/generate/site-binding.js';
import { boundText, FAKE_COMMANDS, makeShim, readIniFiles, startMariaDb, writeStubArchives, writeStubInputs, type MariaDb, type Shim } from './harness/index.js';
import { runInLanes, type LaneJob } from './harness/lanes.js';
import { hostsByTask } from './harness/ansible-output.js';
import { changedTasks } from './harness/playbook-output.js';
import { systemdHostEnv } from './harness/systemd-host.js';
import { seedPackageFiles, skippedState, writeSkippedState } from './harness/skipped-state.js';

/**
 * The corpus: ../shared/guides beside the repository (CI's layout), else /work/shared/guides, else
 * the guides of the repository (the corpus guides whose licence allows it). Read where they are,
 * never copied into the repository.
 */
const CORPUS: string[] = (() => {
  const dir = [join(ROOT, '..', 'shared', 'guides'), '/work/shared/guides'].find((d) => existsSync(d));
  if (!dir) return listGuides();
  return readdirSync(dir)
    .filter((name) => /^\d{3}_/.test(name))
    .sort()
    .map((name) => join(dir, name));
})();

/**
 * TEJUN_E2E_FULL=1 (or TEJUN_TEST_FULL=1): every corpus guide, and the two-controller run and check
 * mode on 003 too ({@link TWO_HOSTS}, {@link CHECKED}).
 */
const FULL = process.env['TEJUN_E2E_FULL'] === '1' || process.env['TEJUN_TEST_FULL'] === '1';

/**
 * The guides of the default run (CI's): the three controller and database guides of the plain
 * text dialects, and a small guide of each other format the sandbox can run (HTML, Markdown,
 * reStructuredText; see {@link KNOWN_SANDBOX}), so that the tier stays within its share of CI's
 * 15 minutes on 2 cores. The whole corpus runs under {@link FULL}.
 */
const QUICK = ['000_', '002_', '003_', '005_', '008_', '014_'];

/**
 * Guides whose first run stops on something the sandbox does not provide (measured 2026-12-07,
 * reported as `todo` under {@link FULL}, not skipped; a guide that passes shows up as a todo
 * that passed): a command the shim does not know, a download the guide leaves to the reader, a
 * command the guide itself misspells (which fails on a real host too).
 */
const KNOWN_SANDBOX: Readonly<Record<string, string>> = {
};

/** The todo mark of a guide in {@link KNOWN_SANDBOX}, else none. */
const knownSandbox = (prefix: string): { todo?: string } => {
  const known = Object.entries(KNOWN_SANDBOX).find(([p]) => prefix.startsWith(p));
  return known ? { todo: `sandbox: ${known[1]}` } : {};
};

/**
 * The guides run (a first run, then a second run that must change nothing, services included):
 * the corpus under {@link FULL}, else {@link QUICK}; TEJUN_E2E_GUIDES=003_,010_ runs some while
 * developing.
 */
const GUIDES = process.env['TEJUN_E2E_GUIDES']?.split(',') ?? (FULL ? CORPUS.map((g) => basename(g).slice(0, 4)) : QUICK);

/**
 * Guides that also get a run with two controller hosts (controller and database procedures, the
 * cluster-wide steps of the corpus): a full run more each, on both hosts at once. 000 and 002 (two
 * dialects: keystone creates, database creation, grants, db sync) by default; 003 (52 cluster-wide
 * commands, the largest run of the tier: about 290 s of a lane, a fifth of CI's budget) under
 * {@link FULL}.
 */
const TWO_HOSTS = FULL ? ['000_', '002_', '003_'] : ['000_', '002_'];

/**
 * Guides that also get a check-mode run on a fresh root. Check mode evaluates every task, so it
 * costs nearly a real run (003: 11:23 against 13:23 under the same load): two small guides of two
 * dialects, all of TWO_HOSTS under {@link FULL}.
 */
const CHECKED = FULL ? TWO_HOSTS : ['000_', '002_'];

/** Whether guide file `guide` (or prefix) is one of `set`. */
const inSet = (set: readonly string[], guide: string): boolean => set.some((p) => guide.startsWith(p));

/**
 * Guides run side by side, each lane with its own MariaDB server (the guides create the same
 * databases and users): two, one per core of the CI machine; TEJUN_E2E_LANES=1 runs them in turn.
 */
const LANES = Math.max(1, Number(process.env['TEJUN_E2E_LANES'] ?? 2));

/** Inventory groups localhost is put in. */
const GROUPS = ['controller', 'db'];

/**
 * Commands of these guides that cannot run here besides the harness's list; `grep` answers a
 * search of a daemon's missing log as an empty log (harness FAKE_SCRIPTS), else runs the real one;
 * `dmesg` shows the kernel lines of a host with the disk a guide asks the operator to add. A
 * source build's tools answer as a build that succeeds (the stand-in archive of
 * harness/inputs.ts writeStubArchives holds no sources), and PostgreSQL's client and control as
 * a server that accepts the request (the sandbox runs no PostgreSQL).
 */
const EXTRA_FAKE = ['mysql_install_db', 'mysql_secure_installation', 'ntpdate', 'a2enmod', 'htpasswd', 'grep', 'dmesg', 'autoreconf', 'make', 'psql', 'pg_ctl'];

/**
 * Words guide 003's extraction takes for commands though they are prose (003:4796, as in the
 * bash e2e's KNOWN_NOT_COMMANDS): the command module executes them directly, so the shim answers
 * them; the test fails if the shim logs any other not-found command.
 */
const KNOWN_NOT_COMMANDS: string[] = [];

/**
 * Placeholders whose bound value a guide's command reads as a file name, by an extraction bug:
 * 003:1513 `nova --password <password> image-list` gets the placeholder `password` twice, so the
 * check runs `nova --VALUE <VALUE> image-list` and the shell redirects stdin from a file named
 * VALUE. (The bash runbook only warns on a failed check without --strict; the playbook's check
 * fails the play.) The e2e makes that file in the working directory; reported to the lead.
 */
const KNOWN_VALUE_AS_FILE: string[] = [];

/**
 * INI files a run leaves unreadable because of an extraction bug (003:4835 takes the
 * `swift-ring-builder … add` lines for a file appended to proxy-server.conf), as in the bash
 * e2e: configparser must reject exactly these (a fix shows up here); every other file is verified.
 */
const KNOWN_CORRUPT_INI = new Set<string>();

/**
 * Run-once tasks of the playbook that run a program by absolute path through the command module
 * (`/usr/share/openstack-dashboard/manage.py syncdb`, 003:4083): the command module executes it
 * directly, so neither PATH nor the shim's BASH_ENV can answer it, and the sandbox has no
 * OpenStack installed. The e2e marks them done before the first run by making their run-once
 * stamps (as an operator marks a step done elsewhere); they are listed in the test's diagnostics.
 */
function absoluteCommandStamps(dir: string): string[] {
  const plays = inlineDir(dir, readYaml);
  return plays.flatMap((p) =>
    p.tasks.flatMap((t) => {
      const args = t['ansible.builtin.command'] as { cmd?: string; creates?: string } | undefined;
      return args?.creates && args.cmd?.startsWith('/') ? [args.creates] : [];
    }),
  );
}

/**
 * The ids an operator lists in tejun_manual_done after doing the manual steps by hand: the
 * guide's manual actions, and the playbook's other manual fail tasks (a command only a terminal
 * can answer, `mysql_secure_installation`), read from their `when`.
 */
function manualDone(r: Run): string[] {
  const ids = new Set(r.graph.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions.filter((a) => a.kind === 'manual').map((a) => a.id))));
  for (const task of inlineDir(r.dir, readYaml).flatMap((p) => p.tasks)) {
    if (!('ansible.builtin.fail' in task) || !(task.tags as string[] | undefined)?.includes('manual')) continue;
    for (const w of ([] as unknown[]).concat(task.when ?? [])) {
      const id = /^'([^']+)' not in \(tejun_manual_done\b/.exec(String(w))?.[1];
      if (id) ids.add(id);
    }
  }
  return [...ids];
}

/**
 * Directories a skipped package would have made, that the playbook then writes into without
 * making them: the directory of each link an `ansible.builtin.file` task makes (`ln -s
 * /etc/apache2/sites-available/x.conf /etc/apache2/sites-enabled`: apache2 ships sites-enabled,
 * and the file module makes no parent directory). The e2e makes them under the root before the
 * first run, as the packages tag would have; paths as the playbook writes them (`{{ tejun_root }}/…`).
 */
function packageDirectories(dir: string): string[] {
  const plays = inlineDir(dir, readYaml);
  return plays.flatMap((p) =>
    p.tasks.flatMap((t) => {
      const args = t['ansible.builtin.file'] as { state?: string; path?: string } | undefined;
      return args?.state === 'link' && args.path?.startsWith('{{ tejun_root }}/') && !args.path.slice(1).includes('{{') ? [dirname(args.path)] : [];
    }),
  );
}

/**
 * Makes a fresh `root` ready for a first run of `r`'s playbook, as the skipped tags and the
 * operator would have left the host: the run-once stamps of the absolute-program commands
 * ({@link absoluteCommandStamps}), the files the skipped packages install that the guide reads or
 * edits in place (skipped-state.ts's PACKAGE_FILES) and the directories they make
 * ({@link packageDirectories}). Returns the stamps made and the files seeded (for diagnostics).
 */
function prepareRoot(r: Run, root: string): { preStamped: string[]; seeded: string[] } {
  const underRoot = (p: string): string => join(root, p.replace(/^\{\{ tejun_root \}\}/, ''));
  const preStamped = absoluteCommandStamps(r.dir).map(underRoot);
  for (const stamp of preStamped) {
    mkdirSync(dirname(stamp), { recursive: true });
    writeFileSync(stamp, '');
  }
  const seeded = seedPackageFiles(root, r.packages);
  for (const d of packageDirectories(r.dir)) mkdirSync(underRoot(d), { recursive: true });
  return { preStamped, seeded };
}

/** Parses a generated YAML file, `!unsafe` strings read as plain strings. */
function readYaml(text: string): unknown {
  return parseYaml(text, { customTags: [{ tag: '!unsafe', resolve: (value: string) => value }] });
}

/** Files the guides have the operator write in an earlier chapter, sourced by later tasks. */
const SOURCED = ['keystonerc_admin', 'admin-openrc.sh', 'demo-openrc.sh', 'openrc.sh'];

interface Run {
  guide: string;
  graph: StepGraph;
  /** Directory of the generated playbook. */
  dir: string;
  /** Sandbox of the guide: shim, home, working directory. */
  box: string;
  shim: Shim;
  /** The shim of the check-mode run (a CHECKED guide's own; else `shim`, unused). */
  checkShim: Shim;
  /** The shim of the two-controller run (a TWO_HOSTS guide's own; else `shim`, unused). */
  twoShim: Shim;
  /** Bytes of the generated playbook and roles (the lanes' work estimate). */
  size: number;
  /** Packages the skipped packages tag installs (harness/skipped-state.ts): their files are seeded under each root. */
  packages: string[];
}

/** One server per lane: the guides of a lane run one after another on it. */
let dbs: MariaDb[] = [];
/** A server for check mode, which runs beside the real runs: it must create nothing there. */
let checkDb: MariaDb;
/** Check-mode runs of the CHECKED guides, started in `before` (guide → run and the databases before it). */
const checks = new Map<string, Promise<{ played: Played; before: string; after: string; root: string }>>();
/** First and second one-host run of each guide, started in `before`; resolves to the test's diagnostic. */
const oneHostRuns = new Map<string, Promise<string>>();
/** Two-controller run of each TWO_HOSTS guide, on a fresh root and server of its own; resolves to its cluster-wide calls and the test's diagnostic. */
const twoHostRuns = new Map<string, Promise<{ calls: string[]; diagnostic: string }>>();
let dir = '';
const site: Record<string, string> = {};
const runs: Run[] = [];
const timings: string[] = [];
/** systemctl operations that change a unit (harness/systemctl.bash), as opposed to show/is-enabled/is-active. */
const SYSTEMCTL_ACTS = new Set(['start', 'stop', 'restart', 'reload', 'reload-or-restart', 'try-restart', 'enable', 'disable', 'mask', 'unmask']);
const totals = { units: 0, iniKeys: 0, sqlStatements: 0, databases: 0, logins: 0, tasks: 0, clusterWide: 0 };
/** Cluster-wide commands (cluster-wide.ts) the shim saw on the first one-host run of each guide, sorted. */
const oneHostClusterCalls = new Map<string, string[]>();

/** The command lines of `calls` that are cluster-wide (grammars/cluster-wide.yaml), sorted. */
function clusterWideCalls(calls: { cmd: string; argv: string[] }[]): string[] {
  return calls.map((c) => [c.cmd, ...c.argv].join(' ')).filter(isClusterWideCommand).sort();
}

/** A password that breaks naive quoting, different per placeholder. */
function hostilePassword(name: string): string {
  return `p'w"${name} $x \\y`;
}

/** Absolute program paths the commands of `graph` call (`/etc/init.d/x start`), answered by the shim's BASH_ENV. */
function absolutePrograms(graph: StepGraph): string[] {
  const found = new Set<string>();
  for (const { action } of ranActions(graph)) {
    if (action.kind !== 'command') continue;
    for (const m of action.run.matchAll(/(?:^|[;&|(]\s*)(\/[\w./-]+)/g)) found.add(m[1]!);
  }
  return [...found];
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tejun-e2e-ansible-'));
  const parents = [...Array.from({ length: LANES }, (_, i) => join(dir, `db-${i}`)), join(dir, 'check-db')];
  for (const d of parents) mkdirSync(d);
  const servers = await Promise.all(parents.map((parent) => startMariaDb({ parent })));
  checkDb = servers.pop()!;
  dbs = servers;
  const tejun = await loadTejun();
  Object.assign(site, tejun.loadVars(readFileSync(join(ROOT, 'examples', 'site.yaml'), 'utf8'), 'site.yaml').vars);
  const graphs: { guide: string; graph: StepGraph }[] = [];
  for (const guide of CORPUS.filter((g) => GUIDES.some((p) => basename(g).startsWith(p)))) {
    const graph = await tejun.parseGuide(guide);
    for (const p of graph.placeholders) if (p.secret) site[p.name] = hostilePassword(p.variable);
    for (const v of graph.variables ?? []) if (v.secret) site[v.name] = hostilePassword(v.name);
    // Placeholders examples/site.yaml does not know get a value of their kind, as an operator fills a skeleton in.
    // A site file may key a value by the guide's name (`imageFile`) or by the variable; a new one is
    // keyed by the variable, which the generators always read (`&version;` → VERSION).
    for (const p of graph.placeholders) if (site[p.name] === undefined) site[p.variable] ??= siteValueFor(p.variable, Object.keys(site).length);
    graphs.push({ guide: basename(guide), graph });
  }
  writeFileSync(join(dir, 'site.yaml'), stringify(site));
  for (const { guide, graph } of graphs) {
    const result = tejun.generate('ansible', graph, { vars: site });
    assert.deepEqual(result.messages.filter((m) => m.severity === 'error'), []);
    for (const f of result.files) {
      mkdirSync(dirname(join(dir, 'out', f.path)), { recursive: true });
      writeFileSync(join(dir, 'out', f.path), f.content);
    }
    const out = join(dir, 'out', dirname(result.files[0]!.path));
    writeFileSync(join(out, 'e2e.ini'), GROUPS.map((g) => `[${g}]\nlocalhost\n`).join('\n'));
    const box = join(dir, 'box', guide.slice(0, 3));
    mkdirSync(box, { recursive: true });
    // Ansible's own mkdir/chmod/rm of its temporary directory go through the shim too: allow `box`.
    const shimOptions = {
      fake: [...FAKE_COMMANDS, ...EXTRA_FAKE, ...KNOWN_NOT_COMMANDS],
      allow: [box],
      absolute: absolutePrograms(graph),
      logNotFound: true,
      rerootCd: true,
      rerootSource: true,
      sourced: Object.fromEntries(SOURCED.map((f) => [f, 'export OS_USERNAME=admin\n'])),
      // systemctl keeps unit state (harness/systemctl.bash): the services tag runs too.
      units: true,
      // A check reads what the playbook wrote under tejun_root (harness/shim.ts, kind `rerooted`).
      rerooted: ['cat', 'ls'],
    };
    // What the skipped packages and mounts tags would leave, for the fakes of rpm, pip, vgdisplay (harness/skipped-state.ts).
    const skipped = skippedState(inlineDir(out, readYaml).flatMap((p) => p.tasks));
    const withState = (shimDir: string): Shim => {
      const made = makeShim(shimDir, shimOptions);
      writeSkippedState(shimDir, skipped);
      return made;
    };
    const shim = withState(join(box, 'shim'));
    // Expectations from the graph as the generator binds it (site variables by meaning).
    const siteBound = withSiteVariables(graph, { vars: site });
    boundVars.set(siteBound.graph, siteBound.options.vars);
    // Check mode gets its own shim: its log must not mix with the real runs' (cluster-wide calls).
    const checkShim = inSet(CHECKED, guide) ? withState(join(box, 'check-shim')) : shim;
    const twoShim = inSet(TWO_HOSTS, guide) ? withState(join(box, 'two-shim')) : shim;
    const size = result.files.reduce((n, f) => n + f.content.length, 0);
    runs.push({ guide, graph: siteBound.graph, dir: out, box, shim, checkShim, twoShim, size, packages: skipped.packages });
  }
  schedule();
});

/**
 * Starts every run in LANES lanes (each a chain of jobs, one lane per core, each lane with its own
 * server): the first and second run of each guide, the two-controller run of a TWO_HOSTS guide and
 * the check-mode run of a CHECKED guide (on the check server), each a job of its own with its own
 * shim and root. Jobs go longest first to the lane with the least work so far, the work estimated
 * from the size of the generated playbook (measured: a second run costs about 0.6 of a first, a
 * check-mode run 0.85, a two-host run 1).
 */
function schedule(): void {
  const jobs: LaneJob<MariaDb>[] = [];
  for (const r of runs) {
    jobs.push({ cost: r.size * 1.6, start: promised(oneHostRuns, r.guide, (server) => firstAndSecondRun(r, server)) });
    if (inSet(TWO_HOSTS, r.guide)) jobs.push({ cost: r.size, start: promised(twoHostRuns, r.guide, (server) => twoControllerRun(r, server)) });
    if (inSet(CHECKED, r.guide)) {
      const check = async () => {
        const root = join(r.box, 'check-root');
        const before = await checkDb.query('SHOW DATABASES;');
        const played = await play(r, root, checkDb, ['--check', '--diff'], [], r.checkShim);
        return { played, before, after: await checkDb.query('SHOW DATABASES;'), root };
      };
      jobs.push({ cost: r.size * 0.85, start: promised(checks, r.guide, check) });
    }
  }
  void runInLanes(dbs, jobs);
}

/**
 * Puts in `map` under `key`, now, a promise of what `run` will give when its lane starts it (a test
 * awaits it there, maybe before the lane gets to it); returns the lane job's start function.
 */
function promised<T>(map: Map<string, Promise<T>>, key: string, run: (server: MariaDb) => Promise<T>): (server: MariaDb) => Promise<T> {
  let settle!: { resolve: (v: T) => void; reject: (e: unknown) => void };
  const promise = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  // Handled here so that a failure before its test awaits it is no unhandled rejection.
  promise.catch(() => undefined);
  map.set(key, promise);
  return (server) => {
    const p = run(server);
    p.then(settle.resolve, settle.reject);
    return p;
  };
}

after(async () => {
  await Promise.allSettled([...checks.values(), ...oneHostRuns.values(), ...twoHostRuns.values()]);
  await Promise.all([...dbs.map((d) => d.stop()), checkDb?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (timings.length > 0) console.log(`# ansible e2e timings: ${timings.join(', ')}`);
});

/** The outcome of one ansible-playbook run. */
interface Played {
  status: number;
  out: string;
  changed: number;
  failed: number;
}

/**
 * Runs the playbook of `r` with `root` as tejun_root and `server`'s option file as
 * tejun_mysql_defaults (asynchronously: check mode runs beside the real runs, see `checks`);
 * returns status, output and the recap.
 */
async function play(r: Run, root: string, server: MariaDb, extra: string[] = [], hosts: { name: string; root: string }[] = [], shim: Shim = r.shim): Promise<Played> {
  const home = join(r.box, 'home');
  const work = join(r.box, 'work', basename(root));
  mkdirSync(home, { recursive: true });
  // Ansible runs modules in the playbook's directory, not ansible-playbook's: the relative files of
  // the guide's commands (`mkdir images`, `> image-list`) land beside a copy of the playbook per root.
  mkdirSync(work, { recursive: true });
  cpSync(r.dir, work, { recursive: true });
  // Several hosts: each a local connection with its own tejun_root (a host variable, so no -e).
  if (hosts.length > 0) {
    const line = (h: { name: string; root: string }) => `${h.name} ansible_connection=local tejun_root=${JSON.stringify(h.root)}`;
    writeFileSync(join(work, 'e2e.ini'), GROUPS.map((g) => `[${g}]\n${hosts.map(line).join('\n')}\n`).join('\n'));
  }
  for (const name of KNOWN_VALUE_AS_FILE) if (site[name] !== undefined) writeFileSync(join(work, site[name]), '');
  writeStubInputs(work);
  writeStubArchives(work, r.graph, site);
  for (const f of SOURCED) {
    if (!existsSync(join(home, f))) writeFileSync(join(home, f), 'export OS_USERNAME=admin\n');
    if (!existsSync(join(work, f))) writeFileSync(join(work, f), 'export OS_USERNAME=admin\n');
  }
  const started = Date.now();
  const args = [
    '-c', 'local',
    '-i', join(work, 'e2e.ini'),
    '-e', 'ansible_become=false',
    '-e', 'ansible_python_interpreter=/usr/bin/python3',
    ...(hosts.length > 0 ? [] : ['-e', `tejun_root=${root}`]),
    '-e', `tejun_mysql_defaults=${server.defaultsFile}`,
    // The guide's manual steps count as done by hand here: each would otherwise fail the play.
    '-e', JSON.stringify({ tejun_manual_done: manualDone(r) }),
    // Packages, mounts and disks would change this machine (Ansible runs those modules itself, not
    // through PATH), a reboot cannot run here, openstack.cloud needs openstacksdk and a cloud, and
    // ansible.posix.firewalld a running firewalld (python3-firewall over D-Bus: this machine's
    // firewall); services run against the fake systemd.
    '--skip-tags', 'packages,mounts,reboot,cloud,firewall',
    ...extra,
    join(work, 'site.yml'),
  ];
  const child = spawn('ansible-playbook', args, {
    cwd: work,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PATH: shim.path,
      BASH_ENV: shim.bashEnv,
      TEJUN_ROOT: root,
      HOME: home,
      ANSIBLE_NOCOLOR: '1',
      ANSIBLE_FORCE_COLOR: '0',
      ANSIBLE_PIPELINING: '1',
      ANSIBLE_HOME: join(home, '.ansible'),
      ANSIBLE_LOCAL_TEMP: join(home, '.ansible', 'tmp'),
      ANSIBLE_REMOTE_TMP: join(home, '.ansible', 'remote'),
      ANSIBLE_RETRY_FILES_ENABLED: '0',
      // ansible.builtin.service runs ansible.builtin.systemd, whose systemctl is the shim's fake.
      ...systemdHostEnv(join(home, '.ansible', 'facts'), hosts.length > 0 ? hosts.map((h) => h.name) : ['localhost']),
      ...(process.env['TEJUN_E2E_PROFILE'] ? { ANSIBLE_CALLBACKS_ENABLED: 'ansible.posix.profile_tasks' } : {}),
    },
  });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => chunks.push(b));
  child.stderr.on('data', (b: Buffer) => chunks.push(b));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c, s) => resolve([c, s]));
  });
  timings.push(`${r.guide.slice(0, 3)} ${extra.includes('--check') ? 'check' : basename(root)} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const out = `${Buffer.concat(chunks).toString('utf8')}${signal ? `\n(killed by ${signal})` : ''}`;
  // TEJUN_E2E_PROFILE=DIR: each run's output (with profile_tasks' per-task times) kept in DIR.
  const profile = process.env['TEJUN_E2E_PROFILE'];
  if (profile) {
    mkdirSync(profile, { recursive: true });
    writeFileSync(join(profile, `${r.guide.slice(0, 3)}-${timings.length}-${basename(root)}${extra.includes('--check') ? '-check' : ''}.txt`), out);
  }
  // PLAY RECAP: one line per host; changed and failed summed over the hosts.
  const recaps = [...out.matchAll(/^\S+\s+:\s+ok=\d+\s+changed=(\d+)\s+unreachable=\d+\s+failed=(\d+)/gm)];
  const sum = (i: number) => (recaps.length === 0 ? -1 : recaps.reduce((n, m) => n + Number(m[i]), 0));
  return { status: code ?? -1, out, changed: sum(1), failed: sum(2) };
}

/**
 * The actions of `graph` the e2e run executes: steps the playbook places in a controller, db or
 * `all` play (host-groups.ts, shared-settings.ts), no condition, not optional or forbidden.
 */
function ranActions(graph: StepGraph): { procedure: Procedure; step: Step; action: Action }[] {
  const out: { procedure: Procedure; step: Step; action: Action }[] = [];
  const seen = new Set<string>();
  for (const { group, procedure, step } of placeSteps(graph, stepGroups(graph))) {
    if (procedure.when || step.forbidden || step.when || step.optional || !(group === 'all' || GROUPS.includes(group))) continue;
    for (const action of step.actions) {
      if (action.when || action.optional || seen.has(action.id)) continue;
      seen.add(action.id);
      out.push({ procedure, step, action });
    }
  }
  return out;
}

/** Each bound graph's values (the site file's, and the guide's own where it keeps them). */
const boundVars = new Map<StepGraph, Record<string, string>>();

/** `text` of `action` with its placeholders replaced by the bound values (harness/bound.ts). */
function bound(graph: StepGraph, action: Action, text: string): string {
  return boundText(graph, action, text, boundVars.get(graph) ?? site);
}

/** Every file under `root`, path → bytes. */
function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string): void => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else files.set(p, readFileSync(p, 'latin1'));
    }
  };
  walk(root);
  return files;
}

/** MySQL string literal contents → the string. */
function unescapeSql(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === '0' ? '\0' : c));
}

/** Databases `CREATE DATABASE x` of the run, and users granted @'localhost' with a password. */
function sqlExpectations(graph: StepGraph): { databases: string[]; logins: { user: string; password: string }[]; statements: number } {
  const databases: string[] = [];
  const logins: { user: string; password: string }[] = [];
  let statements = 0;
  for (const { action } of ranActions(graph)) {
    if (action.kind !== 'sql' || /^\s*(quit|exit|\\q)\s*;?\s*$/i.test(action.run)) continue;
    statements += 1;
    const create = /^\s*CREATE\s+DATABASE\s+(?:IF\s+NOT\s+EXISTS\s+)?`?(\w+)`?/i.exec(bound(graph, action, action.run));
    if (create) databases.push(create[1]!);
    const grant = /\bTO\s+'([^']+)'@'localhost'\s+IDENTIFIED\s+BY\s+'((?:[^'\\]|\\.)*)'/i.exec(action.run);
    if (grant) logins.push({ user: bound(graph, action, grant[1]!), password: bound(graph, action, unescapeSql(grant[2]!)) });
  }
  return { databases, logins, statements };
}

/** The INI keys the run sets, last write wins: file → section → key → bound value. */
function iniExpectations(graph: StepGraph): Map<string, Map<string, Map<string, string>>> {
  const files = new Map<string, Map<string, Map<string, string>>>();
  for (const { action } of ranActions(graph)) {
    if (action.kind !== 'ini') continue;
    const file = bound(graph, action, action.file);
    const section = bound(graph, action, action.section);
    const sections = files.get(file) ?? new Map<string, Map<string, string>>();
    const keys = sections.get(section) ?? new Map<string, string>();
    keys.set(bound(graph, action, action.key), bound(graph, action, action.value).trim());
    sections.set(section, keys);
    files.set(file, sections);
  }
  return files;
}

/**
 * The first run of `r` on a fresh root and `server` (databases, logins, INI keys, commands found,
 * services started) and the second run (changed=0, no service started, stopped or restarted, same
 * file bytes). Throws on the first failed assertion; returns the test's diagnostic.
 */
async function firstAndSecondRun(r: Run, server: MariaDb): Promise<string> {
  const root = join(r.box, 'root');
  const sql = sqlExpectations(r.graph);
  // Each guide expects a server without its databases (000, 002 and 003 all create nova).
  for (const name of sql.databases) await server.query(`DROP DATABASE IF EXISTS \`${name}\`;`);
  r.shim.reset();
  const { preStamped, seeded } = prepareRoot(r, root);
  const first = await play(r, root, server);
  assert.equal(first.status, 0, `${r.guide} failed:\n${first.out.slice(-8000)}`);
  assert.equal(first.failed, 0);
  assert.doesNotMatch(first.out, /^ERROR \d+/m, `${r.guide}: an SQL error`);
  const notFound = r.shim.calls().filter((c) => c.missing || KNOWN_NOT_COMMANDS.includes(c.cmd)).map((c) => c.cmd);
  assert.deepEqual(notFound.filter((c) => !KNOWN_NOT_COMMANDS.includes(c)), [], `${r.guide}: commands found nowhere`);

  const databases = (await server.query('SHOW DATABASES;')).split('\n');
  for (const name of sql.databases) assert.ok(databases.includes(name), `${r.guide}: database ${name} missing`);
  for (const { user, password } of sql.logins) {
    const login = await server.login(user, password);
    assert.equal(login.code, 0, `${r.guide}: ${user} cannot log in with its bound password: ${login.stderr}`);
  }

  const expected = iniExpectations(r.graph);
  const under = (f: string): string => join(root, f.replace(/^~\//, `${join(r.box, 'home').slice(1)}/`));
  const readable = [...expected.keys()].filter((f) => !KNOWN_CORRUPT_INI.has(f));
  for (const f of [...expected.keys()].filter((f) => KNOWN_CORRUPT_INI.has(f))) {
    assert.throws(() => readIniFiles([under(f)]), /ParsingError/, `${f} now reads as INI: take it out of KNOWN_CORRUPT_INI`);
  }
  const actual = readIniFiles(readable.map(under));
  let keys = 0;
  for (const file of readable) {
    for (const [section, entries] of expected.get(file)!) {
      for (const [key, value] of entries) {
        keys += 1;
        assert.equal(actual[under(file)]?.[section]?.[key], value, `${r.guide}: ${file} [${section}] ${key}`);
      }
    }
  }
  totals.iniKeys += keys;
  totals.sqlStatements += sql.statements;
  totals.databases += sql.databases.length;
  totals.logins += sql.logins.length;
  totals.tasks += first.changed;
  const diagnostic = `${r.guide}: ${sql.databases.length} databases, ${sql.logins.length} logins, ${sql.statements} SQL statements, ${keys} INI keys verified, ${first.changed} tasks changed, not found: ${notFound.join(' ') || 'none'}, marked done (absolute program): ${preStamped.map((p) => basename(p)).join(' ') || 'none'}, package files seeded: ${seeded.join(' ') || 'none'}`;

  oneHostClusterCalls.set(r.guide, clusterWideCalls(r.shim.calls()));
  // The services tag ran: the units the fake systemd has running and enabled after the first run.
  const units = join(r.box, 'shim', 'units', basename(root));
  const unitState = () => (existsSync(units) ? readdirSync(units).sort() : []);
  const started = unitState();
  totals.units += started.length;

  r.shim.reset();
  const bytes = snapshot(root);
  const second = await play(r, root, server);
  assert.equal(second.status, 0, `${r.guide} second run failed:\n${second.out.slice(-6000)}`);
  // Settings a later task may override on the host are run-once (superseded.ts), so nothing changes.
  assert.equal(second.changed, 0, `${r.guide}: second run changed tasks:\n${changedTasks(second.out)}`);
  assert.doesNotMatch(second.out, /^ERROR \d+/m, `${r.guide}: an SQL error on the second run`);
  assert.deepEqual(snapshot(root), bytes, `${r.guide}: the second run changed files`);
  // No handler fired and no service task acted: systemctl was only asked, never told.
  const told = r.shim.calls().filter((c) => c.cmd === 'systemctl' && c.argv.some((a) => SYSTEMCTL_ACTS.has(a)));
  assert.deepEqual(told.map((c) => c.argv.join(' ')), [], `${r.guide}: the second run started, stopped or enabled services`);
  assert.deepEqual(unitState(), started, `${r.guide}: the second run changed the units' state`);
  return `${diagnostic}, units running/enabled after the first run: ${started.length}`;
}

/**
 * The run of `r` with two controller hosts, each with its own fresh root, on `server`, with a shim
 * of its own (it may run beside the one-host runs). Throws on the first failed assertion; returns
 * the cluster-wide calls (the test compares them with the one-host run's) and the test's diagnostic.
 */
async function twoControllerRun(r: Run, server: MariaDb): Promise<{ calls: string[]; diagnostic: string }> {
  // A server without the guide's databases, as for the first one-host run.
  for (const name of sqlExpectations(r.graph).databases) await server.query(`DROP DATABASE IF EXISTS \`${name}\`;`);
  const hosts = ['c1', 'c2'].map((name) => ({ name, root: join(r.box, `two-${name}`) }));
  for (const h of hosts) prepareRoot(r, h.root);
  const played = await play(r, join(r.box, 'two'), server, [], hosts, r.twoShim);
  assert.equal(played.status, 0, `${r.guide} with two hosts failed:\n${played.out.slice(-8000)}`);
  assert.equal(played.failed, 0);
  assert.doesNotMatch(played.out, /^ERROR \d+/m, `${r.guide}: an SQL error with two hosts`);
  const calls = clusterWideCalls(r.twoShim.calls());
  // Every run_once task reported one host; every other task that ran reported both.
  const tasks = inlineDir(r.dir, readYaml).flatMap((p) => p.tasks);
  const onceNames = tasks.filter((x) => x.run_once).map((x) => String(x.name));
  // ansible.builtin.pause runs once for all hosts by itself (it bypasses the host loop).
  const pauses = tasks.filter((x) => 'ansible.builtin.pause' in x).map((x) => String(x.name));
  assert.ok(onceNames.length > 0, `${r.guide}: no run_once task`);
  let once = 0;
  for (const [task, seen] of hostsByTask(played.out)) {
    if (seen.size === 0) continue;
    if (onceNames.some((n) => task.includes(` : ${n}]`))) {
      once += 1;
      assert.equal(seen.size, 1, `${r.guide}: ${task} ran on ${[...seen].join(', ')}`);
    } else if (!pauses.some((n) => task.includes(` : ${n}]`))) assert.equal(seen.size, 2, `${r.guide}: ${task} ran on ${[...seen].join(', ')} only`);
  }
  assert.ok(once > 0, `${r.guide}: no run_once task reported`);
  // Both hosts got the files of the host tasks (stamps of run_once tasks only on the first).
  const files = (root: string) => [...snapshot(root).keys()].map((f) => f.slice(root.length)).filter((f) => !f.includes('/var/lib/tejun/')).sort();
  assert.deepEqual(files(hosts[1]!.root), files(hosts[0]!.root), `${r.guide}: the hosts' files differ`);
  return { calls, diagnostic: `${r.guide}: ${calls.length} cluster-wide commands ran once, ${once} run_once tasks reported one host` };
}

for (const prefix of GUIDES) {
  test(`playbook ${prefix}: databases, logins with the bound password, every INI key; second run changed=0 with services`, knownSandbox(prefix), async (t) => {
    const r = runs.find((x) => x.guide.startsWith(prefix));
    assert.ok(r, `no guide ${prefix}`);
    t.diagnostic(await oneHostRuns.get(r.guide)!);
  });
}

for (const prefix of GUIDES.filter((p) => inSet(TWO_HOSTS, p))) {
  test(`playbook ${prefix}: two controller hosts (own tejun_root each) run every cluster-wide task once`, async (t) => {
    const r = runs.find((x) => x.guide.startsWith(prefix));
    assert.ok(r, `no guide ${prefix}`);
    const { calls, diagnostic } = await twoHostRuns.get(r.guide)!;
    await oneHostRuns.get(r.guide)!.catch(() => undefined);
    const single = oneHostClusterCalls.get(r.guide);
    assert.ok(single, `${r.guide}: the one-host run did not finish`);
    // The cluster-wide commands ran as often as with one host (once each), not once per host.
    assert.deepEqual(calls, single, `${r.guide}: cluster-wide commands with two hosts`);
    totals.clusterWide += calls.length;
    t.diagnostic(diagnostic);
  });
}

// Check mode was started in `before` and ran beside the real runs above; its results are judged here.
for (const prefix of GUIDES.filter((p) => inSet(CHECKED, p))) {
  test(`playbook ${prefix}: check mode on a fresh root predicts changes with diffs and changes nothing`, async () => {
    const r = runs.find((x) => x.guide.startsWith(prefix));
    assert.ok(r, `no guide ${prefix}`);
    const { played: result, before, after, root } = await checks.get(r.guide)!;
    assert.equal(result.status, 0, `${r.guide} --check failed:\n${result.out.slice(-6000)}`);
    assert.equal(result.failed, 0);
    assert.ok(result.changed > 0, `${r.guide}: check mode reported no change`);
    assert.match(result.out, /^(---|\+\+\+) (before|after)/m, `${r.guide}: no diff shown`);
    assert.deepEqual([...snapshot(root).keys()], [], `${r.guide}: check mode wrote files under the root`);
    assert.equal(existsSync(root), false, `${r.guide}: check mode created the root`);
    assert.equal(after, before, `${r.guide}: check mode created a database`);
  });

}

test('ansible e2e totals', (t) => {
  t.diagnostic(`unit states (running or enabled) set by first runs ${totals.units}, INI keys verified ${totals.iniKeys}, SQL statements run ${totals.sqlStatements}, databases ${totals.databases}, logins ${totals.logins}, tasks changed on first runs ${totals.tasks}, cluster-wide commands run once with two hosts ${totals.clusterWide}`);
  // The default and full sets hold guides whose services start (a hand-picked TEJUN_E2E_GUIDES may not).
  if (!process.env['TEJUN_E2E_GUIDES']) assert.ok(totals.units > 0, 'no first run started or enabled a service: the services tag did not run');
  assert.ok(totals.iniKeys > 0 && totals.sqlStatements > 0 && totals.databases > 0 && totals.logins > 0);
});
