/**
 * A worker thread of src/pool/task-pool.ts: receives {@link WorkerRequest}s and posts back a
 * {@link WorkerReply} for each:
 * - `parse`: `parseBlocks` (read, detect, remark/rehype/line grammar → blocks), whose modules
 *   load with the worker (parsing is what every pool does first);
 * - `generate`: {@link generate} for each asked target, from a step graph the main thread
 *   extracted (the generators are loaded on the first such request, so a worker that only parses
 *   never loads them).
 * It never loads the kuromoji dictionary (that stays in the main thread).
 */
import { parentPort } from 'node:worker_threads';
import { GuideError } from '../ingest/guide-error.js';
import { runTask, type PoolTask, type TaskResult } from './tasks.js';

/** One task; `id` is echoed back. */
export interface WorkerRequest {
  id: number;
  task: PoolTask;
}

/** An error a task threw, as structured-clonable data; `guide` is set for a GuideError. */
export interface WorkerError {
  name: string;
  message: string;
  guide?: { ruleId: string; line: number; column: number; offset?: number };
}

/** The task's result, or the error it threw. */
export type WorkerReply = { id: number; result: TaskResult } | { id: number; error: WorkerError };

/** Posted once, when the worker has loaded its modules and takes requests. */
export interface WorkerReady {
  ready: true;
}

function errorData(error: unknown): WorkerError {
  if (error instanceof GuideError) {
    return { name: error.name, message: error.message, guide: { ruleId: error.ruleId, line: error.line, column: error.column, ...(error.offset === undefined ? {} : { offset: error.offset }) } };
  }
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
}

if (!parentPort) throw new Error('pool-worker.js runs only as a worker thread');
const port = parentPort;
port.on('message', (request: WorkerRequest) => {
  runTask(request.task).then(
    (result) => port.postMessage({ id: request.id, result } satisfies WorkerReply),
    (error: unknown) => port.postMessage({ id: request.id, error: errorData(error) } satisfies WorkerReply),
  );
});
port.postMessage({ ready: true } satisfies WorkerReady);
