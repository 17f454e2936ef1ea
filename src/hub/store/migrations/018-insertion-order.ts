import type { Migration } from './index';

/**
 * Messages and outbox items are read in the order they were written. That order is a real column,
 * `position` (each insert takes the largest so far plus one, under the store's single writer), so
 * both stores keep it: PostgreSQL has no rowid. Existing rows keep their rowid's order.
 */
export const insertionOrder: Migration = {
  version: 18,
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN position INTEGER;
      UPDATE messages SET position = rowid;
      CREATE UNIQUE INDEX messages_position ON messages(position);
      ALTER TABLE callback_deliveries ADD COLUMN position INTEGER;
      UPDATE callback_deliveries SET position = rowid;
      CREATE UNIQUE INDEX callback_deliveries_position ON callback_deliveries(position);
    `);
  },
};
