/**
 * Host names to roles: a `[対象: controller01]` tag or a `[root@compute01 ~]#` prompt names a host;
 * its role is the host name's leading word (`controller01` → `controller`).
 */
import type { Role } from '../ir/types.js';

const ROLE_OF_PREFIX: Array<[RegExp, Role]> = [
  [/^(?:controller|ctrl|ctl)/i, 'controller'],
  [/^(?:compute|nova-compute|cmp)/i, 'compute'],
  [/^(?:network|neutron|net)/i, 'network'],
  [/^(?:db|database|mysql|mariadb)/i, 'db'],
  [/^(?:storage|block|cinder|object|swift)/i, 'storage'],
];

/** The role a host name stands for, or null when its name says nothing. */
export function hostRole(host: string): Role | null {
  for (const [re, role] of ROLE_OF_PREFIX) if (re.test(host)) return role;
  return null;
}
