import type { Migration } from './types';

/**
 * Files on turns, for offline review.
 *
 * - `turns.attachments`: the turn's attachment refs as the hub sent them (JSON), NULL for none.
 * - `attachment_files`: the bytes of files the user has seen, keyed by the hub's attachment id. They
 *   belong to their conversation, so a retention purge or "Clear local data" takes them with it.
 *   `content_type` is what the core read from the bytes itself, never a header.
 */
export const attachments: Migration = {
  version: 7,
  up(db) {
    db.exec(`
      ALTER TABLE turns ADD COLUMN attachments TEXT;
      CREATE TABLE attachment_files (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        data BLOB NOT NULL,
        stored_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX attachment_files_by_conversation ON attachment_files (conversation_id);
    `);
  },
};
