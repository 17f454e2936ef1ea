import type { Migration } from './types';

/**
 * How far each outgoing message got into the customer's channel (sent, delivered, retrying,
 * failed), as the hub last said: kept apart from `turns`, whose rows never change once written,
 * and gone with its conversation (retention purge, sign-in as someone else).
 */
export const messageDelivery: Migration = {
  version: 8,
  up(db) {
    db.exec(`
      CREATE TABLE message_delivery (
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        message_id TEXT NOT NULL,
        delivery TEXT NOT NULL,
        PRIMARY KEY (conversation_id, message_id)
      ) STRICT;
    `);
  },
};
