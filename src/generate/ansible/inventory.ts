/** inventory.ini: one group per role a play runs on, with the guide's host names where they fit. */
import type { Literal } from '../../ir/types.js';
import { groupName } from './host-groups.js';

/** Host names a literal may give: letters, digits, dots and dashes only. */
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;

/**
 * Inventory groups, one per role used by a play (made a group name by {@link groupName}; not `all`): hosts are the graph's `host`
 * literals whose name contains the role name (case-insensitive), else `ROLE.example.com`.
 */
export function inventoryGroups(hosts: string[], literals: Literal[]): { name: string; hosts: string[] }[] {
  const groups = [...new Set(hosts.map(groupName))].filter((h) => h !== 'all');
  const candidates = [...new Set(literals.filter((l) => l.kind === 'host').map((l) => l.value))].filter((v) =>
    HOST_NAME.test(v),
  );
  return groups.map((name) => {
    const fit = candidates.filter((h) => h.toLowerCase().includes(name.toLowerCase()));
    return { name, hosts: fit.length > 0 ? fit : [`${name.replace(/_/g, '-')}.example.com`] };
  });
}

