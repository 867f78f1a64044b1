/**
 * The work a pool thread does (src/pool/task-pool.ts), as plain data that crosses a worker
 * boundary by structured clone, and {@link runTask}, which does it in whichever thread calls it
 * (a worker, or the main thread taking a queued task itself). Neither kind needs the kuromoji
 * dictionary: extraction, which does, stays in the main thread.
 */
import type { StepGraph } from '../ir/types.js';
import type { GenerateOptions, GenerateResult, Target } from '../generate/index.js';
import { parseBlocks, type ParsedGuide } from '../parse/parse-blocks.js';

/** One guide to parse. */
export interface ParseJob {
  /** The guide's path (read from disk unless `bytes` is given). */
  path: string;
  /** Dialect name that overrides detection. */
  dialect?: string;
  /** The guide's bytes, when already in memory. */
  bytes?: Uint8Array;
  /** The guide's size in bytes, when known without reading it (a pool parses the largest first). */
  size?: number;
}

/**
 * A task: `parse` a guide into blocks ({@link parseBlocks}), or `generate` one target from a step
 * graph the main thread extracted (one task per target, so threads can share one guide's).
 */
export type PoolTask =
  | { kind: 'parse'; job: ParseJob }
  | { kind: 'generate'; graph: StepGraph; target: Target; options: GenerateOptions };

/** A task's result: the parsed guide, or the generator's result. */
export type TaskResult = { kind: 'parse'; parsed: ParsedGuide } | { kind: 'generate'; result: GenerateResult };

/**
 * Claims a task for the calling thread through its claim cell (one Int32 in a SharedArrayBuffer
 * that the main thread and the task's worker both see: 0 free, 1 started).
 * @returns true when this call claimed it; false when another thread already had.
 */
export function claimTask(claim: Int32Array): boolean {
  return Atomics.compareExchange(claim, 0, 0, 1) === 0;
}

let generators: Promise<typeof import('../generate/index.js')> | undefined;

/**
 * Starts loading the generators in the background (a worker calls it when it first runs out of
 * tasks, so that its first generate task does not wait for their modules). Idempotent.
 */
export function prefetchGenerators(): void {
  generators ??= import('../generate/index.js');
}

/**
 * Runs a task in this thread. The generators are imported on the first `generate` task only.
 * @throws (rejects) what parseBlocks throws for a guide it cannot read (a GuideError, or an Error
 *   for an unknown dialect), or a generator's programming error (unknown target).
 */
export async function runTask<T extends PoolTask>(task: T): Promise<Extract<TaskResult, { kind: T['kind'] }>> {
  let result: TaskResult;
  if (task.kind === 'parse') {
    result = { kind: 'parse', parsed: await parseBlocks(task.job.path, { dialect: task.job.dialect, bytes: task.job.bytes }) };
  } else {
    generators ??= import('../generate/index.js');
    const { generate } = await generators;
    result = { kind: 'generate', result: generate(task.target, task.graph, task.options) };
  }
  return result as Extract<TaskResult, { kind: T['kind'] }>;
}
