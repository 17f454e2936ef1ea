import type { Migration } from './index';

/**
 * Two facts the hub kept only in memory, so a restart forgot them: when a waiting web-chat
 * customer's socket went away (the start of their grace before the handoff counts as abandoned),
 * and which waiting reasons routing has already told about a conversation (told once each).
 */
export const durableWaits: Migration = {
  version: 9,
  up(db) {
    db.exec(`
      ALTER TABLE chat_sessions ADD COLUMN left_at TEXT;
      CREATE INDEX chat_sessions_left ON chat_sessions(left_at) WHERE left_at IS NOT NULL;

      CREATE TABLE waiting_reasons_told (
        conversation_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (conversation_id, reason)
      ) STRICT, WITHOUT ROWID;

      -- What memory held at the upgrade: reasons told to conversations still waiting, since they
      -- last entered routing (an accept or a transfer wipes the slate, as it did in memory).
      INSERT OR IGNORE INTO waiting_reasons_told (conversation_id, reason)
      SELECT e.conversation_id, json_extract(e.body, '$.reason')
      FROM events e JOIN conversations c ON c.id = e.conversation_id
      WHERE e.type = 'routing:waiting' AND c.state IN ('queued', 'offered', 'transferred')
        AND json_extract(e.body, '$.reason') IS NOT NULL
        AND e.seq > coalesce((
          SELECT max(a.seq) FROM events a
          WHERE a.conversation_id = e.conversation_id AND a.type IN ('conversation:assigned', 'conversation:transferred')
        ), 0);
    `);
  },
};
