/**
 * The adapter from vfile messages (what the passes report through `file.message`) to the step
 * graph's JSON-serialisable {@link Message}s.
 */
import type { VFile } from 'vfile';
import type { Message } from './types.js';

/**
 * The messages of `file`, in order: `fatal: true` → error, `fatal: false` → warning, else info;
 * a missing rule id becomes `tejun`, a missing place line 1, column 1.
 */
export function messagesOf(file: VFile): Message[] {
  return file.messages.map((m) => ({
    ruleId: m.ruleId ?? 'tejun',
    severity: m.fatal ? 'error' : m.fatal === false ? 'warning' : 'info',
    reason: m.reason,
    line: m.line ?? 1,
    column: m.column ?? 1,
  }));
}
