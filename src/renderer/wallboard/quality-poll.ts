import type { WallboardQuality } from '../../shared/wallboard-quality';

/** Quality figures move slowly and cost the hub a read of the day's log: once a minute is enough. */
export const QUALITY_REFRESH_MS = 60_000;

export interface QualityPollDeps {
  /** GET /v1/metrics/handoff-quality for [from, to) as the wallboard user. */
  fetchQuality(from: string, to: string): Promise<WallboardQuality>;
  now(): number;
  startOfDay(ms: number): number;
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/**
 * Reads today's handoff-quality summary at once and then every minute. A failed read keeps the
 * figures on the wall (the stale banner already says when the hub is unreachable); the next
 * minute tries again. An answer that arrives after a newer one is dropped.
 */
export function createQualityPoll(deps: QualityPollDeps, show: (quality: WallboardQuality) => void) {
  let timer: unknown = null;
  let asked = 0;
  let shown = 0;

  function read(): void {
    const now = deps.now();
    const ticket = ++asked;
    deps
      .fetchQuality(new Date(deps.startOfDay(now)).toISOString(), new Date(now).toISOString())
      .then((quality) => {
        if (timer === null || ticket < shown) return;
        shown = ticket;
        show(quality);
      })
      .catch(() => undefined);
  }

  return {
    start(): void {
      if (timer !== null) return;
      timer = deps.setInterval(read, QUALITY_REFRESH_MS);
      read();
    },
    stop(): void {
      if (timer !== null) deps.clearInterval(timer);
      timer = null;
    },
  };
}
