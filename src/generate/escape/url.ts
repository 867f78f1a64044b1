/**
 * URL userinfo: a site value put between `scheme://` and `@` (`mysql+pymysql://nova:PASS@controller/nova`,
 * `rabbit://openstack:PASS@controller`). A password holding `@ / : # ?` would end the userinfo
 * early and point the service at another host or path; percent-encoded (RFC 3986), it is read
 * back as the password by the URL parsers the services use (SQLAlchemy, oslo.messaging).
 */

/** Bytes kept as they are in the userinfo (RFC 3986 unreserved). */
const UNRESERVED = /[A-Za-z0-9._~-]/;

/**
 * `value` percent-encoded for a URL's userinfo: every UTF-8 byte but `[A-Za-z0-9._~-]` as `%XX`
 * (upper-case hex), e.g. `p@ss/w:rd` → `p%40ss%2Fw%3Ard`. The same text as the bash runbook's
 * `tejun_escape url` and the playbook's `urlencode | replace('/', '%2F')`. Never throws (a lone
 * surrogate is encoded as U+FFFD, as TextEncoder does).
 */
export function urlUserinfo(value: string): string {
  let out = '';
  for (const ch of value) {
    if (UNRESERVED.test(ch)) out += ch;
    else for (const byte of new TextEncoder().encode(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Characters that end a URL's userinfo, or the word it is written in. */
const USERINFO_END = /[/?#@\s'"`<>]/;

/**
 * True when the place between `before` and `after` in a text is inside a URL's userinfo: `before`
 * ends with `scheme://` and userinfo characters (no `/ ? # @`, blank or quote), and `after`
 * reaches an `@` through userinfo characters. Other placeholders in the texts should be replaced
 * by a neutral character (`X`) by the caller. Linear in the length of the texts; never throws.
 */
export function inUrlUserinfo(before: string, after: string): boolean {
  const scheme = before.lastIndexOf('://');
  if (scheme < 1) return false;
  for (let i = scheme + 3; i < before.length; i++) if (USERINFO_END.test(before[i]!)) return false;
  let s = scheme;
  while (s > 0 && /[A-Za-z0-9+.-]/.test(before[s - 1]!)) s--;
  if (s === scheme || !/[A-Za-z]/.test(before[s]!)) return false;
  for (const c of after) {
    if (c === '@') return true;
    if (USERINFO_END.test(c)) return false;
  }
  return false;
}
