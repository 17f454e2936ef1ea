import type { Migration } from './index';

/**
 * The retention purge finds closed conversations by when they closed, and deletes what hangs off
 * each one: without these, every batch would scan the event audience, callbacks and chat sessions.
 */
export const retentionIndexes: Migration = {
  version: 16,
  up(db) {
    db.exec(`
      CREATE INDEX conversations_closed ON conversations(updated_at) WHERE state IN ('resolved', 'abandoned', 'returned_to_bot');
      CREATE INDEX event_audience_seq ON event_audience(seq);
      CREATE INDEX callback_deliveries_conversation ON callback_deliveries(conversation_id);
      CREATE INDEX chat_sessions_conversation ON chat_sessions(conversation_id) WHERE conversation_id IS NOT NULL;
    `);
  },
};
