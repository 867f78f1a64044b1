/**
 * Parsing a batch of guides on worker threads: the format parse (remark/rehype/line grammar →
 * blocks, see src/parse/parse-blocks.ts) runs in up to `jobs − 1` workers, while the caller, on the
 * main thread, extracts and generates from the guides already parsed. Results come back in the
 * order of the jobs, so a caller's output is the same as with `jobs: 1` (no workers, everything
 * in this thread). While the guide the caller wants next is still being parsed (or no worker is
 * up yet), this thread parses the next guide no worker has taken rather than wait, so on two
 * cores one worker and this thread share the parsing whenever there is nothing to extract.
 *
 * The kuromoji dictionary (≈ 380 MB RSS) stays in the main thread: workers only parse formats.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { GuideError } from '../ingest/guide-error.js';
import { parseBlocks, type ParsedGuide } from '../parse/parse-blocks.js';
import type { WorkerError, WorkerReady, WorkerReply, WorkerRequest } from './parse-worker.js';

/** One guide to parse. */
export interface ParseJob {
  /** The guide's path (read from disk unless `bytes` is given). */
  path: string;
  /** Dialect name that overrides detection. */
  dialect?: string;
  /** The guide's bytes, when already in memory. */
  bytes?: Uint8Array;
}

/** A job's result: the parsed guide, or the error parsing threw: a {@link GuideError} (unreadable,
 * empty, binary, undecodable, too large, nested too deeply; rebuilt with its rule id and position
 * when it came from a worker) or another Error (a bug, or an unknown dialect). */
export type ParseOutcome = { job: ParseJob; parsed: ParsedGuide; error?: undefined } | { job: ParseJob; parsed?: undefined; error: Error };

/** The error a worker posted, rebuilt on this side of the thread boundary. */
function reviveError(e: WorkerError): Error {
  if (e.guide) return new GuideError(e.guide.ruleId, e.message, e.guide.line, e.guide.column, e.guide.offset);
  const error = new Error(e.message);
  error.name = e.name;
  return error;
}

/** Options of {@link parseAll}. */
export interface ParsePoolOptions {
  /** Threads at work (default `os.availableParallelism()`), this one included: `jobs − 1` parse
   * workers while this thread extracts; 1 or less parses here, with no worker. Never more workers
   * than guides. */
  jobs?: number;
  /** How many guides may be parsed ahead of the one the caller is consuming (default 4 × workers
   * + 2): bounds the memory held in parsed, unconsumed guides. */
  lookahead?: number;
}

/** The default number of workers: `os.availableParallelism()`. */
export function defaultJobs(): number {
  return availableParallelism();
}

/**
 * Parses guides, on `jobs − 1` worker threads when `jobs` > 1 and there is more than one guide.
 * @returns an async iterator of outcomes in the order of `jobs`; breaking out of the loop stops
 *   the workers. Never rejects for a bad guide (see {@link ParseOutcome}); rejects when a worker
 *   thread itself fails (cannot start, crashes).
 */
export async function* parseAll(jobs: readonly ParseJob[], options: ParsePoolOptions = {}): AsyncGenerator<ParseOutcome> {
  const workers = Math.max(0, Math.min(Math.floor(options.jobs ?? defaultJobs()) - 1, jobs.length));
  if (workers < 1 || jobs.length < 2) {
    for (const job of jobs) yield await parseHere(job);
    return;
  }
  yield* parseOnWorkers(jobs, workers, Math.max(1, options.lookahead ?? 4 * workers + 2));
}

async function parseHere(job: ParseJob): Promise<ParseOutcome> {
  try {
    return { job, parsed: await parseBlocks(job.path, { dialect: job.dialect, bytes: job.bytes }) };
  } catch (error) {
    return { job, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

interface Pending {
  resolve: (outcome: ParseOutcome) => void;
  reject: (error: Error) => void;
  promise: Promise<ParseOutcome>;
}

async function* parseOnWorkers(jobs: readonly ParseJob[], count: number, lookahead: number): AsyncGenerator<ParseOutcome> {
  const pending: Pending[] = jobs.map(() => {
    const p = {} as Pending;
    p.promise = new Promise<ParseOutcome>((resolve, reject) => Object.assign(p, { resolve, reject }));
    p.promise.catch(() => undefined); // observed when consumed; never an unhandled rejection
    return p;
  });
  // Each worker holds up to PER_WORKER guides (the one it parses and the next), so it never waits
  // for this thread to hand it work while this thread is busy.
  const PER_WORKER = 2;
  const ready: Worker[] = [];
  const busy = new Map<Worker, Set<number>>();
  let next = 0;
  let consumed = 0;
  let failure: Error | undefined;
  const done: boolean[] = jobs.map(() => false);
  const settle = (id: number, outcome: ParseOutcome) => {
    done[id] = true;
    pending[id]!.resolve(outcome);
  };
  const fail = (error: Error) => {
    failure ??= error;
    for (let i = consumed; i < pending.length; i++) pending[i]!.reject(failure);
  };
  const dispatch = () => {
    for (let held = 0; held < PER_WORKER; held++) {
      for (const worker of ready) {
        const ids = busy.get(worker)!;
        if (ids.size > held || next >= jobs.length || next >= consumed + lookahead || failure) continue;
        const id = next++;
        const { path, dialect, bytes } = jobs[id]!;
        ids.add(id);
        worker.postMessage({ id, path, dialect, bytes } satisfies WorkerRequest);
      }
    }
  };
  const pool: Worker[] = [];
  for (let i = 0; i < count; i++) {
    const worker = new Worker(new URL('./parse-worker.js', import.meta.url));
    pool.push(worker);
    worker.on('message', (reply: WorkerReply | WorkerReady) => {
      if ('ready' in reply) {
        ready.push(worker);
        busy.set(worker, new Set());
        dispatch();
        return;
      }
      busy.get(worker)!.delete(reply.id);
      const job = jobs[reply.id]!;
      settle(reply.id, 'error' in reply ? { job, error: reviveError(reply.error) } : { job, parsed: reply.parsed });
      dispatch();
    });
    worker.on('error', (error) => fail(error));
    worker.on('exit', (code) => {
      const ids = [...(busy.get(worker) ?? [])];
      if (ids.length) fail(new Error(`parse worker exited with code ${code} while parsing ${jobs[ids[0]!]!.path}`));
    });
  }
  try {
    for (; consumed < jobs.length; ) {
      dispatch();
      // While the guide wanted next is not parsed yet (its worker is busy, or no worker is up
      // yet: they take a few hundred ms to load their modules), this thread parses the next guide
      // no worker has taken instead of waiting.
      while (!done[consumed] && !failure && next < jobs.length && next < consumed + lookahead) {
        const id = next++;
        settle(id, await parseHere(jobs[id]!));
      }
      const outcome = await pending[consumed]!.promise;
      consumed++;
      yield outcome;
    }
  } finally {
    busy.clear();
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
