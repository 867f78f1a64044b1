/**
 * Ansible settings for the e2e runs that make every host a systemd host, whatever runs the tests
 * (PID 1 of a container or a CI runner is rarely systemd, and ansible.builtin.service picks its
 * backend from the `service_mgr` fact).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Environment that makes each host a systemd host for ansible.builtin.service (which runs the
 * module named by the `service_mgr` fact): a jsonfile fact cache in directory `cache` (made if
 * missing) starts with `ansible_service_mgr: systemd` for every host in `hosts` (inventory names),
 * and fact gathering keeps to the `!all,!min,env` subset, which does not collect service_mgr
 * again. Besides `ansible_env` (its HOME places a guide's `~/admin-openrc.sh`, ansible/paths.ts)
 * the playbooks read no other fact in these runs: `os_family` only picks a MariaDB socket, unused
 * with tejun_mysql_defaults. So service tasks run ansible.builtin.systemd, whose systemctl is the
 * shim's stateful fake (harness/systemctl.bash).
 */
export function systemdHostEnv(cache: string, hosts: readonly string[]): Record<string, string> {
  mkdirSync(cache, { recursive: true });
  for (const h of hosts) if (!existsSync(join(cache, h))) writeFileSync(join(cache, h), JSON.stringify({ ansible_service_mgr: 'systemd' }));
  return { ANSIBLE_CACHE_PLUGIN: 'jsonfile', ANSIBLE_CACHE_PLUGIN_CONNECTION: cache, ANSIBLE_GATHER_SUBSET: '!all,!min,env', ANSIBLE_DEPRECATION_WARNINGS: '0' };
}
