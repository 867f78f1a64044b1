/**
 * Test values for a filled-in site file: one distinct value per key, of the kind its name says
 * (the site file is checked: vars/value-kinds.ts), as an operator would fill a skeleton in.
 */
import { variableKind } from '../../src/vars/value-kinds.js';

/** A value for site variable `name`, distinct for each `i` (0 ≤ i < 65536). */
export function siteValueFor(name: string, i: number): string {
  const kind = variableKind(name);
  if (kind === 'ip') return `10.9.${i >> 8}.${i & 255}`;
  if (kind === 'host') return `site-host-${i}`;
  if (kind === 'port') return String(20000 + i);
  if (kind === 'cidr') return `10.${i & 255}.0.0/24`;
  if (kind === 'netmask') return '255.255.255.0';
  if (kind === 'email') return `ops-${i}@example.net`;
  return `value-${i}-of-${name.replace(/\W/g, '')}`;
}
