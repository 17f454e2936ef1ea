import type { Migration } from './index';

/**
 * Skills routing and the rest of the lifecycle: what queues require and agents offer, what each
 * conversation needs, how it ended, and agents' flags to supervisors. Lists are JSON text because
 * they are read with their row, never queried into; what routing filters on is a real column.
 */
export const routingLifecycle: Migration = {
  version: 6,
  up(db) {
    db.exec(`
      ALTER TABLE queues ADD COLUMN required_skills TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE queues ADD COLUMN language TEXT;
      ALTER TABLE users ADD COLUMN skills TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE users ADD COLUMN languages TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE conversations ADD COLUMN priority INTEGER NOT NULL DEFAULT 3;
      ALTER TABLE conversations ADD COLUMN skills TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE conversations ADD COLUMN language TEXT;
      ALTER TABLE conversations ADD COLUMN previous_conversation_id TEXT;
      ALTER TABLE conversations ADD COLUMN disposition TEXT;
      ALTER TABLE conversations ADD COLUMN rating INTEGER;
      ALTER TABLE conversations ADD COLUMN transfer TEXT;
      ALTER TABLE conversations ADD COLUMN participants TEXT NOT NULL DEFAULT '[]';
      -- 'staff' marks a supervisor's whisper: never relayed to the customer. NULL: everyone sees it.
      ALTER TABLE messages ADD COLUMN visibility TEXT CHECK (visibility IN ('everyone', 'staff'));

      CREATE TABLE flags (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        raised_by TEXT NOT NULL,
        message TEXT NOT NULL,
        at TEXT NOT NULL,
        answer TEXT
      ) STRICT;
      CREATE INDEX flags_conversation ON flags(conversation_id, at);
      CREATE INDEX flags_open ON flags(raised_by) WHERE answer IS NULL;
    `);
  },
};
