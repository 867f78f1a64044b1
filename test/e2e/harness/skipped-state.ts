/**
 * What the tasks an e2e run skips (`--skip-tags packages,mounts`) would have left on the host, as
 * the sandbox pretends it: an operator runs with those tags skipped where the packages and disks
 * are provided otherwise, so a later check of the guide (`rpm -qa | grep -i mariadb`,
 * `pip list | grep cliff`, `vgdisplay cinder-volumes`, `cat /etc/my.cnf`) finds them. The state is
 * read from the generated playbook itself, never from the guide, so a playbook that installs the
 * wrong thing (or nothing) still fails its checks:
 *
 * - installed packages: the `name:` list of every package task (ansible.builtin.package, dnf,
 *   yum, apt) tagged `packages`;
 * - installed Python distributions: the `name:` list of every ansible.builtin.pip /
 *   community.general.easy_install task (a `name==1.2` pin gives that version);
 * - volume groups: the `vg:` of every community.general.lvg task.
 *
 * They are written one name a line under `<shim dir>/state/` (packages, pip, vgs), where the fakes
 * of shim.ts (FAKE_SCRIPTS: `rpm -qa`/`rpm -q`, `pip list`/`pip freeze`, `vgdisplay`) read them;
 * with no state file those fakes answer as before (nothing printed, exit 0). And the files an
 * installed package ships that the guides read or edit in place are seeded under the run's root
 * by {@link PACKAGE_FILES} (only when the playbook installs a package of that entry).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The state the skipped tasks of a playbook would leave. */
export interface SkippedState {
  /** Package names, in playbook order, without repeats. */
  packages: string[];
  /** Python distributions as `name` or `name==version`. */
  pip: string[];
  /** Volume group names. */
  vgs: string[];
}

/** Package modules whose `name:` lists what the packages tag installs. */
const PACKAGE_MODULES = ['ansible.builtin.package', 'ansible.builtin.dnf', 'ansible.builtin.yum', 'ansible.builtin.apt'];

/** Python package modules. */
const PIP_MODULES = ['ansible.builtin.pip', 'community.general.easy_install'];

/** A module argument as a list of strings (`name: x` or `name: [x, y]`); templates (`{{ … }}`) dropped. */
function names(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.map(String).filter((n) => n.length > 0 && !n.includes('{{'));
}

/** The {@link SkippedState} of `tasks` (every task of the playbook's plays, in order). Pure. */
export function skippedState(tasks: readonly Record<string, unknown>[]): SkippedState {
  const state: SkippedState = { packages: [], pip: [], vgs: [] };
  const add = (list: string[], items: string[]) => {
    for (const i of items) if (!list.includes(i)) list.push(i);
  };
  for (const task of tasks) {
    const tags = (task.tags as string[] | undefined) ?? [];
    for (const m of PACKAGE_MODULES) {
      const args = task[m] as Record<string, unknown> | undefined;
      if (args && tags.includes('packages') && args.state !== 'absent') add(state.packages, names(args.name));
    }
    for (const m of PIP_MODULES) {
      const args = task[m] as Record<string, unknown> | undefined;
      if (args && args.state !== 'absent') add(state.pip, names(args.name));
    }
    const lvg = task['community.general.lvg'] as Record<string, unknown> | undefined;
    if (lvg && lvg.state !== 'absent') add(state.vgs, names(lvg.vg));
  }
  return state;
}

/** Writes `state` under `shimDir/state/` (one name a line per file) for the fakes of shim.ts. */
export function writeSkippedState(shimDir: string, state: SkippedState): void {
  const dir = join(shimDir, 'state');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'packages'), state.packages.map((p) => `${p}\n`).join(''));
  writeFileSync(join(dir, 'pip'), state.pip.map((p) => `${p}\n`).join(''));
  writeFileSync(join(dir, 'vgs'), state.vgs.map((p) => `${p}\n`).join(''));
}

/**
 * Files packages ship that the guides read or edit in place, as the distribution's package has
 * them (written here from the packages' stock files, a few lines each): any package of `packages`
 * installed → every file of `files` seeded (a path ending in `/` is a directory). CentOS's MySQL
 * and MariaDB client libraries, which the server and client packages pull in, ship /etc/my.cnf
 * (MariaDB's includes /etc/my.cnf.d, which its libraries ship with client.cnf).
 */
export const PACKAGE_FILES: readonly { packages: readonly string[]; files: Readonly<Record<string, string>> }[] = [
  {
    packages: ['mariadb', 'mariadb-server', 'mariadb-libs'],
    files: {
      '/etc/my.cnf': [
        '[mysqld]',
        'datadir=/var/lib/mysql',
        'socket=/var/lib/mysql/mysql.sock',
        '# Disabling symbolic-links is recommended to prevent assorted security risks',
        'symbolic-links=0',
        '',
        '[mysqld_safe]',
        'log-error=/var/log/mariadb/mariadb.log',
        'pid-file=/var/run/mariadb/mariadb.pid',
        '',
        '#',
        '# include all files from the config directory',
        '#',
        '!includedir /etc/my.cnf.d',
        '',
      ].join('\n'),
      '/etc/my.cnf.d/client.cnf': '#\n# These two groups are read by the client library\n#\n\n[client]\n\n[client-mariadb]\n',
    },
  },
  {
    packages: ['mysql', 'mysql-server', 'mysql-libs'],
    files: {
      '/etc/my.cnf': [
        '[mysqld]',
        'datadir=/var/lib/mysql',
        'socket=/var/lib/mysql/mysql.sock',
        'user=mysql',
        '# Disabling symbolic-links is recommended to prevent assorted security risks',
        'symbolic-links=0',
        '',
        '[mysqld_safe]',
        'log-error=/var/log/mysqld.log',
        'pid-file=/var/run/mysqld/mysqld.pid',
        '',
      ].join('\n'),
    },
  },
];

/**
 * Seeds under `root` the {@link PACKAGE_FILES} of the installed `packages` (the first entry that
 * gives a path wins); returns the paths seeded (relative to the host's `/`), for diagnostics.
 */
export function seedPackageFiles(root: string, packages: readonly string[]): string[] {
  const seeded: string[] = [];
  for (const entry of PACKAGE_FILES) {
    if (!entry.packages.some((p) => packages.includes(p))) continue;
    for (const [path, content] of Object.entries(entry.files)) {
      if (seeded.includes(path)) continue;
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
      seeded.push(path);
    }
  }
  return seeded;
}
