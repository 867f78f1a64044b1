/**
 * The one error type of reading a guide: a guide tejun cannot read at all (unreadable, not text,
 * too large, nested too deeply). It carries a kebab-case rule id and the position in the guide, so
 * the CLI can print it as `guide:line:col  error  reason  rule-id` like any other diagnostic.
 */

/** Where and why a guide could not be read. `line`/`column` are 1-based; `offset` is a byte offset. */
export class GuideError extends Error {
  override readonly name = 'GuideError';

  /**
   * @param ruleId kebab-case rule id: `read-guide` (I/O), `empty-guide`, `binary-guide`,
   *   `undecodable-guide`, `guide-too-large`, `nesting-too-deep`, `unsupported-format`.
   * @param reason "Unexpected X, expected Y" sentence naming the file (and byte offset when known).
   * @param line 1-based line of the problem in the guide (1 when it is the whole file).
   * @param column 1-based column.
   * @param offset 0-based byte offset in the file when the problem is at one byte.
   */
  constructor(
    readonly ruleId: string,
    reason: string,
    readonly line = 1,
    readonly column = 1,
    readonly offset?: number,
  ) {
    super(reason);
  }
}
