import type { Migration } from './index';

/**
 * Files customers and agents send. The bytes live in the store itself (BLOB), so a file is written
 * in the same transaction as what refers to it, backed up with the rest, and served by any replica.
 * `conversation_id` is null only between a handoff's files being fetched and the handoff being
 * stored; such rows are swept. Messages carry their attachment refs as JSON, like `delivery`.
 * `hub_keys` holds the secret that signs the short-lived links platforms fetch outgoing files by.
 */
export const attachments: Migration = {
  version: 13,
  up(db) {
    db.exec(`
      CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        conversation_id TEXT REFERENCES conversations(id) ON DELETE CASCADE,
        integration_id TEXT,
        uploaded_by TEXT,
        name TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        data BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX attachments_by_conversation ON attachments(conversation_id);
      CREATE INDEX attachments_unlinked ON attachments(created_at) WHERE conversation_id IS NULL;

      ALTER TABLE messages ADD COLUMN attachments TEXT;

      CREATE TABLE hub_keys (
        name TEXT PRIMARY KEY,
        secret BLOB NOT NULL
      ) STRICT;
    `);
  },
};
