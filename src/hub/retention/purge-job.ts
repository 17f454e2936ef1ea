import type { RetentionPurge } from './purge';

/** How often the hub purges by default: retention is counted in days, so hourly is soon enough. */
export const PURGE_INTERVAL_MS = 3600_000;
/** When a run stopped at its batch limit, the rest follows this soon rather than an hour later. */
const CATCH_UP_MS = 1_000;

/**
 * Runs the retention purge once at start and then on a schedule; a run never overlaps another.
 * A failed run is reported and retried at the next tick, never taking the hub down. With
 * `isLeader` (replicas) only the job's leader purges; `wake` runs it at once on taking over.
 */
export function startRetentionPurgeJob(
  purge: RetentionPurge,
  options: { intervalMs?: number; isLeader?: () => boolean; onError?: (error: unknown) => void } = {},
) {
  const intervalMs = options.intervalMs ?? PURGE_INTERVAL_MS;
  let timer: NodeJS.Timeout | null = null;
  let isStopped = false;
  let running: Promise<void> = Promise.resolve();

  const schedule = (ms: number) => {
    if (isStopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  function tick(): void {
    timer = null;
    if (options.isLeader && !options.isLeader()) return schedule(intervalMs);
    running = purge
      .run()
      .then((result) => schedule(result.hasMore ? CATCH_UP_MS : intervalMs))
      .catch((error: unknown) => {
        options.onError?.(error);
        schedule(intervalMs);
      });
  }
  schedule(0);

  return {
    /** Runs soon (a replica just took the job over), unless a run is under way. */
    wake(): void {
      if (timer) schedule(0);
    },
    /** Stops the schedule and waits for a run in progress, so the store can close after it. */
    async stop(): Promise<void> {
      isStopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
