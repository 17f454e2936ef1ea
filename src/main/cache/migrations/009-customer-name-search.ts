import type { Migration } from './types';

/**
 * `customers_fts`: the customer's name of every cached conversation, so the History search box
 * finds a conversation by who it was with, word by word and ignoring accents ("zoe bron" finds
 * Zoë Brontë), as it finds words in turns. External content over `conversations` (keyed by its
 * rowid, which the upsert keeps: conversations are never written with INSERT OR REPLACE).
 *
 * The triggers keep it exact on every path (upsert, retention purge, clear). The update trigger
 * fires only when the name really changed: the upsert sets every column on each state change.
 */
export const customerNameSearch: Migration = {
  version: 9,
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE customers_fts USING fts5 (
        customer_name,
        content = 'conversations',
        content_rowid = 'rowid',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER customers_fts_insert AFTER INSERT ON conversations BEGIN
        INSERT INTO customers_fts (rowid, customer_name) VALUES (new.rowid, new.customer_name);
      END;
      CREATE TRIGGER customers_fts_delete AFTER DELETE ON conversations BEGIN
        INSERT INTO customers_fts (customers_fts, rowid, customer_name) VALUES ('delete', old.rowid, old.customer_name);
      END;
      CREATE TRIGGER customers_fts_update AFTER UPDATE OF customer_name ON conversations
        WHEN old.customer_name IS NOT new.customer_name BEGIN
        INSERT INTO customers_fts (customers_fts, rowid, customer_name) VALUES ('delete', old.rowid, old.customer_name);
        INSERT INTO customers_fts (rowid, customer_name) VALUES (new.rowid, new.customer_name);
      END;
      INSERT INTO customers_fts (customers_fts) VALUES ('rebuild');
    `);
  },
};
