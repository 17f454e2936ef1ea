import type { Migration } from './index';

/**
 * Status callbacks to the source bot and the bots' own contained-session counts.
 * Callbacks are derived from the event log behind a durable cursor and queued in an outbox, so a
 * restart neither loses nor re-derives one; each keeps its id for the receiver to drop repeats.
 */
export const callbacksAndBotSessions: Migration = {
  version: 7,
  up(db) {
    db.exec(`
      ALTER TABLE integrations ADD COLUMN callback_url TEXT;

      CREATE TABLE callback_cursor (
        name TEXT PRIMARY KEY,
        seq INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE callback_deliveries (
        id TEXT PRIMARY KEY,
        integration_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        body TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        delivered_at TEXT,
        given_up_at TEXT,
        last_error TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX callback_deliveries_due ON callback_deliveries(next_attempt_at)
        WHERE delivered_at IS NULL AND given_up_at IS NULL;

      CREATE TABLE bot_session_reports (
        integration_id TEXT NOT NULL,
        report_id TEXT NOT NULL,
        at TEXT NOT NULL,
        intent TEXT,
        channel TEXT,
        contained INTEGER NOT NULL CHECK (contained >= 0),
        received_at TEXT NOT NULL,
        PRIMARY KEY (integration_id, report_id)
      ) STRICT;
      CREATE INDEX bot_session_reports_at ON bot_session_reports(at);
    `);
  },
};
