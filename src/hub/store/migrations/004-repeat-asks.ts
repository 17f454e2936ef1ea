import type { Migration } from './index';

/**
 * Repeat-asks: an agent asking for what the envelope held, or a customer stating it again. Real
 * columns, because the repeat-information rate groups by agent and intent over a period.
 */
export const repeatAsks: Migration = {
  version: 4,
  up(db) {
    db.exec(`
      CREATE TABLE repeat_asks (
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        message_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('agent_asked', 'customer_restated')),
        field_key TEXT NOT NULL,
        agent_id TEXT,
        intent TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (conversation_id, message_id, field_key)
      ) STRICT;
      CREATE INDEX repeat_asks_at ON repeat_asks(at);
      -- The rate's denominator is who was assigned when; a partial index keeps that scan to
      -- assignments without slowing every other append to the event log.
      CREATE INDEX events_assigned ON events(queue, at) WHERE type = 'conversation:assigned';
    `);
  },
};
