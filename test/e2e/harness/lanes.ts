/**
 * Runs jobs side by side in lanes, one lane per resource (a database server, a core): each lane
 * runs its jobs one after another. Jobs are placed longest first on the lane with the least
 * estimated work so far (the greedy longest-processing-time rule), so lanes end close together.
 */

/** A job: its estimated cost (any unit, the same for every job) and how it starts on a lane's resource. */
export interface LaneJob<R> {
  cost: number;
  /** Starts the job on `resource`; the lane waits for the promise (a rejection does not stop the lane). */
  start: (resource: R) => Promise<unknown>;
}

/**
 * Starts `jobs` in one lane per element of `resources` (at least one) and resolves when every lane
 * is done. Never rejects: each job's own promise carries its failure to whoever awaits it.
 * Throws (synchronously) when `resources` is empty.
 */
export function runInLanes<R>(resources: readonly R[], jobs: readonly LaneJob<R>[]): Promise<void> {
  if (resources.length === 0) throw new Error('runInLanes: no lane');
  const lanes = resources.map((resource) => ({ resource, work: 0, chain: Promise.resolve() as Promise<unknown> }));
  for (const job of [...jobs].sort((a, b) => b.cost - a.cost)) {
    const lane = lanes.reduce((a, b) => (b.work < a.work ? b : a));
    lane.work += job.cost;
    lane.chain = lane.chain.then(() => job.start(lane.resource)).catch(() => undefined);
  }
  return Promise.all(lanes.map((l) => l.chain)).then(() => undefined);
}
