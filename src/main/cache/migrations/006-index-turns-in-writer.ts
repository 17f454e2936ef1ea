import type { Migration } from './types';

/**
 * Drops `turns_fts_insert`: the turn writer (turn-writer.ts, the only code that inserts turns)
 * now adds each stored turn to `turns_fts` itself, in the same transaction. The delete and update
 * triggers stay, so a purge or an edit still tells the external-content index the old text.
 *
 * Why: an INSERT that fires a trigger and may abort (NOT NULL, CHECK, the foreign key) runs under
 * a statement savepoint, and FTS5 writes its pending terms to disk at every savepoint. Through the
 * trigger, each turn became its own tiny segment that automerge then merged again: 60 k turns in
 * 1,000-turn transactions cost 2.6 s of CPU that way and 0.7 s with the index written by a plain
 * INSERT after each row, which leaves the terms buffered until the commit. Same index either way.
 */
export const indexTurnsInWriter: Migration = {
  version: 6,
  up(db) {
    db.exec('DROP TRIGGER IF EXISTS turns_fts_insert');
  },
};
