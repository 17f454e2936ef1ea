import type Database from 'better-sqlite3';
import type { Migration } from './index';

/**
 * The event types the handoff-quality figures read. Frozen here rather than imported: a migration
 * must mean the same thing on every database it ever runs on.
 */
const METRIC_EVENT_TYPES = [
  'conversation:queued',
  'conversation:offered',
  'offer:ended',
  'routing:waiting',
  'conversation:assigned',
  'conversation:transferred',
  'conversation:resolved',
  'conversation:abandoned',
  'conversation:state-changed',
  'repeat-ask:recorded',
  'rating:recorded',
];

const typeList = METRIC_EVENT_TYPES.map((type) => `'${type}'`).join(', ');

/**
 * The few values the figures read from one event body. Bodies that carry a whole ConversationView
 * (envelope, transcript) are reduced to a short JSON array or a plain text; the small bodies are
 * kept whole. `body` is the column (or NEW.body in the trigger) to read from.
 */
const detailOf = (type: string, body: string) => `CASE ${type}
  WHEN 'conversation:queued' THEN json_array(
    json_extract(${body}, '$.conversation.envelope.issue.intent'),
    json_extract(${body}, '$.conversation.envelope.routing.channel'),
    json_extract(${body}, '$.conversation.envelope.reason.kind'),
    json_extract(${body}, '$.conversation.envelope.source.platform'),
    -- Bot turns matter only to tell a direct planned escalation from a bot's: count them only then.
    CASE WHEN json_extract(${body}, '$.conversation.envelope.reason.kind') = 'planned_escalation'
      THEN (SELECT count(*) FROM json_each(${body}, '$.conversation.envelope.transcript') WHERE json_extract(value, '$.author') = 'bot')
      ELSE -1 END)
  WHEN 'conversation:offered' THEN json_extract(${body}, '$.offer.agentId')
  WHEN 'conversation:assigned' THEN json_extract(${body}, '$.conversation.owner.id', '$.conversation.owner.name')
  WHEN 'conversation:transferred' THEN json_extract(${body}, '$.conversation.state')
  WHEN 'conversation:state-changed' THEN json_extract(${body}, '$.state', '$.owner.why')
  ELSE ${body} END`;

/**
 * Rebuilds metric_events from the event log, which stays the only truth: the table can be dropped
 * and refilled at any time and must come out the same as the trigger kept it.
 */
export function fillMetricEvents(db: Database.Database): void {
  db.exec(`
    DELETE FROM metric_events;
    INSERT INTO metric_events (seq, at, conversation_id, queue, type, detail)
      SELECT seq, at, conversation_id, queue, type, ${detailOf('type', 'body')} FROM events
      WHERE type IN (${typeList});
  `);
}

/**
 * Handoff-quality figures over a month of log read the big event bodies only once, when each event
 * is written: a trigger keeps a slim copy of the events the figures read (metric_events, derived
 * from the log, rebuilt here from what is already logged). The journey of one conversation reads
 * its events by conversation id, now indexed.
 */
export const metricEvents: Migration = {
  version: 8,
  up(db) {
    db.exec(`
      CREATE INDEX IF NOT EXISTS events_conversation ON events(conversation_id, seq);

      CREATE TABLE metric_events (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        queue TEXT NOT NULL,
        type TEXT NOT NULL,
        detail TEXT
      ) STRICT;
      CREATE INDEX metric_events_at ON metric_events(at);

      CREATE TRIGGER metric_events_from_log AFTER INSERT ON events
      WHEN NEW.type IN (${typeList})
      BEGIN
        INSERT INTO metric_events (seq, at, conversation_id, queue, type, detail)
        VALUES (NEW.seq, NEW.at, NEW.conversation_id, NEW.queue, NEW.type, ${detailOf('NEW.type', 'NEW.body')});
      END;
    `);
    fillMetricEvents(db);
  },
};
