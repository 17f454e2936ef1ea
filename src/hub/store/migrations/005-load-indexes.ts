import type { Migration } from './index';

/** Agent load is read on every dispatch: index exactly the rows it counts, not the whole table. */
export const loadIndexes: Migration = {
  version: 5,
  up(db) {
    db.exec(`
      CREATE INDEX conversations_assigned_load ON conversations(assigned_agent_id) WHERE state = 'assigned';
      CREATE INDEX conversations_offered_load ON conversations(offered_agent_id) WHERE offered_agent_id IS NOT NULL;
    `);
  },
};
