import type { Migration } from './index';

/** Integrations may have a signing secret; signed deliveries already seen are remembered briefly. */
export const signedWebhooks: Migration = {
  version: 3,
  up(db) {
    db.exec(`
      ALTER TABLE integrations ADD COLUMN signing_secret TEXT;
      CREATE TABLE webhook_receipts (
        integration_id TEXT NOT NULL,
        message_id TEXT NOT NULL,
        timestamp TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (integration_id, message_id, timestamp)
      ) STRICT;
      CREATE INDEX webhook_receipts_received ON webhook_receipts(received_at);
    `);
  },
};
