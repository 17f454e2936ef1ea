import type { Migration } from './index';

/**
 * Counts that hold for the whole floor (requests per integration, wrong sign-ins): one row per key
 * and fixed window, bumped by one upsert per hit, so every replica on one store draws on the same
 * allowance. `expires_at` lets old windows be swept whatever their length.
 */
export const floorCounters: Migration = {
  version: 19,
  up(db) {
    db.exec(`
      CREATE TABLE floor_counters (
        key TEXT NOT NULL,
        window_start INTEGER NOT NULL,
        hits INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (key, window_start)
      ) STRICT;
      CREATE INDEX floor_counters_expiry ON floor_counters(expires_at);
    `);
  },
};
