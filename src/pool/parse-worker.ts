/**
 * A parse worker of src/pool/parse-pool.ts: receives {@link WorkerRequest}s, runs
 * {@link parseBlocks} (read, detect, remark/rehype/line grammar → blocks) and posts back a
 * {@link WorkerReply}. It never loads the kuromoji dictionary (that stays in the main thread).
 */
import { parentPort } from 'node:worker_threads';
import { GuideError } from '../ingest/guide-error.js';
import { parseBlocks, type ParsedGuide } from '../parse/parse-blocks.js';

/** One guide to parse; `id` is echoed back. */
export interface WorkerRequest {
  id: number;
  path: string;
  dialect?: string;
  bytes?: Uint8Array;
}

/** An error parseBlocks threw, as structured-clonable data; `guide` is set for a GuideError. */
export interface WorkerError {
  name: string;
  message: string;
  guide?: { ruleId: string; line: number; column: number; offset?: number };
}

/** The parsed guide, or the error parseBlocks threw. */
export type WorkerReply = { id: number; parsed: ParsedGuide } | { id: number; error: WorkerError };

function errorData(error: unknown): WorkerError {
  if (error instanceof GuideError) {
    return { name: error.name, message: error.message, guide: { ruleId: error.ruleId, line: error.line, column: error.column, ...(error.offset === undefined ? {} : { offset: error.offset }) } };
  }
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
}

/** Posted once, when the worker has loaded its modules and takes requests. */
export interface WorkerReady {
  ready: true;
}

if (!parentPort) throw new Error('parse-worker.js runs only as a worker thread');
const port = parentPort;
port.on('message', (request: WorkerRequest) => {
  parseBlocks(request.path, { dialect: request.dialect, bytes: request.bytes }).then(
    (parsed) => port.postMessage({ id: request.id, parsed } satisfies WorkerReply),
    (error: unknown) => port.postMessage({ id: request.id, error: errorData(error) } satisfies WorkerReply),
  );
});
port.postMessage({ ready: true } satisfies WorkerReady);
