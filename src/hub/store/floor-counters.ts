import type { HubDatabase } from './database';

const HIT = `INSERT INTO floor_counters (key, window_start, hits, expires_at) VALUES (?, ?, 1, ?)
  ON CONFLICT (key, window_start) DO UPDATE SET hits = floor_counters.hits + 1
  RETURNING hits`;
const SWEEP = 'DELETE FROM floor_counters WHERE expires_at <= ?';

export interface FloorHit {
  /** Hits in this key's current window, this one included. */
  hits: number;
  /** Milliseconds until the window ends. */
  ttlMs: number;
}

/**
 * Fixed-window counters in the store, shared by every replica on it: one statement per hit, so
 * two replicas counting at once both see the other's hit.
 */
export function createFloorCounters(db: HubDatabase, now: () => number = Date.now) {
  return {
    async hit(key: string, windowMs: number): Promise<FloorHit> {
      const at = now();
      const windowStart = at - (at % windowMs);
      const row = await db.get<{ hits: number }>(HIT, [key, windowStart, windowStart + windowMs]);
      // The first hit of a window sweeps the windows that have ended: the table stays small.
      if (row!.hits === 1) await db.run(SWEEP, [at]);
      return { hits: row!.hits, ttlMs: windowStart + windowMs - at };
    },
  };
}

export type FloorCounters = ReturnType<typeof createFloorCounters>;
