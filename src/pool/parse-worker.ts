/**
 * A parse worker of src/pool/parse-pool.ts: receives {@link WorkerRequest}s, runs
 * {@link parseBlocks} (read, detect, remark/rehype/line grammar → blocks) and posts back a
 * {@link WorkerReply}. It never loads the kuromoji dictionary (that stays in the main thread).
 */
import { parentPort } from 'node:worker_threads';
import { parseBlocks, type ParsedGuide } from '../parse/parse-blocks.js';

/** One guide to parse; `id` is echoed back. */
export interface WorkerRequest {
  id: number;
  path: string;
  dialect?: string;
  bytes?: Uint8Array;
}

/** The parsed guide, or the message of the error parseBlocks threw. */
export type WorkerReply = { id: number; parsed: ParsedGuide } | { id: number; error: string };

/** Posted once, when the worker has loaded its modules and takes requests. */
export interface WorkerReady {
  ready: true;
}

if (!parentPort) throw new Error('parse-worker.js runs only as a worker thread');
const port = parentPort;
port.on('message', (request: WorkerRequest) => {
  parseBlocks(request.path, { dialect: request.dialect, bytes: request.bytes }).then(
    (parsed) => port.postMessage({ id: request.id, parsed } satisfies WorkerReply),
    (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply),
  );
});
port.postMessage({ ready: true } satisfies WorkerReady);
