/**
 * Choosing an Ansible module for one guide command, by what the command means.
 *
 * Pure classification of the command's `run` text (CONTRACT.md normal form: prompt removed,
 * one line). The returned strings are still the guide's text, with placeholder names in place;
 * the task handlers (handlers/) substitute and Jinja-escape them.
 */
import { hostModuleSpec, type SystemSpec } from './system-modules.js';
import { setsEnvironment } from '../shell/environment.js';

/** A package install: `yum|dnf install -y …`, `apt-get|apt|aptitude install …`, `zypper in …`. */
export interface PackageSpec {
  module: 'ansible.builtin.package';
  names: string[];
}

/** One service's wanted state; `state` and `enabled` absent mean "leave as is". */
export interface ServiceItem {
  name: string;
  state?: 'started' | 'stopped' | 'restarted' | 'reloaded';
  enabled?: boolean;
}

/**
 * Service control: `service X start|stop|restart|reload` and `chkconfig X on|off` →
 * ansible.builtin.service; `systemctl start|stop|restart|reload|enable|disable [--now] U…` →
 * ansible.builtin.systemd, one item per unit (looped when several).
 */
export interface ServiceSpec {
  module: 'ansible.builtin.service' | 'ansible.builtin.systemd';
  items: ServiceItem[];
}

/** Anything else: run it; `shell` when it needs bash (see {@link needsShell}). */
export interface CommandSpec {
  module: 'ansible.builtin.command' | 'ansible.builtin.shell';
  cmd: string;
}

/** A command that changes the environment of later commands (`source F`, `export A=B`, `cd D`, `A=B`). */
export interface EnvironmentSpec {
  module: 'environment';
  cmd: string;
}

/**
 * Any other module with fixed arguments: apt cache update/upgrade, yum update, file state
 * changes (`rm`, `mkdir`, `chmod`, `chown` on one absolute path), a line appended to a file
 * (`echo "LINE" >> /path` → lineinfile) and mounting an fstab entry (`mount /point` →
 * ansible.posix.mount, see {@link mountSpec}). String arguments are still guide text
 * (placeholders in place); a `path` argument is a file the playbook writes (put under
 * tejun_root by the generator).
 */
export interface GenericSpec {
  module:
    | 'ansible.builtin.apt'
    | 'ansible.builtin.yum'
    | 'ansible.builtin.file'
    | 'ansible.builtin.lineinfile'
    | 'ansible.posix.mount'
    | 'ansible.builtin.replace'
    | 'ansible.builtin.reboot'
    | 'ansible.posix.firewalld'
    | 'ansible.builtin.hostname'
    | 'ansible.builtin.pip'
    | SystemSpec['module'];
  args: Record<string, string | boolean | string[]>;
}

/** The module chosen for a command. */
export type ModuleSpec = PackageSpec | ServiceSpec | GenericSpec | CommandSpec | EnvironmentSpec;

export type { SystemSpec } from './system-modules.js';

/**
 * Characters that need bash rather than Ansible's command module (which splits with shlex and
 * runs no shell): pipes, redirects, `;`, `&`, `$` expansions, backticks, globs, `~`, `\`,
 * braces, parentheses, `!` and `#`.
 */
const SHELL_CHARS = /[|&;<>$`*?[\]~\\{}()!#]/;

/** Shell builtins that only make sense in a shell. */
const SHELL_BUILTINS = new Set(['source', '.', 'export', 'cd', 'set', 'unset', 'alias', 'ulimit', 'umask']);

/**
 * True when `run` needs a shell: it holds a character of {@link SHELL_CHARS} or starts with a
 * shell builtin (`source`, `export`, `cd`, …).
 */
export function needsShell(run: string): boolean {
  const first = run.trim().split(/\s+/)[0] ?? '';
  return SHELL_CHARS.test(run) || SHELL_BUILTINS.has(first);
}

/** Options of package managers that do not change what gets installed. */
const HARMLESS_PACKAGE_OPTIONS = new Set([
  '-y',
  '--yes',
  '--assumeyes',
  '--assume-yes',
  '-q',
  '--quiet',
  '-n',
  '--non-interactive',
]);

/** Package-manager command words that mean "install". */
const INSTALL_VERBS: Record<string, Set<string>> = {
  yum: new Set(['install']),
  dnf: new Set(['install']),
  'apt-get': new Set(['install']),
  apt: new Set(['install']),
  aptitude: new Set(['install']),
  zypper: new Set(['install', 'in']),
};

/** `service` verbs → service states. */
const SERVICE_STATES: Record<string, ServiceItem['state']> = {
  start: 'started',
  stop: 'stopped',
  restart: 'restarted',
  reload: 'reloaded',
};

/**
 * Classifies one command. Only plain commands (no shell syntax, no quotes) are turned into
 * package/service modules, and only when every option is understood; anything else is a
 * command or shell task with `cmd` = `run` unchanged. Never throws.
 */
export function classifyCommand(run: string): ModuleSpec {
  const trimmed = run.trim();
  const words = trimmed.split(/\s+/);
  if (setsEnvironment(trimmed)) {
    return { module: 'environment', cmd: trimmed };
  }
  const append = appendSpec(trimmed) ?? sedSpec(trimmed);
  if (append) return append;
  if (!needsShell(trimmed) && !/['"]/.test(trimmed)) {
    const spec = packageSpec(words) ?? serviceSpec(words) ?? systemSpec(words) ?? fileSpec(words) ?? rebootSpec(words) ?? firewalldSpec(words) ?? hostnameSpec(words) ?? pipSpec(words) ?? hostModuleSpec(words);
    if (spec) return spec;
  }
  return { module: needsShell(trimmed) ? 'ansible.builtin.shell' : 'ansible.builtin.command', cmd: trimmed };
}

/** `yum install -y a b` → package spec, or null when not a plain install. */
function packageSpec(words: string[]): PackageSpec | null {
  const verbs = INSTALL_VERBS[words[0] ?? ''];
  if (!verbs) return null;
  const rest = words.slice(1);
  const verbAt = rest.findIndex((w) => !w.startsWith('-'));
  if (verbAt < 0 || !verbs.has(rest[verbAt] ?? '')) return null;
  const options = rest.filter((w, i) => i !== verbAt && w.startsWith('-'));
  if (!options.every((o) => HARMLESS_PACKAGE_OPTIONS.has(o))) return null;
  const names = rest.filter((w, i) => i !== verbAt && !w.startsWith('-'));
  return names.length > 0 ? { module: 'ansible.builtin.package', names } : null;
}

/** `apt-get update`, `apt-get -y dist-upgrade`, `yum -y update` → spec, or null. */
function systemSpec(words: string[]): GenericSpec | null {
  const [cmd, ...rest] = words;
  const options = rest.filter((w) => w.startsWith('-'));
  const verbs = rest.filter((w) => !w.startsWith('-'));
  if (!options.every((o) => HARMLESS_PACKAGE_OPTIONS.has(o)) || verbs.length !== 1) return null;
  const verb = verbs[0];
  if (cmd === 'apt-get' || cmd === 'apt') {
    if (verb === 'update') return { module: 'ansible.builtin.apt', args: { update_cache: true } };
    if (verb === 'upgrade') return { module: 'ansible.builtin.apt', args: { upgrade: 'yes' } };
    if (verb === 'dist-upgrade' || verb === 'full-upgrade') return { module: 'ansible.builtin.apt', args: { upgrade: 'dist' } };
  }
  if ((cmd === 'yum' || cmd === 'dnf') && (verb === 'update' || verb === 'upgrade')) {
    return { module: 'ansible.builtin.yum', args: { name: '*', state: 'latest' } };
  }
  return null;
}

/** A path word a file task can take: absolute (not `/`) or relative, no shell syntax. */
function filePath(word: string | undefined): word is string {
  return word !== undefined && word !== '/' && !word.startsWith('-') && !/[*?[\]{}~$`]/.test(word);
}

/**
 * `rm [-f|-r|-rf] /p`, `mkdir [-p] p`, `chmod 755|u+x p`, `chown [-R] u[:g] p`, `chgrp g p`, `ln -s[f] target
 * link` → file spec, or null. A relative path stays relative (the generator roots it like any
 * path). `ln -s /x/a.conf /dir`, a link name without an extension to a target with one, is read
 * as "a link named a.conf inside /dir" (what ln does when /dir is a directory).
 */
function fileSpec(words: string[]): GenericSpec | null {
  const [cmd, ...rest] = words;
  const options = rest.filter((w) => w.startsWith('-'));
  const operands = rest.filter((w) => !w.startsWith('-'));
  const path = operands[operands.length - 1];
  if (!filePath(path)) return null;
  const file = (args: Record<string, string | boolean>): GenericSpec => ({ module: 'ansible.builtin.file', args: { path, ...args } });
  if (cmd === 'rm' && operands.length === 1 && path.startsWith('/') && options.every((o) => /^-[rfR]+$/.test(o))) return file({ state: 'absent' });
  if (cmd === 'mkdir' && operands.length === 1 && options.every((o) => o === '-p')) return file({ state: 'directory', mode: '0755' });
  if (cmd === 'ln' && operands.length === 2 && options.length === 1 && /^-(s|sf|fs)$/.test(options[0]!) && filePath(operands[0])) {
    const target = operands[0];
    const base = (p: string): string => p.replace(/\/+$/, '').split('/').pop() ?? '';
    const link = !base(path).includes('.') && base(target).includes('.') ? `${path.replace(/\/+$/, '')}/${base(target)}` : path;
    return { module: 'ansible.builtin.file', args: { src: target, path: link, state: 'link', ...(options[0] === '-s' ? {} : { force: true }) } };
  }
  const recurse = options.length === 1 && options[0] === '-R';
  if ((options.length > 0 && !(cmd === 'chown' && recurse)) || operands.length !== 2) return null;
  if (cmd === 'chmod' && /^[0-7]{3,4}$/.test(operands[0]!)) return file({ mode: operands[0]!.padStart(4, '0') });
  if (cmd === 'chmod' && /^[ugoa]*[-+=][rwxXst]+$/.test(operands[0]!)) return file({ mode: /^[-+=]/.test(operands[0]!) ? `a${operands[0]!}` : operands[0]! });
  const owner = /^([A-Za-z_][A-Za-z0-9_.-]*)(?::([A-Za-z_][A-Za-z0-9_.-]*))?$/.exec(operands[0]!);
  // `chown -R` (the service's account, made by its package) stays a command: recursing needs
  // state=directory, which would make a missing directory instead of failing as chown does.
  if (cmd === 'chown' && owner && !recurse) return file(owner[2] ? { owner: owner[1]!, group: owner[2] } : { owner: owner[1]! });
  if (cmd === 'chgrp' && owner && !owner[2] && !recurse) return file({ group: owner[1]! });
  return null;
}

/**
 * `firewall-cmd [--permanent] [--zone=Z] --add-port=P|--add-service=S` → ansible.posix.firewalld
 * (`state: enabled`, `permanent` as the guide says: without it the change is the running
 * configuration's only, as firewall-cmd's), or null. `firewall-cmd --reload` is a service reload
 * (`systemctl reload firewalld` does the same), so the handlers pass can notify it.
 */
function firewalldSpec(words: string[]): GenericSpec | ServiceSpec | null {
  if (words[0] !== 'firewall-cmd') return null;
  const rest = words.slice(1);
  if (rest.length === 1 && rest[0] === '--reload') return { module: 'ansible.builtin.systemd', items: [{ name: 'firewalld', state: 'reloaded' }] };
  const args: Record<string, string | boolean> = {};
  for (const w of rest) {
    const m = /^--(zone|add-port|add-service)=([A-Za-z0-9_./-]+)$/.exec(w);
    if (w === '--permanent') args.permanent = true;
    else if (m && m[1] === 'zone') args.zone = m[2]!;
    else if (m && !args.port && !args.service) args[m[1] === 'add-port' ? 'port' : 'service'] = m[2]!;
    else return null;
  }
  if (!args.port && !args.service) return null;
  return { module: 'ansible.posix.firewalld', args: { ...args, permanent: args.permanent === true, state: 'enabled' } };
}

/** `hostnamectl set-hostname NAME` → ansible.builtin.hostname, or null. */
function hostnameSpec(words: string[]): GenericSpec | null {
  return words.length === 3 && words[0] === 'hostnamectl' && words[1] === 'set-hostname' ? { module: 'ansible.builtin.hostname', args: { name: words[2]! } } : null;
}

/** `pip install [--upgrade|-U] P…` / `pip uninstall [-y] P…` (also pip3) → ansible.builtin.pip, or null. */
function pipSpec(words: string[]): GenericSpec | null {
  if (words[0] !== 'pip' && words[0] !== 'pip3') return null;
  const verb = words[1];
  const options = words.slice(2).filter((w) => w.startsWith('-'));
  const names = words.slice(2).filter((w) => !w.startsWith('-'));
  if (names.length === 0 || !names.every((n) => /^[A-Za-z0-9_.-]+$/.test(n))) return null;
  if (verb === 'install' && options.every((o) => o === '--upgrade' || o === '-U')) {
    return { module: 'ansible.builtin.pip', args: { name: names, state: options.length > 0 ? 'latest' : 'present', executable: words[0] } };
  }
  if (verb === 'uninstall' && options.every((o) => o === '-y' || o === '--yes')) return { module: 'ansible.builtin.pip', args: { name: names, state: 'absent', executable: words[0] } };
  return null;
}

/** `reboot`, `shutdown -r now`, `systemctl reboot` → ansible.builtin.reboot (waits for the host to come back), or null. */
function rebootSpec(words: string[]): GenericSpec | null {
  const text = words.join(' ');
  return /^(reboot|shutdown -r now|systemctl reboot)$/.test(text) ? { module: 'ansible.builtin.reboot', args: {} } : null;
}

/**
 * `sed -i 's/A/B/g' /path` (any separator, quoted '…' or "…" without `$`, `\` or backtick, the
 * `g` flag, A and B without a backslash) → ansible.builtin.replace with A as a Python regexp (the
 * characters that are literal in sed's basic syntax but special in Python's, `(){}+?|`,
 * escaped) and B with sed's `&` as `\g<0>`; or null. Without `g` sed replaces the first match of
 * each line only, which replace cannot say: such a command stays a command.
 */
export function sedSpec(run: string): GenericSpec | null {
  const m = /^sed\s+-i\s+(?:'s(.)([^'\\]*)'|"s(.)([^"$`\\]*)")\s+(\/[^\s'"$`\\;&|<>*?]+)$/.exec(run.trim());
  if (!m) return null;
  const sep = m[1] ?? m[3]!;
  const parts = (m[2] ?? m[4]!).split(sep);
  if (parts.length !== 3 || parts[2] !== 'g' || parts[0] === '') return null;
  const regexp = parts[0]!.replace(/[(){}+?|]/g, (c) => `\\${c}`);
  return { module: 'ansible.builtin.replace', args: { path: m[5]!, regexp, replace: parts[1]!.replace(/&/g, '\\g<0>') } };
}

/**
 * `echo "LINE" >> /abs/path` or `echo 'LINE' >> /abs/path` → lineinfile (`create: true`), or
 * null. Only when the quoted LINE holds nothing the shell would change (no `$`, backtick, `\`,
 * `!` or the quote itself), so the line written is exactly the quoted text.
 */
export function appendSpec(run: string): GenericSpec | null {
  const m = /^echo\s+(?:"([^"$`\\!]*)"|'([^']*)')\s*>>\s*(\/[^\s'"$`\\;&|<>]+)$/.exec(run.trim());
  if (!m) return null;
  return { module: 'ansible.builtin.lineinfile', args: { path: m[3]!, line: m[1] ?? m[2] ?? '', create: true } };
}

/**
 * `mount /point` where one of `fstabLines` (lines the guide adds to /etc/fstab, placeholders in
 * place) mounts /point: ansible.posix.mount with that line's device, type, options, dump and
 * pass, `state: mounted` (mounts it and keeps the fstab line), `fstab: /etc/fstab`. Null for any
 * other command or when no fstab line names the mount point (the command stays a command).
 */
export function mountSpec(run: string, fstabLines: readonly string[]): GenericSpec | null {
  const m = /^mount\s+(\/\S*)$/.exec(run.trim());
  if (!m) return null;
  const point = m[1]!.replace(/(.)\/+$/, '$1');
  for (const line of fstabLines) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 3 || fields[0]!.startsWith('#') || fields[1]!.replace(/(.)\/+$/, '$1') !== point) continue;
    const [src, , fstype, opts, dump, passno] = fields;
    const args: Record<string, string> = { path: point, src: src!, fstype: fstype!, state: 'mounted', fstab: '/etc/fstab' };
    if (opts) args.opts = opts;
    if (dump) args.dump = dump;
    if (passno) args.passno = passno;
    return { module: 'ansible.posix.mount', args };
  }
  return null;
}

/**
 * The parts of an `a && b && c` chain when each part is a plain command (no other shell syntax,
 * no quotes), else null. `service networking stop && service networking start` → two commands,
 * run as separate tasks in order (a failing task stops the play, as `&&` would).
 */
export function splitAndChain(run: string): string[] | null {
  const parts = run.split(/\s+&&\s+/).map((p) => p.trim());
  if (parts.length < 2) return null;
  return parts.every((p) => p !== '' && !needsShell(p) && !/['"]/.test(p)) ? parts : null;
}

/** `service X start`, `chkconfig X on`, `systemctl enable --now X.service` → spec, or null. */
function serviceSpec(words: string[]): ServiceSpec | null {
  const [cmd, a, b, ...extra] = words;
  if (cmd === 'service' && a && b && extra.length === 0 && SERVICE_STATES[b]) {
    return { module: 'ansible.builtin.service', items: [{ name: a, state: SERVICE_STATES[b] }] };
  }
  if (cmd === 'chkconfig' && a && (b === 'on' || b === 'off') && extra.length === 0) {
    return { module: 'ansible.builtin.service', items: [{ name: a, enabled: b === 'on' }] };
  }
  if (cmd === 'systemctl' && a) {
    const args = words.slice(2);
    const now = args.includes('--now');
    const units = args.filter((w) => w !== '--now');
    if (units.length === 0 || units.some((u) => u.startsWith('-'))) return null;
    const item = systemctlItem(a, now);
    if (!item) return null;
    return { module: 'ansible.builtin.systemd', items: units.map((name) => ({ name, ...item })) };
  }
  return null;
}

/** The wanted state for a `systemctl VERB [--now]`, or null for verbs that are not state changes. */
function systemctlItem(verb: string, now: boolean): Omit<ServiceItem, 'name'> | null {
  if (verb === 'enable') return now ? { state: 'started', enabled: true } : { enabled: true };
  if (verb === 'disable') return now ? { state: 'stopped', enabled: false } : { enabled: false };
  const state = SERVICE_STATES[verb];
  return state && !now ? { state } : null;
}
