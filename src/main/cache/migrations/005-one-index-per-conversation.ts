import type { Migration } from './types';

/**
 * Drops `turns_in_order (conversation_id, seq)`: `turns_by_id (conversation_id, turn_id)` already
 * finds a conversation's turns, and every index entry carries its rowid, which is `seq`. So a
 * conversation's newest turn is `max(seq)` read from that index alone, and its transcript is its
 * few dozen rows sorted by seq.
 *
 * Why: each turn written paid for three B-trees besides the table, and the profile of the cache
 * ingest figure (bench/figures/cache-ingest.ts) put most of the gap to a bare FTS5 table in those
 * index inserts and their page splits, not in the full-text index itself.
 */
export const oneIndexPerConversation: Migration = {
  version: 5,
  up(db) {
    db.exec('DROP INDEX IF EXISTS turns_in_order');
  },
};
