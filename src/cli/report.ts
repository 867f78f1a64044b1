/**
 * Diagnostics for people: graph messages turned into `guide:line:col  severity  message  rule-id`
 * lines, at the edge only (the library returns them as data).
 */
import type { Message } from '../ir/types.js';

/** One diagnostic line: `path:line:col  severity  reason  rule-id`. */
export function formatMessage(path: string, m: Message): string {
  return `${path}:${m.line}:${m.column}  ${m.severity}  ${m.reason.replace(/\s+/g, ' ')}  ${m.ruleId}`;
}

/** True when any message is an error (the input has a problem: exit code 1). */
export function hasErrors(messages: Message[]): boolean {
  return messages.some((m) => m.severity === 'error');
}
