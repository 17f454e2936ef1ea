import type { Migration } from './index';

export const initial: Migration = {
  version: 1,
  up(db) {
    db.exec(`
      CREATE TABLE queues (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL
      ) STRICT;

      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin', 'wallboard')),
        password_hash TEXT NOT NULL,
        capacity INTEGER NOT NULL DEFAULT 3
      ) STRICT;

      CREATE TABLE queue_members (
        queue_id TEXT NOT NULL REFERENCES queues(id),
        user_id TEXT NOT NULL REFERENCES users(id),
        PRIMARY KEY (queue_id, user_id)
      ) STRICT;

      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE integrations (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        default_queue TEXT NOT NULL REFERENCES queues(id)
      ) STRICT;

      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        integration_id TEXT NOT NULL,
        envelope_id TEXT NOT NULL,
        state TEXT NOT NULL,
        queue TEXT NOT NULL,
        owner TEXT NOT NULL,
        offer TEXT,
        offered_agent_id TEXT,
        assigned_agent_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        envelope TEXT NOT NULL,
        UNIQUE (integration_id, envelope_id)
      ) STRICT;
      CREATE INDEX conversations_queue_state ON conversations(queue, state, created_at);
      CREATE INDEX conversations_assigned ON conversations(assigned_agent_id, state);

      CREATE TABLE messages (
        conversation_id TEXT NOT NULL REFERENCES conversations(id),
        id TEXT NOT NULL,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        author_name TEXT,
        text TEXT NOT NULL,
        client_message_id TEXT,
        PRIMARY KEY (conversation_id, id)
      ) STRICT;
      CREATE UNIQUE INDEX messages_client_id ON messages(conversation_id, client_message_id)
        WHERE client_message_id IS NOT NULL;

      -- The append-only event log: its seq is what clients resume from.
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        type TEXT NOT NULL,
        queue TEXT NOT NULL,
        body TEXT NOT NULL
      ) STRICT;
      CREATE INDEX events_queue ON events(queue, seq);

      -- Which agents may see an event (offers, their own conversations). Supervisors see by queue.
      CREATE TABLE event_audience (
        seq INTEGER NOT NULL REFERENCES events(seq),
        user_id TEXT NOT NULL,
        PRIMARY KEY (user_id, seq)
      ) STRICT, WITHOUT ROWID;

      -- The demo web chat: a customer talking to the rule-based bot before any handoff.
      CREATE TABLE chat_sessions (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        customer_name TEXT NOT NULL,
        conversation_id TEXT REFERENCES conversations(id),
        bot_state TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
