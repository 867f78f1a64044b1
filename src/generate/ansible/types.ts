/**
 * The shapes the Ansible generator builds before writing YAML: a task (plain data, keys in
 * writing order), a play, and the tags a task carries.
 */
import type { UnsafeText } from '../escape/ansible.js';
import { ROOT_VAR } from './paths.js';

/**
 * A comment the playbook writes on the line before a task (ansible/yaml.ts): why a command has
 * no `creates`/`removes` or check, or why ansible-lint skips it. A symbol: no module argument,
 * and invisible to Object.keys and JSON.
 */
export const COMMENT: unique symbol = Symbol('tejun-task-comment');

/** One Ansible task as plain data, keys in the order they are written; {@link COMMENT} optional. */
export type Task = Record<string, unknown> & { [COMMENT]?: string };

/** One play: hosts group, and its tasks. */
export interface Play {
  /** A Jinja-escaped template while the playbook is built; `!unsafe` text when written. */
  name: string | UnsafeText;
  hosts: string;
  tasks: Task[];
  /**
   * Handlers the play's tasks notify (written to the role's handlers/main.yml by
   * roles-layout.ts; one per name); none when absent.
   */
  handlers?: Task[];
  /** Roles the play applies (`roles:`), in site.yml only. */
  roles?: string[];
  /** Whether the play gathers facts; when absent, whether a task reads them (plays.ts's usesFacts). */
  gatherFacts?: boolean;
}

/**
 * Tags of the tasks by what they touch, so an operator can run or skip a kind
 * (`--skip-tags packages,services` in a staging run where packages come from elsewhere):
 * `packages` (package, apt, yum), `services` (service, systemd), `mounts` (mount, and the disks:
 * lvg, lvol, filesystem), `cloud` (OpenStack objects through openstack.cloud: needs openstacksdk
 * and the cloud), `config`
 * (ini_file, lineinfile, blockinfile), `files` (file), `sql`, `commands`, `checks`
 * (verifying commands and their asserts), `environment` (source/export/cd), `manual` (a fail
 * unless tejun_manual_done lists the step), `reboot` (ansible.builtin.reboot), `firewall`
 * (ansible.posix.firewalld and the firewall's reload: they need python3-firewall and a running
 * firewalld, and change the host's firewall; `--skip-tags firewall` where another tool owns it).
 * The stamp directory and the unbound-value assert are tagged `always`.
 */
export const TASK_TAGS = ['packages', 'services', 'mounts', 'config', 'files', 'sql', 'commands', 'checks', 'environment', 'manual', 'cloud', 'reboot', 'firewall'] as const;

/** One of {@link TASK_TAGS}. */
export type TaskTag = (typeof TASK_TAGS)[number];

/** The module key of a task (`ansible.builtin.file`: the one key with a dot), or null. */
export function moduleOf(task: Task): string | null {
  return Object.keys(task).find((k) => k.includes('.')) ?? null;
}

/**
 * The host path a task's module writes (its `path` or `dest` argument, the `{{ tejun_root }}`
 * prefix dropped: `/etc/nova/nova.conf`), or null for a task with neither.
 */
export function writtenPath(task: Task): string | null {
  const module = moduleOf(task);
  const args = module ? task[module] : null;
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return null;
  const path = (args as Record<string, unknown>).path ?? (args as Record<string, unknown>).dest;
  if (typeof path !== 'string') return null;
  const prefix = `{{ ${ROOT_VAR} }}`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}
