/**
 * A PATH shim for running generated runbooks in a sandbox: a directory of small bash scripts,
 * one per command name, put first on PATH. Each script appends one JSON line per call to a log
 * (argv, working directory, and the step and role the runbook exports as TEJUN_STEP /
 * TEJUN_STEP_ROLE), then, by its kind:
 *
 * - `fake`: does nothing else and exits 0 (optionally printing a canned stdout). For the commands
 *   that cannot run here: package managers, service managers, the OpenStack clients, block
 *   devices, the network, `reboot`.
 * - `passthrough`: runs the real program (resolved on the original PATH when the shim is made)
 *   with the same argv, stdin and environment. Used to record the argv of every external program
 *   a runbook starts (the secrets test: no secret on a command line).
 * - `sandboxed`: for file commands the guides also use on system paths (`mkdir -p /etc/swift`,
 *   `rm /var/lib/nova/nova.sqlite`, `chown -R swift:swift /etc/swift`): runs the real program
 *   when every absolute path in argv is inside one of the allowed roots (the runbook's TEJUN_ROOT
 *   and the directories given), else only records the call (exit 0), so nothing outside the
 *   sandbox changes. Relative paths resolve in the working directory the test chose.
 * - `rerooted`: for commands that only read the paths they are given (`cat /etc/my.cnf`,
 *   `ls -l /etc/neutron/plugin.ini`, a guide's check of what an earlier step wrote): an absolute
 *   path outside the allowed roots is read under $TEJUN_ROOT when it exists there (the playbook
 *   writes every file under its tejun_root), else where it is; then the real program runs. A
 *   file the run did not write is read from the real host as before, so a check of a file the
 *   playbook failed to make still fails.
 *
 * Log lines (JSON, one per call, in call order):
 * `{"cmd":"yum","argv":["install","-y","pkg"],"cwd":"/tmp/…","step":"guide.txt:91","role":"controller","ran":false}`
 * (`ran`: whether the real program was run). Read them back with {@link readShimLog}.
 */
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ROOT } from '../../helpers/paths.js';
import { STATE_SCRIPTS } from './state-fakes.js';

/** How a shimmed command behaves, see the module comment. */
export type ShimKind = 'fake' | 'passthrough' | 'sandboxed' | 'rerooted';

/** One recorded call. */
export interface ShimCall {
  /** The command name (the shim's file name). */
  cmd: string;
  /** Arguments after the command name. */
  argv: string[];
  /** Working directory of the call. */
  cwd: string;
  /** TEJUN_STEP of the runbook when called (`guide:line` of the step), or null. */
  step: string | null;
  /** TEJUN_STEP_ROLE of the runbook when called (the step's role, '' = none), or null. */
  role: string | null;
  /** True when the real program ran (passthrough, or sandboxed with every path inside). */
  ran: boolean;
  /**
   * True for a command found nowhere (no program, no shim), recorded by the
   * `command_not_found_handle` of {@link Shim.bashEnv} when `options.logNotFound` is set.
   */
  missing?: boolean;
}

/**
 * Commands the guides' controller and database procedures call that cannot run in a sandbox:
 * package and service managers, OpenStack and other service clients, the network, disks, the
 * kernel, the host. Taken from the command words of guides 000-006 (`tejun parse --json`), and
 * the clients of daemons later corpus guides install and then ask (010, 015).
 */
export const FAKE_COMMANDS: readonly string[] = [
  // packages
  'yum', 'dnf', 'apt-get', 'apt', 'aptitude', 'zypper', 'rpm', 'dpkg', 'pip', 'easy_install', 'add-apt-repository',
  // services and the host
  'systemctl', 'service', 'chkconfig', 'reboot', 'shutdown', 'sysctl', 'crontab', 'ethtool', 'ip', 'ifup', 'ifdown',
  'iptables', 'iptables-save', 'firewall-cmd', 'setenforce', 'setsebool', 'hostnamectl', 'lokkit',
  'openstack-service', 'openstack-db', 'openstack-status', 'packstack',
  // OpenStack clients and managers
  'keystone', 'keystone-manage', 'openstack', 'nova', 'nova-manage', 'glance', 'glance-manage', 'neutron',
  'neutron-db-manage', 'cinder', 'cinder-manage', 'heat', 'heat-manage', 'ceilometer', 'swift', 'swift-init',
  'swift-ring-builder', 'rabbitmqctl', 'mongo', 'manage.py',
  // network, disks, keys
  'ping', 'ssh', 'scp', 'ssh-keygen', 'wget', 'curl', 'ovs-vsctl', 'pvcreate', 'vgcreate', 'vgdisplay', 'lvcreate', 'mkfs', 'mount',
  'umount', 'openssl', 'restorecon', 'runuser', 'sudo', 'su',
  // clients of daemons the sandbox does not run (their packages are skipped): chrony's `chronyc
  // sources` asks chronyd, LINSTOR's `linstor node create` asks its controller; answered as a
  // daemon that accepts the request (exit 0, no output)
  'chronyc', 'linstor',
  // reads of those daemons' logs (see FAKE_SCRIPTS)
  'tail',
];

/**
 * Extra bash run by some fakes after logging, by command name: `wget URL` leaves an empty file
 * named after the URL (as a download would) in the working directory, so a later step reading
 * it finds it; `crontab -l` reads the crontab under TEJUN_ROOT; `rpm`, `pip`, `vgdisplay` and
 * `chkconfig --list` answer from the state the skipped tags would leave and from the fake
 * systemd (state-fakes.ts).
 */
export const FAKE_SCRIPTS: Readonly<Record<string, string>> = {
  ...STATE_SCRIPTS,
  wget: 'for a in "$@"; do case "$a" in http://* | https://* | ftp://*) : >"${a##*/}" ;; esac; done',
  // `crontab -l` prints root's crontab as the sandbox has it (a guide guards its append with it).
  crontab: 'if [[ "${1:-}" == -l ]]; then cat -- "${TEJUN_ROOT:-}/var/spool/cron/crontabs/root" 2>/dev/null || { echo "no crontab for root" >&2; exit 1; }; fi',
  // `ping -c N HOST` answers as a reachable host does (its summary lines: a guide greps `packet loss`).
  ping: 'n=1; h=; while (($#)); do case "$1" in -c) n=$2; shift ;; -c*) n=${1#-c} ;; -*) ;; *) h=$1 ;; esac; shift; done; printf \'PING %s (%s) 56(84) bytes of data.\\n\\n--- %s ping statistics ---\\n%s packets transmitted, %s received, 0%% packet loss, time 0ms\\n\' "$h" "$h" "$h" "$n" "$n"',
  // `tail /var/log/rabbitmq/…` (a guide's look at a daemon's log): the daemon never ran here, so a
  // missing log under /var/log reads as an empty one; any other `tail` (a file, a pipe) is the real one.
  tail: 'for a in "$@"; do if [[ "$a" == /var/log/* && ! -e "$a" ]]; then exit 0; fi; done; command -p tail "$@"; exit $?',
  // `grep ERROR /var/log/nova/*` (a guide's search of the daemons' logs for errors; faked where a
  // suite adds `grep` to its fakes): a missing log under /var/log (the glob left unexpanded) holds
  // no line, so the search selects none (exit 1); any other `grep` is the real one.
  grep: 'for a in "$@"; do if [[ "$a" == /var/log/* && ! -e "$a" ]]; then exit 1; fi; done; command -p grep "$@"; exit $?',
  // `dmesg` (a guide's look for the disk it asked the operator to add; faked where a suite adds
  // `dmesg` to its fakes): the kernel lines of a host with a system disk and one added disk.
  dmesg: "printf '%s\\n' '[    1.204511] sd 0:0:0:0: [sda] 41943040 512-byte logical blocks: (21.5 GB/20.0 GiB)' '[    1.204987] sd 0:0:1:0: [sdb] 20971520 512-byte logical blocks: (10.7 GB/10.0 GiB)'",
};

/** File commands shimmed as `sandboxed` (real only inside the sandbox roots). */
export const SANDBOXED_COMMANDS: readonly string[] = ['mkdir', 'rm', 'rmdir', 'chown', 'chmod', 'chgrp', 'cp', 'mv', 'ln', 'touch', 'tee', 'sed'];

/** A shim directory. */
export interface Shim {
  /** The directory of shim scripts (put it first on PATH). */
  bin: string;
  /** The JSON-lines log file. */
  log: string;
  /** `PATH` with the shim directory first. */
  path: string;
  /** A file for BASH_ENV defining the absolute-path fakes (empty when there are none). */
  bashEnv: string;
  /** The calls recorded so far, in order. */
  calls(): ShimCall[];
  /** Empties the log (between two runs). */
  reset(): void;
}

/** Options of {@link makeShim}. */
export interface ShimOptions {
  /** Commands answered by a fake (default {@link FAKE_COMMANDS}). */
  fake?: readonly string[];
  /** Commands run through a sandbox check (default {@link SANDBOXED_COMMANDS}). */
  sandboxed?: readonly string[];
  /** Commands recorded and run for real (default none). */
  passthrough?: readonly string[];
  /** Commands that read the paths they are given, run for real on the paths under $TEJUN_ROOT where those exist (default none; see `rerooted`). */
  rerooted?: readonly string[];
  /** Canned stdout of fake commands, by command name. */
  stdout?: Readonly<Record<string, string>>;
  /**
   * Programs the guides call by absolute path (`/usr/share/openstack-dashboard/manage.py`,
   * `/etc/init.d/apache2`): PATH cannot answer them, so {@link Shim.bashEnv} defines a bash
   * function of that name (bash allows `/` in function names) calling a fake logged under the
   * full path. Run the runbook with `BASH_ENV=shim.bashEnv`.
   */
  absolute?: readonly string[];
  /**
   * When true, {@link Shim.bashEnv} also defines bash's `command_not_found_handle`: a command
   * found nowhere is logged with `missing: true` and returns 0 instead of failing the runbook
   * (for text the extractor took for a command; the test decides what is acceptable).
   */
  logNotFound?: boolean;
  /**
   * When true, {@link Shim.bashEnv} also overrides `cd`: `cd /abs/dir` outside the allowed roots
   * goes to `$TEJUN_ROOT/abs/dir` instead (created if missing), logged as a `cd` call, so a
   * guide's `mkdir -p /etc/swift; cd /etc/swift` stays in the sandbox.
   */
  rerootCd?: boolean;
  /**
   * When true, {@link Shim.bashEnv} also overrides `source` and `.`: `source /abs/file` reads
   * `$TEJUN_ROOT/abs/file` when that exists (a file the run or a fake wrote under the root,
   * `/root/keystonerc_admin` of the fake packstack), else the path as given. The file is sourced
   * inside a function: its `declare`s without -g would be local and it sees no positional
   * parameters (the guides' rc files only export); the harness's own scripts use `builtin source`.
   * `bash /abs/script` and `sh /abs/script` run `$TEJUN_ROOT/abs/script` alike.
   */
  rerootSource?: boolean;
  /**
   * Files put in the shim directory by name → content, for `source NAME` (bash looks a slashless
   * sourced name up on PATH before the working directory): the credential files (`admin-openrc.sh`)
   * an earlier chapter of a guide has the operator write.
   */
  sourced?: Readonly<Record<string, string>>;
  /** Extra bash run by fake commands after logging, by name (default {@link FAKE_SCRIPTS}). */
  scripts?: Readonly<Record<string, string>>;
  /**
   * When true, `systemctl` is a stateful fake systemd (test/e2e/harness/systemctl.bash): units
   * started, stopped, enabled and disabled stay so, per sandbox root, under `dir/units/`, and
   * `systemctl show` / `is-enabled` / `is-active` answer from that state, as
   * ansible.builtin.systemd reads it to decide whether a task changes anything.
   */
  units?: boolean;
  /** Roots inside which `sandboxed` commands run for real, besides $TEJUN_ROOT at call time. */
  allow?: readonly string[];
  /** The PATH the real programs are looked up on (default process.env.PATH). */
  realPath?: string;
}

/** Single-quotes `s` for bash. */
function sq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** test/e2e/harness/shim-log.bash, the JSON logger every shim sources (a real bash file, linted). */
const LOG_LIBRARY = join(ROOT, 'test', 'e2e', 'harness', 'shim-log.bash');

/** test/e2e/harness/systemctl.bash, the stateful systemd of {@link ShimOptions.units}. */
const UNITS_LIBRARY = join(ROOT, 'test', 'e2e', 'harness', 'systemctl.bash');

/** Resolves `name` on `path` (not in `skip`), or null. */
function resolveReal(name: string, path: string, skip: string): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir || dir === skip) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not there or not executable: the next directory
    }
  }
  return null;
}

/** The script of one shimmed command. */
function shimScript(name: string, kind: ShimKind, log: string, real: string | null, stdout: string | undefined, extra: string | undefined, allow: readonly string[]): string {
  const head = [
    '#!/usr/bin/env bash',
    `# tejun e2e shim (${kind}) for ${name}: see test/e2e/harness/shim.ts`,
    `TEJUN_SHIM_CMD=${sq(name)}`,
    `TEJUN_SHIM_LOG_FILE=${sq(log)}`,
    `builtin source ${sq(LOG_LIBRARY)}`,
  ];
  if (kind === 'fake') {
    const out = stdout === undefined ? [] : [`printf '%s' ${sq(stdout)}`];
    return [...head, 'tejun_shim_log false "$@"', ...(extra ? [extra] : []), ...out, 'exit 0', ''].join('\n');
  }
  if (!real) throw new Error(`shim: no real ${name} on PATH for a ${kind} shim`);
  if (kind === 'passthrough') {
    return [...head, 'tejun_shim_log true "$@"', `exec ${sq(real)} "$@"`, ''].join('\n');
  }
  if (kind === 'rerooted') {
    return [
      ...head,
      `TEJUN_SHIM_ALLOW=(${allow.map(sq).join(' ')})`,
      'tejun_root=${TEJUN_ROOT:-}',
      'tejun_root=${tejun_root%/}',
      'args=()',
      'for a in "$@"; do',
      '  if [[ -n "$tejun_root" && "$a" == /* && "$a" != "$tejun_root" && "$a" != "$tejun_root"/* ]]; then',
      '    ok=0',
      '    for r in "${TEJUN_SHIM_ALLOW[@]}"; do',
      '      if [[ "$a" == "$r" || "$a" == "$r"/* ]]; then ok=1; break; fi',
      '    done',
      '    if ((!ok)) && [[ -e "$tejun_root$a" || -L "$tejun_root$a" ]]; then a=$tejun_root$a; fi',
      '  fi',
      '  args+=("$a")',
      'done',
      'tejun_shim_log true "$@"',
      `exec ${sq(real)} "\${args[@]}"`,
      '',
    ].join('\n');
  }
  return [
    ...head,
    `TEJUN_SHIM_ALLOW=(${allow.map(sq).join(' ')})`,
    'if [[ -n "${TEJUN_ROOT:-}" ]]; then TEJUN_SHIM_ALLOW+=("${TEJUN_ROOT%/}"); fi',
    'inside=1',
    'for a in "$@"; do',
    '  [[ "$a" == /* ]] || continue',
    '  ok=0',
    '  for r in "${TEJUN_SHIM_ALLOW[@]}"; do',
    '    if [[ "$a" == "$r" || "$a" == "$r"/* ]]; then ok=1; break; fi',
    '  done',
    '  if ((!ok)); then inside=0; break; fi',
    'done',
    'if ((inside)); then',
    '  tejun_shim_log true "$@"',
    `  exec ${sq(real)} "$@"`,
    'fi',
    'tejun_shim_log false "$@"',
    'exit 0',
    '',
  ].join('\n');
}

/**
 * Makes a shim directory `dir/bin` and log `dir/calls.jsonl` (`dir` is created if missing).
 * Throws when a passthrough or sandboxed command has no real program on `realPath`.
 */
export function makeShim(dir: string, options: ShimOptions = {}): Shim {
  const bin = join(dir, 'bin');
  const log = join(dir, 'calls.jsonl');
  mkdirSync(bin, { recursive: true });
  writeFileSync(log, '');
  const realPath = options.realPath ?? process.env['PATH'] ?? '/usr/bin:/bin';
  const kinds = new Map<string, ShimKind>();
  for (const c of options.fake ?? FAKE_COMMANDS) kinds.set(c, 'fake');
  for (const c of options.sandboxed ?? SANDBOXED_COMMANDS) kinds.set(c, 'sandboxed');
  for (const c of options.passthrough ?? []) kinds.set(c, 'passthrough');
  for (const c of options.rerooted ?? []) kinds.set(c, 'rerooted');
  const scripts: Record<string, string> = { ...(options.scripts ?? FAKE_SCRIPTS) };
  if (options.units) {
    kinds.set('systemctl', 'fake');
    scripts['systemctl'] = `TEJUN_SHIM_UNITS=${sq(join(dir, 'units'))}\nbuiltin source ${sq(UNITS_LIBRARY)}`;
  }
  for (const [name, kind] of kinds) {
    const real = kind === 'fake' ? null : resolveReal(name, realPath, bin);
    const file = join(bin, name);
    writeFileSync(file, shimScript(name, kind, log, real, options.stdout?.[name], scripts[name], options.allow ?? []));
    chmodSync(file, 0o755);
  }
  for (const [name, content] of Object.entries(options.sourced ?? {})) writeFileSync(join(bin, name), content, { mode: 0o644 });
  const absDir = join(dir, 'absolute');
  mkdirSync(absDir, { recursive: true });
  const functions = (options.absolute ?? []).map((path, i) => {
    const file = join(absDir, `fake-${i + 1}`);
    writeFileSync(file, shimScript(path, 'fake', log, null, options.stdout?.[path], undefined, []));
    chmodSync(file, 0o755);
    return `function ${path} { ${sq(file)} "$@"; }`;
  });
  const bashEnv = join(dir, 'bash-env.sh');
  if (options.rerootCd) {
    const allowed = (options.allow ?? []).map((a) => `"$1" == ${sq(a)} || "$1" == ${sq(a)}/*`).join(' || ');
    functions.push(
      [
        'cd() {',
        `  if [[ $# -eq 1 && "$1" == /* && -n "\${TEJUN_ROOT:-}" && "$1" != "\${TEJUN_ROOT%/}" && "$1" != "\${TEJUN_ROOT%/}"/* ${allowed ? `&& ! ( ${allowed.replace(/"\$1" == /g, '"$1" == ')} )` : ''} ]]; then`,
        `    ( TEJUN_SHIM_CMD=cd TEJUN_SHIM_LOG_FILE=${sq(log)}; builtin source ${sq(LOG_LIBRARY)}; tejun_shim_log false "$1" )`,
        // `command -p`: the real mkdir on the default PATH, not the shim's (this is the harness's plumbing, not a call to log).
        '    command -p mkdir -p -- "${TEJUN_ROOT%/}$1" && builtin cd -- "${TEJUN_ROOT%/}$1"',
        '  else',
        '    builtin cd "$@"',
        '  fi',
        '}',
      ].join('\n'),
    );
  }
  if (options.rerootSource) {
    for (const name of ['source', '.']) {
      functions.push(
        [
          `${name === '.' ? 'function .' : 'source()'} {`,
          '  if [[ $# -ge 1 && "$1" == /* && -n "${TEJUN_ROOT:-}" && "$1" != "${TEJUN_ROOT%/}"/* && -e "${TEJUN_ROOT%/}$1" ]]; then',
          `    local tejun_file="\${TEJUN_ROOT%/}$1"; shift; builtin ${name} "$tejun_file" "$@"`,
          '  else',
          `    builtin ${name} "$@"`,
          '  fi',
          '}',
        ].join('\n'),
      );
    }
    // `bash /abs/script` (a guide runs the script it wrote with `vi /abs/script`): the script the
    // run wrote under the root, when there is one.
    for (const name of ['bash', 'sh']) {
      functions.push(
        [
          `${name}() {`,
          '  if [[ $# -ge 1 && "$1" == /* && -n "${TEJUN_ROOT:-}" && "$1" != "${TEJUN_ROOT%/}"/* && -e "${TEJUN_ROOT%/}$1" ]]; then',
          `    local tejun_file="\${TEJUN_ROOT%/}$1"; shift; command ${name} "$tejun_file" "$@"`,
          '  else',
          `    command ${name} "$@"`,
          '  fi',
          '}',
        ].join('\n'),
      );
    }
  }
  if (options.logNotFound) {
    functions.push(
      `command_not_found_handle() { TEJUN_SHIM_CMD=$1 TEJUN_SHIM_LOG_FILE=${sq(log)}; builtin source ${sq(LOG_LIBRARY)}; shift; tejun_shim_log 'false,"missing":true' "$@"; return 0; }`,
    );
  }
  writeFileSync(bashEnv, `# absolute-path fakes of test/e2e/harness/shim.ts\n${functions.join('\n')}\n`);
  return {
    bin,
    log,
    bashEnv,
    path: `${bin}${delimiter}${realPath}`,
    calls: () => readShimLog(log),
    reset: () => writeFileSync(log, ''),
  };
}

/**
 * Reads a shim log: one {@link ShimCall} per non-empty line, in call order. A missing file reads
 * as no calls; a malformed line throws (SyntaxError with the line number).
 */
export function readShimLog(path: string): ShimCall[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (!line.trim()) return [];
      try {
        return [JSON.parse(line) as ShimCall];
      } catch (e) {
        throw new SyntaxError(`${path}:${i + 1}: ${(e as Error).message}: ${line}`, { cause: e });
      }
    });
}
