import type { PostgresMigration } from './migration';

/** Twin of SQLite's 019: one row per key and fixed window, so replicas share their limits. */
export const floorCounters: PostgresMigration = {
  version: 3,
  async up(client) {
    await client.query(`
      CREATE TABLE floor_counters (
        key text NOT NULL,
        window_start bigint NOT NULL,
        hits bigint NOT NULL,
        expires_at bigint NOT NULL,
        PRIMARY KEY (key, window_start)
      );
      CREATE INDEX floor_counters_expiry ON floor_counters (expires_at);
    `);
  },
};
