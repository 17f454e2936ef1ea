import type { Migration } from './types';

/**
 * The first cache schema.
 *
 * - `conversations`: real columns for what the list and the search filters read; the envelope is
 *   kept as JSON without its transcript (the turns live in `turns`).
 * - `turns`: the bot's transcript and every later message in one table, so one FTS index covers
 *   both. `seq` is the rowid and is allocated in time order (see turn-writer.ts), which lets the
 *   FTS index return newest-first hits by walking its rowids backwards instead of sorting.
 * - `turns_fts`: external-content FTS5, so the text is stored once (docs/decisions/007-cache-search-index.md).
 *
 * The delete and update triggers keep the index exact on every path, including the ON DELETE
 * CASCADE of a retention purge: an external-content index must be told the old text of every
 * deleted row. The insert trigger created here is dropped by migration 006; the turn writer adds
 * each turn's entry itself.
 *
 * Never write conversations with INSERT OR REPLACE: the replace deletes the row first and the
 * cascade would take the turns and the outbox with it.
 */
export const initial: Migration = {
  version: 1,
  up(db) {
    db.exec(`
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        queue TEXT NOT NULL,
        customer_name TEXT NOT NULL,
        customer_id TEXT,
        issue_title TEXT NOT NULL,
        reason_kind TEXT NOT NULL,
        sentiment_score REAL,
        priority INTEGER NOT NULL,
        channel TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_ms INTEGER NOT NULL,
        unread INTEGER NOT NULL DEFAULT 0,
        owner TEXT NOT NULL,
        offer TEXT,
        envelope TEXT NOT NULL
      ) STRICT;
      CREATE INDEX conversations_by_update ON conversations (updated_ms);
      CREATE INDEX conversations_by_state ON conversations (state, updated_ms);

      CREATE TABLE turns (
        seq INTEGER PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        turn_id TEXT NOT NULL,
        at TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        author TEXT NOT NULL,
        author_name TEXT,
        text TEXT NOT NULL,
        is_message INTEGER NOT NULL CHECK (is_message IN (0, 1)),
        client_message_id TEXT
      ) STRICT;
      CREATE UNIQUE INDEX turns_by_id ON turns (conversation_id, turn_id);
      CREATE UNIQUE INDEX turns_by_client_message ON turns (conversation_id, client_message_id)
        WHERE client_message_id IS NOT NULL;
      CREATE INDEX turns_in_order ON turns (conversation_id, seq);

      CREATE VIRTUAL TABLE turns_fts USING fts5 (
        text,
        content = 'turns',
        content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER turns_fts_insert AFTER INSERT ON turns BEGIN
        INSERT INTO turns_fts (rowid, text) VALUES (new.seq, new.text);
      END;
      CREATE TRIGGER turns_fts_delete AFTER DELETE ON turns BEGIN
        INSERT INTO turns_fts (turns_fts, rowid, text) VALUES ('delete', old.seq, old.text);
      END;
      CREATE TRIGGER turns_fts_update AFTER UPDATE OF seq, text ON turns BEGIN
        INSERT INTO turns_fts (turns_fts, rowid, text) VALUES ('delete', old.seq, old.text);
        INSERT INTO turns_fts (rowid, text) VALUES (new.seq, new.text);
      END;

      CREATE TABLE outbox (
        position INTEGER PRIMARY KEY,
        client_message_id TEXT NOT NULL UNIQUE,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        message TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'failed')),
        error TEXT,
        attempts INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX outbox_by_conversation ON outbox (conversation_id, position);

      CREATE TABLE profile (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        user TEXT NOT NULL,
        hub_url TEXT NOT NULL,
        token TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sync_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        last_seq INTEGER NOT NULL
      ) STRICT;
      INSERT INTO sync_state (id, last_seq) VALUES (1, 0);
    `);
  },
};
