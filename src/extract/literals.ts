/**
 * Literals: site-specific values a guide hard-codes (host names, IP addresses, passwords, e-mail
 * addresses, regions, interfaces) that a runbook for another site must turn into variables.
 */
import type { Action, Literal, LiteralKind } from '../ir/types.js';
import { actionTexts } from './placeholders.js';

/** A host name the guide names outside actions (a `[対象: controller01]` tag, a `[root@host ~]#` prompt). */
export interface HostMention {
  host: string;
  line: number;
}

const IP = /(?<![\w.])(\d{1,3}(?:\.\d{1,3}){3})(?![\w.])/g;

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
      for (const m of text.matchAll(IP)) {
        const ip = m[1]!;
        if (ip.split('.').some((n) => Number(n) > 255) || ip === '0.0.0.0' || ip.startsWith('127.')) continue;
        add(ip, ip.startsWith('255.') ? 'netmask' : 'ip', line);
      }
      for (const m of text.matchAll(/(?:https?|mysql):\/\/(?:[^@\s/]+@)?([A-Za-z][\w-]*)(?=[:/\s]|$)/g)) if (m[1] !== 'localhost') add(m[1]!, 'host', line);
      for (const m of text.matchAll(/(?<![\w.])([\w.-]+@example\.(?:com|org|net))\b/g)) add(m[1]!, 'email', line);
      for (const m of text.matchAll(/--region[=\s]+([A-Za-z][\w-]*)/g)) add(m[1]!, 'region', line);
      for (const m of text.matchAll(/\b(eth\d+|ens\d+|enp\d+s\d+)\b/g)) add(m[1]!, 'interface', line);
    }
    if (a.kind === 'sql') {
      const m = /IDENTIFIED BY '([^']+)'/i.exec(a.run);
      if (m) add(m[1]!, 'secret', line);
    }
    if (a.kind === 'ini' && /(?:^|_)pass(?:word)?$/i.test(a.key)) add(a.value, 'secret', line);
  }
  return [...found.values()].sort((x, y) => x.source.line - y.source.line);
}
