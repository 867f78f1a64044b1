/**
 * A pool of worker threads for the work of a batch that does not need the kuromoji dictionary:
 * parsing guides into blocks and generating runbooks from step graphs (see ./tasks.ts). The main
 * thread, which holds the dictionary and extracts, submits tasks and, whenever it would otherwise
 * wait, runs a queued task itself ({@link TaskPool.waitFor}), so on two cores one worker and the
 * main thread share the work and neither sits idle while there is some.
 *
 * Scheduling, for two cores where one guide can be most of a batch:
 * - a worker holds at most one parse task, the largest queued one (the longest chain of parse →
 *   extract → generate starts first), and one more task, a generate task, so that it has work while
 *   the main thread is busy extracting and cannot hand it any;
 * - the main thread, waiting for a task, runs that task itself if no worker has taken it, else the
 *   earliest queued parse task (the next guide it will extract), else the earliest generate task.
 */
import { Worker } from 'node:worker_threads';
import { GuideError } from '../ingest/guide-error.js';
import type { WorkerError, WorkerReady, WorkerReply, WorkerRequest } from './pool-worker.js';
import { runTask, type PoolTask, type TaskResult } from './tasks.js';

/** A submitted task: settle it with {@link TaskPool.waitFor}. */
export interface TaskHandle<R extends TaskResult = TaskResult> {
  readonly id: number;
  /** Resolves to the task's result; rejects with what the task threw (a GuideError keeps its
   * rule id and position across the thread boundary) or with a worker thread's failure. */
  readonly promise: Promise<R>;
}

interface Entry {
  task: PoolTask;
  /** Bytes of the guide, for a parse task (largest first on workers). */
  size: number;
  promise: Promise<TaskResult>;
  resolve: (result: TaskResult) => void;
  reject: (error: Error) => void;
  done: boolean;
}

/** The error a worker posted, rebuilt on this side of the thread boundary. */
function reviveError(e: WorkerError): Error {
  if (e.guide) return new GuideError(e.guide.ruleId, e.message, e.guide.line, e.guide.column, e.guide.offset);
  const error = new Error(e.message);
  error.name = e.name;
  return error;
}

/** Tasks a worker holds at once (the one it runs and the next). */
const PER_WORKER = 2;

/** Worker threads running {@link PoolTask}s, with the main thread as one more pair of hands. */
export class TaskPool {
  private readonly entries = new Map<number, Entry>();
  private readonly parseQueue: number[] = [];
  private readonly generateQueue: number[] = [];
  private readonly pool: Worker[] = [];
  private readonly ready: Worker[] = [];
  private readonly held = new Map<Worker, Set<number>>();
  private nextId = 0;
  private failure: Error | undefined;

  /**
   * Starts `workers` worker threads (0: every task runs in the calling thread, in
   * {@link waitFor}). Workers load their modules in the background and take tasks once ready.
   */
  constructor(workers: number) {
    for (let i = 0; i < workers; i++) {
      const worker = new Worker(new URL('./pool-worker.js', import.meta.url));
      this.pool.push(worker);
      worker.on('message', (reply: WorkerReply | WorkerReady) => {
        if ('ready' in reply) {
          this.ready.push(worker);
          this.held.set(worker, new Set());
          this.dispatch();
          return;
        }
        this.held.get(worker)?.delete(reply.id);
        if ('error' in reply) this.settle(reply.id, undefined, reviveError(reply.error));
        else this.settle(reply.id, reply.result);
        this.dispatch();
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        const ids = [...(this.held.get(worker) ?? [])];
        if (ids.length) this.fail(new Error(`pool worker exited with code ${code} while running task ${ids[0]}`));
      });
    }
  }

  /** Queues a task; it runs on the first free worker, or here in {@link waitFor}. */
  submit<K extends PoolTask['kind']>(task: Extract<PoolTask, { kind: K }>): TaskHandle<Extract<TaskResult, { kind: K }>> {
    const id = this.nextId++;
    let resolve!: Entry['resolve'];
    let reject!: Entry['reject'];
    const promise = new Promise<TaskResult>((res, rej) => ((resolve = res), (reject = rej)));
    const t = task as PoolTask;
    const size = t.kind === 'parse' ? (t.job.size ?? t.job.bytes?.length ?? 0) : 0;
    const entry: Entry = { task: t, size, promise, resolve, reject, done: false };
    entry.promise.catch(() => undefined); // observed by waitFor; never an unhandled rejection
    this.entries.set(id, entry);
    if (this.failure) this.settle(id, undefined, this.failure);
    else (task.kind === 'parse' ? this.parseQueue : this.generateQueue).push(id);
    this.dispatch();
    return { id, promise: entry.promise as Promise<Extract<TaskResult, { kind: K }>> };
  }

  /**
   * Waits for a task, running queued tasks in this thread meanwhile (parse before generate), so
   * this thread never idles while there is work no worker has taken.
   * @returns the task's result. @throws (rejects) as {@link TaskHandle.promise}.
   */
  async waitFor<R extends TaskResult>(handle: TaskHandle<R>): Promise<R> {
    const entry = this.entries.get(handle.id);
    while (entry && !entry.done && !this.failure) {
      const id = this.take(this.parseQueue, handle.id) ?? this.take(this.generateQueue, handle.id) ?? this.parseQueue.shift() ?? this.generateQueue.shift();
      if (id === undefined) break;
      const mine = this.entries.get(id)!;
      try {
        this.settle(id, await runTask(mine.task));
      } catch (error) {
        this.settle(id, undefined, error instanceof Error ? error : new Error(String(error)));
      }
    }
    try {
      return await handle.promise;
    } finally {
      this.entries.delete(handle.id);
    }
  }

  /** True once the task has a result or an error (it may still be waited for). */
  isDone(handle: TaskHandle): boolean {
    return this.entries.get(handle.id)?.done ?? true;
  }

  /** True when `error` is the failure of a worker thread itself (it failed every task). */
  failed(error: unknown): boolean {
    return this.failure !== undefined && error === this.failure;
  }

  /** Stops the workers (tasks still running on them are abandoned). */
  async close(): Promise<void> {
    this.held.clear();
    await Promise.all(this.pool.map((w) => w.terminate()));
  }

  private settle(id: number, result: TaskResult | undefined, error?: Error): void {
    const entry = this.entries.get(id);
    if (!entry || entry.done) return;
    entry.done = true;
    if (error) entry.reject(error);
    else entry.resolve(result!);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.parseQueue.length = 0;
    this.generateQueue.length = 0;
    for (const id of this.entries.keys()) this.settle(id, undefined, this.failure);
  }

  /** Removes `id` from `queue` when it is there. @returns `id`, or undefined. */
  private take(queue: number[], id: number): number | undefined {
    const at = queue.indexOf(id);
    if (at < 0) return undefined;
    queue.splice(at, 1);
    return id;
  }

  /** Removes the largest queued parse task. @returns its id, or undefined when none is queued. */
  private takeLargestParse(): number | undefined {
    let best = -1;
    for (let i = 0; i < this.parseQueue.length; i++) {
      if (best < 0 || this.entries.get(this.parseQueue[i]!)!.size > this.entries.get(this.parseQueue[best]!)!.size) best = i;
    }
    return best < 0 ? undefined : this.parseQueue.splice(best, 1)[0];
  }

  private dispatch(): void {
    if (this.failure) return;
    for (const worker of this.ready) {
      const ids = this.held.get(worker);
      if (!ids) continue;
      while (ids.size < PER_WORKER) {
        const parsing = [...ids].some((id) => this.entries.get(id)?.task.kind === 'parse');
        const id = (parsing ? undefined : this.takeLargestParse()) ?? this.generateQueue.shift();
        if (id === undefined) break;
        ids.add(id);
        worker.postMessage({ id, task: this.entries.get(id)!.task } satisfies WorkerRequest);
      }
    }
  }
}
