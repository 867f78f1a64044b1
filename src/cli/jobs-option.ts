/**
 * The `-j, --jobs N` option shared by `compile` and `build`: how many threads parse guides
 * (N − 1 worker threads while the main thread extracts; see src/pool/parse-pool.ts).
 */
import { InvalidArgumentError, Option } from 'commander';
import { defaultJobs } from '../pool/parse-pool.js';

/** A fresh `-j, --jobs <n>` option (default: the machine's available parallelism). */
export function jobsOption(): Option {
  return new Option('-j, --jobs <n>', 'threads at work: N−1 workers parse guides while the main thread extracts (1 = no worker)')
    .default(defaultJobs(), 'available parallelism')
    .argParser(parseJobs);
}

/** `--jobs N`: a whole number ≥ 1. @throws {InvalidArgumentError} otherwise (commander reports it, exit 2). */
export function parseJobs(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`Unexpected \`${value}\`, expected a whole number of jobs ≥ 1`);
  return n;
}
