/**
 * Literals: site-specific values a guide hard-codes (host names, IP addresses, passwords, e-mail
 * addresses, regions, interfaces) that a runbook for another site must turn into variables.
 */
import type { Action, Literal, LiteralKind } from '../ir/types.js';
import { actionTexts, eachGroup } from './placeholders.js';

/** A host name the guide names outside actions (a `[対象: controller01]` tag, a `[root@host ~]#` prompt). */
export interface HostMention {
  host: string;
  line: number;
}

const IP = /(?<![\w.])(\d{1,3}(?:\.\d{1,3}){3})(?![\w.])/g;
const URL_HOST = /(?:https?|mysql):\/\/(?:[^@\s/]+@)?([A-Za-z][\w-]*)(?=[:/\s]|$)/g;
/**
 * An example e-mail address (`admin@example.com`); group 1. The local part is at most 64 characters
 * (RFC 5321 4.5.3.1.1): each start after a `-` scans at most that far (unbounded, a long run of `-`
 * is quadratic).
 */
export const EMAIL = /(?<![\w.])([\w.-]{1,64}@example\.(?:com|org|net))\b/g;
const REGION = /--region[=\s]+([A-Za-z][\w-]*)/g;
const INTERFACE = /\b(eth\d+|ens\d+|enp\d+s\d+)\b/g;

/**
 * Finds literals in actions and host mentions; one entry per distinct value, first line wins.
 * @param exclude names that are placeholders (never literals).
 */
export function findLiterals(actions: Action[], hosts: HostMention[], exclude: Set<string>): Literal[] {
  const found = new Map<string, Literal>();
  const add = (value: string, kind: LiteralKind, line: number) => {
    if (!value || exclude.has(value) || /^[A-Z][A-Z0-9_]*$/.test(value)) return;
    if (!found.has(value)) found.set(value, { value, kind, source: { line } });
  };
  for (const h of hosts) add(h.host, 'host', h.line);
  for (const a of actions) {
    if (a.kind === 'manual') continue;
    const line = a.source.line;
    for (const text of actionTexts(a)) {
      // Each pattern only where the text holds what every match of it holds.
      if (text.includes('.')) {
        eachGroup(IP, text, (ip) => {
          if (ip.split('.').some((n) => Number(n) > 255) || ip === '0.0.0.0' || ip.startsWith('127.')) return;
          add(ip, ip.startsWith('255.') ? 'netmask' : 'ip', line);
        });
      }
      if (text.includes('://')) eachGroup(URL_HOST, text, (host) => host !== 'localhost' && add(host, 'host', line));
      if (text.includes('@example.')) eachGroup(EMAIL, text, (email) => add(email, 'email', line));
      if (text.includes('--region')) eachGroup(REGION, text, (region) => add(region, 'region', line));
      if (text.includes('eth') || text.includes('ens') || text.includes('enp')) eachGroup(INTERFACE, text, (name) => add(name, 'interface', line));
    }
    if (a.kind === 'sql') {
      const m = /IDENTIFIED BY '([^']+)'/i.exec(a.run);
      if (m) add(m[1]!, 'secret', line);
    }
    if (a.kind === 'ini' && /(?:^|_)pass(?:word)?$/i.test(a.key)) add(a.value, 'secret', line);
  }
  return [...found.values()].sort((x, y) => x.source.line - y.source.line);
}
