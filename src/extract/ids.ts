/**
 * Stable ids derived from meaning, not position: a procedure's id comes from its title, an action's
 * from its procedure and its identity (command text, INI file/section/key, file and content, manual
 * text), so a guide that gains a paragraph keeps every other id.
 */
import { createHash } from 'node:crypto';

/** Hands out ids `<prefix>-<8 hex of sha1(key)>`, with `-2`, `-3` … for a key seen again. */
export class IdMaker {
  private readonly seen = new Map<string, number>();

  /**
   * @param prefix `p` (procedure), `s` (step) or `a` (action).
   * @param parts the meaning the id stands for; joined with NUL before hashing.
   */
  make(prefix: string, ...parts: string[]): string {
    const base = `${prefix}-${createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 8)}`;
    const n = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  }
}
