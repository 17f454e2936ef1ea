import { workstationSettingsSchema } from '../../shared/admin';

export interface RetentionDeps {
  /** How long a conversation stays after its last activity. */
  retentionDays: number;
  now: () => Date;
  /** Removes conversations last updated before the date; returns how many went (purgeExpired). */
  purge(olderThan: Date): number;
  onPurged(count: number): void;
  /** Default every 6 hours: a workstation left running for weeks still forgets on time. */
  intervalMs?: number;
  /**
   * The period is the hub's default, told after connecting: the start purge waits for it (or the
   * first tick), so a hub keeping longer than `retentionDays` never loses a day to the guess.
   */
  isAwaitingHubDefault?: boolean;
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
  const checked = (days: number): number => {
    if (!Number.isFinite(days) || days <= 0) throw new RangeError(`retentionDays must be a positive number of days, not ${days}`);
    return days;
  };
  let retentionDays = checked(deps.retentionDays);

  const purgeNow = (): number => {
    const cutoff = new Date(deps.now().getTime() - retentionDays * DAY_MS);
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

  if (!deps.isAwaitingHubDefault) tick();
  const timer = setInterval(tick, deps.intervalMs ?? SIX_HOURS_MS);
  timer.unref();

  return {
    purgeNow,
    days: (): number => retentionDays,
    /** A new period (the hub's default arrived or changed), applied at once. */
    setDays(days: number): void {
      retentionDays = checked(days);
      tick();
    },
    stop(): void {
      clearInterval(timer);
    },
  };
}

export type Retention = ReturnType<typeof startRetention>;

/**
 * Applies the admin's default from the hub (`GET /v1/me/settings`, read by `read`). An answer that
 * fails the schema, or no answer (offline, an older hub), keeps the current period and lets a
 * start purge that waited for it run.
 */
export async function adoptHubDefault(retention: Retention, read: () => Promise<unknown>): Promise<void> {
  let days = retention.days();
  try {
    const parsed = workstationSettingsSchema.safeParse(await read());
    if (parsed.success) days = parsed.data.cacheRetentionDays;
  } catch {
    // Keeps the period it has.
  }
  retention.setDays(days);
}
