export interface RetentionDeps {
  /** How long a conversation stays after its last activity. */
  retentionDays: number;
  now: () => Date;
  /** Removes conversations last updated before the date; returns how many went (purgeExpired). */
  purge(olderThan: Date): number;
  onPurged(count: number): void;
  /** Default every 6 hours: a workstation left running for weeks still forgets on time. */
  intervalMs?: number;
}

export const DEFAULT_RETENTION_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
const SIX_HOURS_MS = 6 * 60 * 60 * 1000;

/**
 * Purges the cache on start and then on a timer. The timer is unref'd: retention alone never keeps
 * the process alive. A failed purge is reported and retried on the next tick, never thrown into
 * the timer (an uncaught error there would take the core down).
 */
export function startRetention(deps: RetentionDeps) {
  if (!Number.isFinite(deps.retentionDays) || deps.retentionDays <= 0) {
    throw new RangeError(`retentionDays must be a positive number of days, not ${deps.retentionDays}`);
  }

  const purgeNow = (): number => {
    const cutoff = new Date(deps.now().getTime() - deps.retentionDays * DAY_MS);
    const count = deps.purge(cutoff);
    if (count > 0) deps.onPurged(count);
    return count;
  };

  const tick = (): void => {
    try {
      purgeNow();
    } catch (error) {
      console.error(`Warmline core: retention purge failed: ${error instanceof Error ? error.message : 'error'}`);
    }
  };

  tick();
  const timer = setInterval(tick, deps.intervalMs ?? SIX_HOURS_MS);
  timer.unref();

  return {
    purgeNow,
    stop(): void {
      clearInterval(timer);
    },
  };
}

export type Retention = ReturnType<typeof startRetention>;
