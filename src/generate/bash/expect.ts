/**
 * Reading a check's expectation ("1以上の数を返すこと", "0 を返す") as a numeric comparison the
 * runbook can make on the command's output.
 */

/** A comparison on the number a check prints: `ge` (at least) or `eq` (exactly). */
export interface Expectation {
  op: 'ge' | 'eq';
  value: number;
}

/**
 * The comparison in `expect`, the guide's words for a check's result, or null when it gives none
 * the runbook can test. Recognised (half- or full-width digits, optional spaces):
 * `N以上` / `N 以上の数` / `N以上の値` → at least N; `N を返す` / `Nを返すこと` / `N である` → exactly N.
 * Anything else (descriptions of a listing) → null; the runbook then prints the expectation.
 */
export function parseExpectation(expect: string | null | undefined): Expectation | null {
  if (!expect) return null;
  const text = expect.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  const ge = /(?:^|[^0-9.])(\d+)\s*以上/.exec(text);
  if (ge) return { op: 'ge', value: Number(ge[1]) };
  const eq = /(?:^|[^0-9.])(\d+)\s*(?:を返す|である|が返る|と表示)/.exec(text);
  if (eq) return { op: 'eq', value: Number(eq[1]) };
  return null;
}
