/**
 * A pool of worker threads for the work of a batch that does not need the kuromoji dictionary:
 * parsing guides into blocks and generating runbooks from step graphs (see ./tasks.ts). The main
 * thread, which holds the dictionary and extracts, submits tasks and, whenever it would otherwise
 * wait, runs a task no worker has started itself ({@link TaskPool.waitFor}), so on two cores one
 * worker and the main thread share the work and neither sits idle while there is some.
 *
 * Every task is posted to a worker as soon as it is submitted, with a claim cell: one Int32 in a
 * SharedArrayBuffer that whichever thread starts the task first sets from 0 to 1
 * (`Atomics.compareExchange`); the other thread then skips it. So a worker never waits for the main
 * thread — busy in a long synchronous extraction, its event loop cannot hand out work — to give it
 * its next task, and the main thread can still take any task a worker has not started.
 *
 * Order, for two cores where one guide can be most of a batch: a worker runs the largest parse task
 * it holds first (the longest chain of parse → extract → generate starts first), then generate
 * tasks in submission order; the main thread, waiting, runs the task it waits for if it can claim
 * it, else the earliest unclaimed parse task (the next guide it will extract), else the earliest
 * unclaimed generate task.
 */
import { Worker } from 'node:worker_threads';
import { GuideError } from '../ingest/guide-error.js';
import type { WorkerError, WorkerReply, WorkerRequest } from './pool-worker.js';
import { claimTask, runTask, type PoolTask, type TaskResult } from './tasks.js';

/** A submitted task: settle it with {@link TaskPool.waitFor}. */
export interface TaskHandle<R extends TaskResult = TaskResult> {
  readonly id: number;
  /** Resolves to the task's result; rejects with what the task threw (a GuideError keeps its
   * rule id and position across the thread boundary) or with a worker thread's failure. */
  readonly promise: Promise<R>;
}

interface Entry {
  task: PoolTask;
  /** The claim cell shared with the worker the task was posted to (0 free, 1 started). */
  claim: Int32Array;
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

/** The size a worker orders parse tasks by: the guide's bytes when known, else 0. */
export function taskSize(task: PoolTask): number {
  return task.kind === 'parse' ? (task.job.size ?? task.job.bytes?.length ?? 0) : 0;
}

/** Worker threads running {@link PoolTask}s, with the main thread as one more pair of hands. */
export class TaskPool {
  private readonly entries = new Map<number, Entry>();
  /** Unsettled tasks the main thread may still claim, by kind, in submission order. */
  private readonly parseQueue: number[] = [];
  private readonly generateQueue: number[] = [];
  private readonly pool: Worker[] = [];
  /** Tasks posted to each worker and not settled yet. */
  private readonly load: number[] = [];
  private readonly posted = new Map<number, number>();
  private nextId = 0;
  private failure: Error | undefined;
  /** Set by {@link close}: a worker exiting then is not a failure. */
  private closing = false;

  /**
   * Starts `workers` worker threads (0: every task runs in the calling thread, in
   * {@link waitFor}). Workers load their modules in the background; tasks posted meanwhile wait
   * in their message queue, and the main thread may take them first.
   */
  constructor(workers: number) {
    for (let i = 0; i < workers; i++) {
      const worker = new Worker(new URL('./pool-worker.js', import.meta.url));
      this.pool.push(worker);
      this.load.push(0);
      worker.on('message', (reply: WorkerReply) => {
        if ('error' in reply) this.settle(reply.id, undefined, reviveError(reply.error));
        else this.settle(reply.id, reply.result);
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (this.load[i]! > 0 && !this.closing) this.fail(new Error(`pool worker exited with code ${code} with ${this.load[i]} task(s) unfinished`));
      });
    }
  }

  /** Queues a task: posts it to the least loaded worker; the main thread may take it in {@link waitFor}. */
  submit<K extends PoolTask['kind']>(task: Extract<PoolTask, { kind: K }>): TaskHandle<Extract<TaskResult, { kind: K }>> {
    return this.submitAll([task])[0]!;
  }

  /**
   * Queues tasks that belong together (one guide's generate tasks, which share its step graph and
   * options) in one message to the least loaded worker: structured clone copies an object that
   * several tasks of one message share only once, and the worker's copies share it again, so a
   * graph crosses the thread boundary once per guide instead of once per target.
   * @returns one handle per task, in order.
   */
  submitAll<K extends PoolTask['kind']>(tasks: ReadonlyArray<Extract<PoolTask, { kind: K }>>): Array<TaskHandle<Extract<TaskResult, { kind: K }>>> {
    const requests: WorkerRequest[] = [];
    const handles: Array<TaskHandle<Extract<TaskResult, { kind: K }>>> = [];
    for (const task of tasks) {
      const id = this.nextId++;
      let resolve!: Entry['resolve'];
      let reject!: Entry['reject'];
      const promise = new Promise<TaskResult>((res, rej) => ((resolve = res), (reject = rej)));
      promise.catch(() => undefined); // observed by waitFor; never an unhandled rejection
      const t = task as PoolTask;
      const claim = new Int32Array(new SharedArrayBuffer(4));
      this.entries.set(id, { task: t, claim, promise, resolve, reject, done: false });
      handles.push({ id, promise: promise as Promise<Extract<TaskResult, { kind: K }>> });
      if (this.failure) {
        this.settle(id, undefined, this.failure);
        continue;
      }
      (t.kind === 'parse' ? this.parseQueue : this.generateQueue).push(id);
      requests.push({ id, task: t, claim: claim.buffer as SharedArrayBuffer, size: taskSize(t) });
    }
    if (this.pool.length > 0 && requests.length > 0) {
      let w = 0;
      for (let i = 1; i < this.load.length; i++) if (this.load[i]! < this.load[w]!) w = i;
      this.load[w]! += requests.length;
      for (const r of requests) this.posted.set(r.id, w);
      this.pool[w]!.postMessage(requests);
    }
    return handles;
  }

  /**
   * Waits for a task, meanwhile running in this thread the tasks no worker has started (the one
   * waited for first, then parse before generate), so this thread never idles while there is work.
   * @returns the task's result. @throws (rejects) as {@link TaskHandle.promise}.
   */
  async waitFor<R extends TaskResult>(handle: TaskHandle<R>): Promise<R> {
    const entry = this.entries.get(handle.id);
    while (entry && !entry.done && !this.failure) {
      const id = this.claimHere(handle.id);
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
    this.closing = true;
    await Promise.all(this.pool.map((w) => w.terminate()));
  }

  /**
   * Claims, for this thread, `wanted` if no worker started it, else the earliest claimable parse
   * task, else the earliest claimable generate task; tasks found started by a worker leave the
   * queues. @returns the claimed task's id, or undefined when none is left.
   */
  private claimHere(wanted: number): number | undefined {
    for (const queue of [this.parseQueue, this.generateQueue]) {
      // Tasks settled by a worker leave from the front, so the search below stays short.
      while (queue.length > 0 && !(this.entries.get(queue[0]!)?.done === false)) queue.shift();
      const at = queue.indexOf(wanted);
      if (at < 0) continue;
      queue.splice(at, 1);
      if (claimTask(this.entries.get(wanted)!.claim)) return wanted;
    }
    for (const queue of [this.parseQueue, this.generateQueue]) {
      while (queue.length > 0) {
        const id = queue.shift()!;
        const entry = this.entries.get(id);
        if (entry && !entry.done && claimTask(entry.claim)) return id;
      }
    }
    return undefined;
  }

  private settle(id: number, result: TaskResult | undefined, error?: Error): void {
    const w = this.posted.get(id);
    if (w !== undefined) {
      this.posted.delete(id);
      this.load[w]! -= 1;
    }
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
}
