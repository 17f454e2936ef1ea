import type { Migration } from './types';

/**
 * Workstation preferences and the record of announced notifications.
 *
 * - `preferences`: one row; the columns are the settings, so a new setting is a new migration.
 * - `announced`: one row per notification shown (conversation id + the offer's or transfer's time).
 *   It outlives reconnects, resyncs and restarts, so the same offer never pops up twice. No foreign
 *   key: an offer can be announced before its conversation row is written. Rows are pruned by age
 *   and wiped with "Clear local data".
 */
export const preferences: Migration = {
  version: 2,
  up(db) {
    db.exec(`
      CREATE TABLE preferences (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        do_not_disturb INTEGER NOT NULL DEFAULT 0 CHECK (do_not_disturb IN (0, 1)),
        sound INTEGER NOT NULL DEFAULT 0 CHECK (sound IN (0, 1))
      ) STRICT;
      INSERT INTO preferences (id) VALUES (1);

      CREATE TABLE announced (
        key TEXT PRIMARY KEY,
        at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX announced_by_age ON announced (at_ms);
    `);
  },
};
