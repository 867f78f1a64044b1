/**
 * Parsing a batch of guides on worker threads (a {@link TaskPool}): the format parse
 * (remark/rehype/line grammar → blocks, see src/parse/parse-blocks.ts) runs in up to `jobs − 1`
 * workers, while the caller, on the main thread, extracts from the guides already parsed. Results
 * come back in the order of the jobs, so a caller's output is the same as with `jobs: 1` (no
 * workers, everything in this thread). While the guide the caller wants next is still being parsed
 * (or no worker is up yet), this thread parses the next guide no worker has taken rather than wait.
 *
 * The kuromoji dictionary (≈ 270 MB RSS) stays in the main thread: workers only parse formats.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { ParsedGuide } from '../parse/parse-blocks.js';
import { TaskPool, type TaskHandle } from './task-pool.js';
import type { ParseJob } from './tasks.js';

export type { ParseJob } from './tasks.js';

/** A job's result: the parsed guide, or the error parsing threw: a GuideError (unreadable,
 * empty, binary, undecodable, too large, nested too deeply; rebuilt with its rule id and position
 * when it came from a worker) or another Error (a bug, or an unknown dialect). */
export type ParseOutcome = { job: ParseJob; parsed: ParsedGuide; error?: undefined } | { job: ParseJob; parsed?: undefined; error: Error };

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

/** How many worker threads a batch of `count` guides gets for `jobs` threads at work: `jobs − 1`,
 * never more than the guides, none for a single guide. */
export function workerCount(jobs: number | undefined, count: number): number {
  if (count < 2) return 0;
  return Math.max(0, Math.min(Math.floor(jobs ?? defaultJobs()) - 1, count));
}

/**
 * The jobs with their sizes filled in (from `bytes`, else a stat of the path; left unset when the
 * path cannot be stat'ed: reading it will report the error), so a pool can parse the largest first.
 * Only worth a stat when there are workers to schedule.
 */
export function withSizes(jobs: readonly ParseJob[]): ParseJob[] {
  return jobs.map((job) => {
    if (job.size !== undefined) return job;
    if (job.bytes) return { ...job, size: job.bytes.length };
    try {
      return { ...job, size: statSync(job.path).size };
    } catch {
      return job;
    }
  });
}

/**
 * Parses guides, on `jobs − 1` worker threads when `jobs` > 1 and there is more than one guide.
 * @returns an async iterator of outcomes in the order of `jobs`; breaking out of the loop stops
 *   the workers. Never rejects for a bad guide (see {@link ParseOutcome}); rejects when a worker
 *   thread itself fails (cannot start, crashes).
 */
export async function* parseAll(jobs: readonly ParseJob[], options: ParsePoolOptions = {}): AsyncGenerator<ParseOutcome> {
  const workers = workerCount(options.jobs, jobs.length);
  const lookahead = Math.max(1, options.lookahead ?? 4 * workers + 2);
  const pool = new TaskPool(workers);
  const handles: Array<TaskHandle<{ kind: 'parse'; parsed: ParsedGuide }>> = [];
  const sized = workers > 0 ? withSizes(jobs) : jobs;
  const admit = (upTo: number) => {
    while (handles.length < Math.min(jobs.length, upTo)) handles.push(pool.submit({ kind: 'parse', job: sized[handles.length]! }));
  };
  try {
    for (let i = 0; i < jobs.length; i++) {
      admit(i + lookahead);
      yield await parseOutcome(pool, handles[i]!, jobs[i]!);
    }
  } finally {
    await pool.close();
  }
}

/**
 * Waits for a parse task (running queued tasks in this thread meanwhile) and wraps its result.
 * @throws (rejects) only when a worker thread itself failed; a guide's own error is an outcome.
 */
export async function parseOutcome(pool: TaskPool, handle: TaskHandle<{ kind: 'parse'; parsed: ParsedGuide }>, job: ParseJob): Promise<ParseOutcome> {
  try {
    return { job, parsed: (await pool.waitFor(handle)).parsed };
  } catch (error) {
    if (pool.failed(error)) throw error;
    return { job, error: error instanceof Error ? error : new Error(String(error)) };
  }
}
