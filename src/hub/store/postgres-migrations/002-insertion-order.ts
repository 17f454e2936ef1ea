import type { PostgresMigration } from './migration';

/**
 * Twin of SQLite's 018: messages and outbox items are read in the order they were written, kept
 * in `position` (the largest so far plus one, taken under the writer lock). Rows already stored
 * take their order from their timestamps, PostgreSQL having no rowid to copy.
 */
export const insertionOrder: PostgresMigration = {
  version: 2,
  async up(client) {
    await client.query(`
      ALTER TABLE messages ADD COLUMN position bigint;
      UPDATE messages SET position = ordered.n
        FROM (SELECT conversation_id, id, row_number() OVER (ORDER BY at, conversation_id, id) AS n FROM messages) AS ordered
        WHERE messages.conversation_id = ordered.conversation_id AND messages.id = ordered.id;
      CREATE UNIQUE INDEX messages_position ON messages (position);
      ALTER TABLE callback_deliveries ADD COLUMN position bigint;
      UPDATE callback_deliveries SET position = ordered.n
        FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM callback_deliveries) AS ordered
        WHERE callback_deliveries.id = ordered.id;
      CREATE UNIQUE INDEX callback_deliveries_position ON callback_deliveries (position);
    `);
  },
};
