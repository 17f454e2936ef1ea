import type { HubDatabase } from './database';

const HIT = `INSERT INTO floor_counters (key, window_start, hits, expires_at) VALUES (?, ?, 1, ?)
  ON CONFLICT (key, window_start) DO UPDATE SET hits = floor_counters.hits + 1
  RETURNING hits`;
// A tally is the key's one row at window_start 0: it starts again at 1 once it has lapsed.
const TALLY = `INSERT INTO floor_counters (key, window_start, hits, expires_at) VALUES (?, 0, 1, ?)
  ON CONFLICT (key, window_start) DO UPDATE SET
    hits = CASE WHEN floor_counters.expires_at <= ? THEN 1 ELSE floor_counters.hits + 1 END,
    expires_at = excluded.expires_at
  RETURNING hits`;
const CLEAR = 'DELETE FROM floor_counters WHERE key = ? AND window_start = 0';
const SWEEP = 'DELETE FROM floor_counters WHERE expires_at <= ?';

export interface FloorHit {
  /** Hits in this key's current window, this one included. */
  hits: number;
  /** Milliseconds until the window ends. */
  ttlMs: number;
}

export interface FloorTally {
  hits: number;
  /** When the latest hit was counted (epoch ms). */
  lastAt: number;
}

/**
 * Counters in the store, shared by every replica on it: one statement per hit, so two replicas
 * counting at once both see the other's hit. Two kinds: fixed windows aligned to the clock
 * (`hit`), and tallies that run on while hits keep coming and lapse `lapseMs` after the latest.
 */
export function createFloorCounters(db: HubDatabase, now: () => number = Date.now) {
  // The first hit of a window or tally sweeps the rows that have ended: the table stays small.
  const sweepAfterFirst = async (hits: number, at: number) => {
    if (hits === 1) await db.run(SWEEP, [at]);
  };

  return {
    async hit(key: string, windowMs: number): Promise<FloorHit> {
      const at = now();
      const windowStart = at - (at % windowMs);
      const row = await db.get<{ hits: number }>(HIT, [key, windowStart, windowStart + windowMs]);
      await sweepAfterFirst(row!.hits, at);
      return { hits: row!.hits, ttlMs: windowStart + windowMs - at };
    },

    /** Counts one more on the key's tally and answers how many it holds now. */
    async tally(key: string, lapseMs: number): Promise<number> {
      const at = now();
      const row = await db.get<{ hits: number }>(TALLY, [key, at + lapseMs, at]);
      await sweepAfterFirst(row!.hits, at);
      return row!.hits;
    },

    /** The tallies of these keys that have not lapsed (one indexed read for them all). */
    async tallies(keys: readonly string[], lapseMs: number): Promise<Map<string, FloorTally>> {
      if (keys.length === 0) return new Map();
      const rows = await db.all<{ key: string; hits: number; expires_at: number }>(
        `SELECT key, hits, expires_at FROM floor_counters WHERE window_start = 0 AND expires_at > ? AND key IN (${keys.map(() => '?').join(', ')})`,
        [now(), ...keys],
      );
      return new Map(rows.map((row) => [row.key, { hits: row.hits, lastAt: row.expires_at - lapseMs }]));
    },

    async clear(key: string): Promise<void> {
      await db.run(CLEAR, [key]);
    },
  };
}

export type FloorCounters = ReturnType<typeof createFloorCounters>;
