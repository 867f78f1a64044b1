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
 * A task: `parse` a guide into blocks ({@link parseBlocks}), or `generate` each of `targets`
 * from a step graph the main thread extracted.
 */
export type PoolTask =
  | { kind: 'parse'; job: ParseJob }
  | { kind: 'generate'; graph: StepGraph; targets: readonly Target[]; options: GenerateOptions };

/** A task's result: the parsed guide, or one generator result per target, in the asked order. */
export type TaskResult = { kind: 'parse'; parsed: ParsedGuide } | { kind: 'generate'; results: GenerateResult[] };

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
export async function runTask(task: PoolTask): Promise<TaskResult> {
  if (task.kind === 'parse') {
    return { kind: 'parse', parsed: await parseBlocks(task.job.path, { dialect: task.job.dialect, bytes: task.job.bytes }) };
  }
  generators ??= import('../generate/index.js');
  const { generate } = await generators;
  return { kind: 'generate', results: task.targets.map((target) => generate(target, task.graph, task.options)) };
}
