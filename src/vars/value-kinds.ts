/**
 * Kinds of site values (an IP address, a host name, a port…) and whether a value is one.
 * The kind of a variable comes from its step-graph entry when it carries one (a variable that
 * replaces a literal of a known kind), else from the segments of its name
 * (grammars/site/value-kinds.yaml).
 */
import { isIP, isIPv4 } from 'node:net';
import { loadSiteData } from './site-data.js';

/** The kinds a site value is checked against. */
export type ValueKind = 'ip' | 'host' | 'port' | 'cidr' | 'netmask' | 'email';

/** grammars/site/value-kinds.yaml as written. */
interface ValueKindsFile {
  version: 1;
  kinds: Array<{ kind: ValueKind; segments: string[] }>;
}

const KINDS: readonly string[] = ['ip', 'host', 'port', 'cidr', 'netmask', 'email'];

/**
 * The kind of a site variable: `declared` when it is one of the checked kinds (a step graph may
 * say `host`, `ip`, `netmask`, `email`…), else the kind of the last name segment listed in
 * grammars/site/value-kinds.yaml (`CONTROLLER_HOST_IP` → `ip`), else null (any text).
 */
export function variableKind(name: string, declared?: string | null): ValueKind | null {
  if (declared && KINDS.includes(declared)) return declared as ValueKind;
  const { kinds } = loadSiteData<ValueKindsFile>('value-kinds');
  const segments = name.toUpperCase().split(/[^A-Z0-9]+/).filter(Boolean).reverse();
  for (const segment of segments) {
    const hit = kinds.find((k) => k.segments.includes(segment));
    if (hit) return hit.kind;
  }
  return null;
}

/** RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens, ≤ 253 characters. */
const HOST_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** True for a host name (RFC 1123; a trailing dot allowed). */
function isHostName(value: string): boolean {
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  // All-numeric dotted text is an address, valid or not, never a host name.
  if (labels.every((l) => /^[0-9]+$/.test(l))) return false;
  return labels.every((l) => HOST_LABEL.test(l));
}

/** True for a dotted IPv4 netmask (contiguous ones then zeros). */
function isNetmask(value: string): boolean {
  if (!isIPv4(value)) return false;
  const bits = value.split('.').reduce((n, part) => n * 256 + Number(part), 0);
  const inverted = (~bits >>> 0) + 1;
  return (inverted & (inverted - 1)) === 0 || bits === 0;
}

/** What each kind accepts, said in messages (`expected …`). */
export const KIND_EXPECTED: Readonly<Record<ValueKind, string>> = {
  ip: 'an IPv4 or IPv6 address',
  host: 'a host name (letters, digits, hyphens, dots) or an IP address',
  port: 'a port number from 1 to 65535',
  cidr: 'an address with a prefix length (192.168.1.0/24)',
  netmask: 'a dotted IPv4 netmask (255.255.255.0)',
  email: 'an e-mail address (name@host)',
};

/** True when `value` is a value of `kind` (see grammars/site/value-kinds.yaml for each kind). */
export function fitsKind(value: string, kind: ValueKind): boolean {
  switch (kind) {
    case 'ip':
      return isIP(value) !== 0;
    case 'host':
      return isIP(value) !== 0 || isHostName(value);
    case 'port':
      return /^[0-9]{1,5}$/.test(value) && Number(value) >= 1 && Number(value) <= 65535;
    case 'cidr': {
      const m = /^([^/]+)\/([0-9]{1,3})$/.exec(value);
      if (!m) return false;
      const family = isIP(m[1]!);
      return family !== 0 && Number(m[2]) <= (family === 4 ? 32 : 128);
    }
    case 'netmask':
      return isNetmask(value);
    case 'email': {
      const at = value.lastIndexOf('@');
      return at > 0 && !/[\s@]/.test(value.slice(0, at)) && isHostName(value.slice(at + 1));
    }
  }
}
