import type { Migration } from './types';

/**
 * Drops `turns_fts_insert`: the turn writer (turn-writer.ts, the only code that inserts turns) adds
 * each stored turn to `turns_fts` itself, in the same transaction. The delete and update triggers
 * stay, so a purge or an edit still tells the external-content index the old text. An INSERT that
 * fires a trigger runs under a statement savepoint, where FTS5 flushes its pending terms as a
 * segment per row (docs/decisions/003-cache-turn-writer.md).
 */
export const indexTurnsInWriter: Migration = {
  version: 6,
  up(db) {
    db.exec('DROP TRIGGER IF EXISTS turns_fts_insert');
  },
};
