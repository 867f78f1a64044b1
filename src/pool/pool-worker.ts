/**
 * A worker thread of src/pool/task-pool.ts: receives {@link WorkerRequest}s, runs them one at a
 * time in the order of {@link pickTask}, each only if it claims it before the main thread does,
 * and posts back a {@link WorkerReply} for each task it ran:
 * - `parse`: `parseBlocks` (read, detect, remark/rehype/line grammar → blocks), whose modules
 *   load with the worker (parsing is what every pool does first);
 * - `generate`: `generate` for one target, from a step graph the main thread
 *   extracted (the generators are loaded on the first such request, so a worker that only parses
 *   never loads them).
 * It never loads the kuromoji dictionary (that stays in the main thread).
 */
import { parentPort } from 'node:worker_threads';
import { GuideError } from '../ingest/guide-error.js';
import { claimTask, prefetchGenerators, runTask, type PoolTask, type TaskResult } from './tasks.js';

/** One task (a message carries an array of them); `id` is echoed back. `claim` is the task's
 * claim cell (see task-pool.ts): the worker runs the task only if it sets the cell from 0 to 1
 * first; `size` orders parse tasks. */
export interface WorkerRequest {
  id: number;
  task: PoolTask;
  claim: SharedArrayBuffer;
  size: number;
}

/** An error a task threw, as structured-clonable data; `guide` is set for a GuideError. */
export interface WorkerError {
  name: string;
  message: string;
  guide?: { ruleId: string; line: number; column: number; offset?: number };
}

/** The task's result, or the error it threw. Nothing is posted for a task the main thread took. */
export type WorkerReply = { id: number; result: TaskResult } | { id: number; error: WorkerError };

function errorData(error: unknown): WorkerError {
  if (error instanceof GuideError) {
    return { name: error.name, message: error.message, guide: { ruleId: error.ruleId, line: error.line, column: error.column, ...(error.offset === undefined ? {} : { offset: error.offset }) } };
  }
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
}

/**
 * The next task to run from the ones received: the largest parse task, else the earliest generate
 * task. @returns its index in `inbox`, or -1 when empty.
 */
export function pickTask(inbox: ReadonlyArray<Pick<WorkerRequest, 'task' | 'size'>>): number {
  let best = -1;
  for (let i = 0; i < inbox.length; i++) {
    const r = inbox[i]!;
    if (r.task.kind !== 'parse') continue;
    if (best < 0 || r.size > inbox[best]!.size) best = i;
  }
  if (best >= 0) return best;
  return inbox.length > 0 ? 0 : -1;
}

if (parentPort) {
  const port = parentPort;
  const inbox: WorkerRequest[] = [];
  let running = false;
  // Runs tasks one at a time; between two tasks the event loop takes in new requests.
  const runNext = (): void => {
    const at = pickTask(inbox);
    if (at < 0) {
      running = false;
      prefetchGenerators(); // idle: load what the generate tasks will need
      return;
    }
    const request = inbox.splice(at, 1)[0]!;
    if (!claimTask(new Int32Array(request.claim))) {
      setImmediate(runNext); // the main thread took it
      return;
    }
    runTask(request.task).then(
      (result) => port.postMessage({ id: request.id, result } satisfies WorkerReply),
      (error: unknown) => port.postMessage({ id: request.id, error: errorData(error) } satisfies WorkerReply),
    ).finally(() => setImmediate(runNext));
  };
  // A message is an array of requests (TaskPool.submitAll): tasks posted together.
  port.on('message', (requests: WorkerRequest[]) => {
    inbox.push(...requests);
    if (!running) {
      running = true;
      setImmediate(runNext);
    }
  });
}
