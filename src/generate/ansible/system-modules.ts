/**
 * More commands with an Ansible module of the same meaning, by what the command does to the
 * host: disks (`vgcreate`, `lvcreate -T`, `mkfs`), package removal and holds (`apt-get remove`,
 * `yum remove`, `apt-mark hold`, `rpm -i URL`, `easy_install`), SysV init scripts
 * (`/etc/init.d/X restart`) and a file's group (`chgrp`).
 *
 * Pure classification of the command's words (CONTRACT.md normal form, no shell syntax, no
 * quotes: the caller, modules.ts's classifyCommand, only asks for plain commands). Arguments are
 * still guide text, placeholders in place. Each function returns null when the command is not
 * exactly of its form (an option it does not know included): the command then stays a command.
 */

/** A module with fixed arguments (modules.ts's GenericSpec carries it). */
export interface SystemSpec {
  module:
    | 'community.general.lvg'
    | 'community.general.lvol'
    | 'community.general.filesystem'
    | 'community.general.easy_install'
    | 'ansible.builtin.package'
    | 'ansible.builtin.apt'
    | 'ansible.builtin.yum'
    | 'ansible.builtin.dpkg_selections';
  args: Record<string, string | boolean | string[]>;
}

/** A service state change (modules.ts's ServiceSpec shape). */
export interface InitScriptSpec {
  module: 'ansible.builtin.service';
  items: { name: string; state: 'started' | 'stopped' | 'restarted' | 'reloaded' }[];
}

/** A device path: `/dev/…`, no shell syntax. */
const DEVICE = /^\/dev\/[A-Za-z0-9_./-]+$/;

/** A package, volume group or volume name (placeholders `<x>`/`{x}` kept as text). */
const NAME = /^[A-Za-z0-9_.+:<>{}-]+$/;

/** Options of package managers that do not change what gets removed. */
const QUIET = new Set(['-y', '--yes', '--assume-yes', '--assumeyes', '-q', '--quiet']);

/** The spec of the first form `words` has, or null. */
export function hostModuleSpec(words: readonly string[]): SystemSpec | InitScriptSpec | null {
  return volumeGroup(words) ?? thinPool(words) ?? filesystem(words) ?? removal(words) ?? hold(words) ?? rpmInstall(words) ?? easyInstall(words) ?? initScript(words) ?? null;
}

/**
 * `vgcreate VG DEV…` → community.general.lvg (`vg`, `pvs`): makes the physical volumes on the
 * devices that are not yet ones and the group, and does nothing when the group is there.
 */
function volumeGroup(words: readonly string[]): SystemSpec | null {
  const [cmd, vg, ...devices] = words;
  if (cmd !== 'vgcreate' || !vg || !NAME.test(vg) || devices.length === 0 || !devices.every((d) => DEVICE.test(d))) return null;
  return { module: 'community.general.lvg', args: { vg, pvs: devices } };
}

/** `lvcreate -L SIZE -T VG/POOL` (a thin pool) → community.general.lvol (`vg`, `thinpool`, `size`). */
function thinPool(words: readonly string[]): SystemSpec | null {
  if (words[0] !== 'lvcreate' || words.length !== 5) return null;
  const rest = words.slice(1);
  const size = rest[rest.indexOf('-L') + 1];
  const pool = rest[rest.indexOf('-T') + 1];
  if (!rest.includes('-L') || !rest.includes('-T') || !size || !pool || !/^\d+(\.\d+)?[bBsSkKmMgGtTpPeE]?$/.test(size)) return null;
  const m = /^([A-Za-z0-9_.+-]+)\/([A-Za-z0-9_.+-]+)$/.exec(pool);
  return m ? { module: 'community.general.lvol', args: { vg: m[1]!, thinpool: m[2]!, size } } : null;
}

/**
 * `mkfs.TYPE DEV` or `mkfs -t TYPE DEV` → community.general.filesystem (`fstype`, `dev`): makes
 * the file system when the device has none (mkfs would refuse or overwrite one; the module
 * leaves it alone, so a second run changes nothing).
 */
function filesystem(words: readonly string[]): SystemSpec | null {
  const dotted = /^mkfs\.([a-z0-9]+)$/.exec(words[0] ?? '');
  if (dotted && words.length === 2 && DEVICE.test(words[1]!)) return { module: 'community.general.filesystem', args: { fstype: dotted[1]!, dev: words[1]! } };
  if (words[0] === 'mkfs' && words.length === 4 && words[1] === '-t' && /^[a-z0-9]+$/.test(words[2]!) && DEVICE.test(words[3]!)) {
    return { module: 'community.general.filesystem', args: { fstype: words[2]!, dev: words[3]! } };
  }
  return null;
}

/**
 * `apt-get|apt remove|purge [--purge] [-y] P…` → ansible.builtin.apt (`state: absent`, `purge`
 * for purge or --purge); `yum|dnf remove|erase [-y] P…` → ansible.builtin.package `state: absent`.
 */
function removal(words: readonly string[]): SystemSpec | null {
  const [cmd, ...rest] = words;
  const verb = rest.find((w) => !w.startsWith('-'));
  const options = rest.filter((w) => w.startsWith('-'));
  const names = rest.filter((w) => !w.startsWith('-') && w !== verb);
  if (names.length === 0 || !names.every((n) => NAME.test(n))) return null;
  if ((cmd === 'apt-get' || cmd === 'apt') && (verb === 'remove' || verb === 'purge') && options.every((o) => QUIET.has(o) || o === '--purge')) {
    return { module: 'ansible.builtin.apt', args: { name: names, state: 'absent', purge: verb === 'purge' || options.includes('--purge') } };
  }
  if ((cmd === 'yum' || cmd === 'dnf') && (verb === 'remove' || verb === 'erase') && options.every((o) => QUIET.has(o))) {
    return { module: 'ansible.builtin.package', args: { name: names, state: 'absent' } };
  }
  return null;
}

/** `apt-mark hold|unhold P` → ansible.builtin.dpkg_selections (`selection: hold|install`). */
function hold(words: readonly string[]): SystemSpec | null {
  const [cmd, verb, name, ...extra] = words;
  if (cmd !== 'apt-mark' || (verb !== 'hold' && verb !== 'unhold') || !name || !NAME.test(name) || extra.length > 0) return null;
  return { module: 'ansible.builtin.dpkg_selections', args: { name, selection: verb === 'hold' ? 'hold' : 'install' } };
}

/**
 * `rpm -i|-ivh|-Uvh URL.rpm` (a release package from the web) → ansible.builtin.yum with the URL
 * as `name`: installs it unless a package of that name is there.
 */
function rpmInstall(words: readonly string[]): SystemSpec | null {
  const [cmd, option, url, ...extra] = words;
  if (cmd !== 'rpm' || !option || !/^-(i|iv|ivh|Uvh|Uv|U)$/.test(option) || !url || extra.length > 0) return null;
  return /^https?:\/\/[^\s]+\.rpm$/.test(url) ? { module: 'ansible.builtin.yum', args: { name: url, state: 'present' } } : null;
}

/** `easy_install P` → community.general.easy_install (`name`). */
function easyInstall(words: readonly string[]): SystemSpec | null {
  return words.length === 2 && words[0] === 'easy_install' && NAME.test(words[1]!) ? { module: 'community.general.easy_install', args: { name: words[1]! } } : null;
}

/** `/etc/init.d/NAME start|stop|restart|reload` → ansible.builtin.service, as `service NAME VERB`. */
function initScript(words: readonly string[]): InitScriptSpec | null {
  const m = /^\/etc\/(?:rc\.d\/)?init\.d\/([A-Za-z0-9_.@-]+)$/.exec(words[0] ?? '');
  const states = { start: 'started', stop: 'stopped', restart: 'restarted', reload: 'reloaded' } as const;
  const verb = words[1] as keyof typeof states | undefined;
  if (!m || words.length !== 2 || !verb || !(verb in states)) return null;
  return { module: 'ansible.builtin.service', items: [{ name: m[1]!, state: states[verb] }] };
}
