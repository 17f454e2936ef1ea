import type { Migration } from './index';

/**
 * The conversation goes on in the customer's channel. An integration gets a channel (platform and
 * its settings as JSON, read and written only by store/integration-channels.ts); the callback
 * outbox carries agents' messages too, remembers which message each item delivers, and is drained
 * in order per conversation; each message keeps its delivery state; inbound platform messages find
 * their conversation by the platform's own conversation id.
 */
export const channels: Migration = {
  version: 11,
  up(db) {
    db.exec(`
      ALTER TABLE integrations ADD COLUMN channel_platform TEXT;
      ALTER TABLE integrations ADD COLUMN channel_settings TEXT;

      ALTER TABLE messages ADD COLUMN delivery TEXT;

      ALTER TABLE callback_deliveries ADD COLUMN message_id TEXT;
      ALTER TABLE callback_deliveries ADD COLUMN platform_message_id TEXT;
      CREATE INDEX callback_deliveries_pending ON callback_deliveries(conversation_id)
        WHERE delivered_at IS NULL AND given_up_at IS NULL;

      CREATE INDEX conversations_source ON conversations(
        integration_id, json_extract(envelope, '$.source.conversationId'), created_at
      );
      CREATE INDEX conversations_previous ON conversations(previous_conversation_id)
        WHERE previous_conversation_id IS NOT NULL;
    `);
  },
};
