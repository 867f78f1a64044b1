/**
 * Compiling a batch of guides with every core busy: guides are parsed on worker threads (a
 * {@link TaskPool}), extracted in the main thread (the only one holding the kuromoji dictionary),
 * and their runbooks generated on the workers again, while the main thread goes on extracting the
 * next guides. The main thread parses or generates itself whenever it would otherwise wait.
 * Outcomes come back in the order of the jobs, so a caller's output and diagnostics are the same
 * as with `jobs: 1`, where everything runs in this thread, one guide after the other.
 */
import type { GenerateOptions, GenerateResult, Target } from '../generate/index.js';
import type { StepGraph } from '../ir/types.js';
import type { ParsedGuide } from '../parse/parse-blocks.js';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parseOutcome, withSizes, workerCount } from './parse-pool.js';
import { TaskPool, type TaskHandle } from './task-pool.js';
import { runTask, type ParseJob } from './tasks.js';

/** Options of {@link compileAll}. */
export interface CompileAllOptions {
  /** Blocks → step graph, in this thread (src/extract/extract-graph.ts `extractGraph`). */
  extract: (parsed: ParsedGuide) => Promise<StepGraph>;
  /** What to generate from each graph, in this order. */
  targets: readonly Target[];
  /** Generator options (site values…), the same for every guide. */
  options: GenerateOptions;
  /** Threads at work (default `os.availableParallelism()`), this one included; 1 or less: no
   * worker. Never more workers than guides. */
  jobs?: number;
  /** How many guides may be in flight (parsed, extracted or generated) ahead of the one the caller
   * is consuming (default 8 × workers + 8): bounds the memory held; a small batch is all in flight
   * at once, so its largest guide starts first. */
  lookahead?: number;
}

/**
 * A guide's outcome: its step graph and one generator result per target (in `targets` order), or
 * the error reading, parsing or extracting it threw (a GuideError for a guide that cannot be read;
 * anything else is a bug for the caller to report).
 */
export type CompileOutcome =
  | { job: ParseJob; graph: StepGraph; results: GenerateResult[]; error?: undefined }
  | { job: ParseJob; graph?: undefined; results?: undefined; error: Error };

/** Targets by their usual generation cost, costliest first (measured with bench/generate.mjs:
 * the playbook takes about five times the bash runbook's CPU, the checklist about twice). */
const COST_ORDER: readonly Target[] = ['ansible', 'checklist', 'bash'];

/** `targets` in {@link COST_ORDER}, any target not listed there last. */
export function byCost(targets: readonly Target[]): Target[] {
  const rank = (t: Target) => (COST_ORDER.includes(t) ? COST_ORDER.indexOf(t) : COST_ORDER.length);
  return [...targets].sort((a, b) => rank(a) - rank(b));
}

interface InFlight {
  job: ParseJob;
  graph?: StepGraph;
  error?: Error;
  /** One generate task per target, so that the main thread and a worker can share one guide's. */
  generated?: Array<TaskHandle<{ kind: 'generate'; result: GenerateResult }>>;
}

/**
 * Parses, extracts and generates every job.
 * @returns an async iterator of outcomes in the order of `jobs`; breaking out of the loop stops
 *   the workers. Rejects only when a worker thread itself fails, or when a generator throws (a
 *   programming error).
 */
export async function* compileAll(jobs: readonly ParseJob[], options: CompileAllOptions): AsyncGenerator<CompileOutcome> {
  const workers = workerCount(options.jobs, jobs.length);
  const lookahead = Math.max(1, options.lookahead ?? 8 * workers + 8);
  const pool = new TaskPool(workers);
  const parses: Array<TaskHandle<{ kind: 'parse'; parsed: ParsedGuide }>> = [];
  const queue: InFlight[] = [];
  const sized = workers > 0 ? withSizes(jobs) : jobs;
  let out = 0;
  const finish = async (item: InFlight): Promise<CompileOutcome> => {
    if (item.error || !item.graph || !item.generated) return { job: item.job, error: item.error ?? new Error(`internal: ${item.job.path} has no graph`) };
    const results: GenerateResult[] = [];
    for (const handle of item.generated) results.push((await pool.waitFor(handle)).result);
    return { job: item.job, graph: item.graph, results };
  };
  try {
    for (let i = 0; i < jobs.length; i++) {
      while (i >= out + lookahead) {
        yield await finish(queue.shift()!);
        out++;
      }
      while (parses.length < Math.min(jobs.length, out + lookahead)) parses.push(pool.submit({ kind: 'parse', job: sized[parses.length]! }));
      const job = jobs[i]!;
      const parsed = await parseOutcome(pool, parses[i]!, job);
      const item: InFlight = { job };
      if (parsed.error) item.error = parsed.error;
      else {
        try {
          item.graph = await options.extract(parsed.parsed);
        } catch (error) {
          item.error = error instanceof Error ? error : new Error(String(error));
        }
      }
      if (item.graph) {
        if (workers === 0) {
          // One thread: generate now, in guide order (nothing is ever queued here).
          const results: GenerateResult[] = [];
          for (const target of options.targets) results.push((await runTask({ kind: 'generate', graph: item.graph, target, options: options.options })).result);
          yield { job, graph: item.graph, results };
          out++;
          continue;
        }
        const graph = item.graph;
        // Submitted costliest first (a worker takes the earliest it holds), kept in target order.
        // One message for the guide's targets, so its graph is copied to the worker once.
        const ordered = byCost(options.targets);
        const submitted = pool.submitAll(ordered.map((target) => ({ kind: 'generate' as const, graph, target, options: options.options })));
        item.generated = options.targets.map((target) => submitted[ordered.indexOf(target)]!);
      }
      // Let the workers' replies in (this thread was busy extracting), so they get their next tasks.
      await nextTurn();
      queue.push(item);
      while (queue.length > 0 && (queue[0]!.generated ?? []).every((handle) => pool.isDone(handle))) {
        yield await finish(queue.shift()!);
        out++;
      }
    }
    while (queue.length > 0) {
      yield await finish(queue.shift()!);
      out++;
    }
  } finally {
    await pool.close();
  }
}
