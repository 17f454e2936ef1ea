import type { HubEvent, HubEventBody } from '../../shared/protocol';
import { createConversationFactsStore } from './conversation-facts';
import type { HubDatabase } from './database';
import { jsonArrayTable } from './sql/dialect';
import type { SqlDialect } from './sql/sql';

interface EventRow {
  seq: number;
  at: string;
  conversation_id: string;
  type: string;
  queue: string;
  body: string;
}

/** An event as the log keeps it: the body plus who may see it. */
export interface LoggedEvent {
  event: HubEvent;
  queue: string;
  audience: string[];
}

export interface NewEvent {
  conversationId: string;
  queue: string;
  at: string;
  body: HubEventBody;
  /** Agents who may see it besides the queue's supervisors. */
  audience: string[];
}

const APPEND = 'INSERT INTO events (at, conversation_id, type, queue, body) VALUES (@at, @conversationId, @type, @queue, @body) RETURNING seq';
const AUDIENCE = 'INSERT INTO event_audience (seq, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING';
// PostgreSQL: a wider audience in one statement, since each statement inside a write is a round
// trip while the floor's writer lock is held. SQLite runs in process, where the loop costs nothing.
const AUDIENCE_MANY_POSTGRES = `INSERT INTO event_audience (seq, user_id) SELECT CAST(? AS BIGINT), value FROM ${jsonArrayTable('postgres', '?', 'member')}
  ON CONFLICT DO NOTHING`;
const LATEST = 'SELECT max(seq) AS seq FROM events';
const FOR_AGENT = `SELECT e.* FROM event_audience a JOIN events e ON e.seq = a.seq
  WHERE a.user_id = ? AND a.seq > ? ORDER BY a.seq LIMIT ?`;
const COUNT_FOR_AGENT = 'SELECT count(*) AS n FROM event_audience WHERE user_id = ? AND seq > ?';
const forQueuesText = (count: number) =>
  `SELECT * FROM events WHERE queue IN (${Array.from({ length: count }, () => '?').join(', ')}) AND seq > ? ORDER BY seq LIMIT ?`;

// Each event with its audience as a JSON array, in one read: the follower runs it on every wake of every replica.
const audienceArray = (dialect: SqlDialect) =>
  dialect === 'postgres'
    ? "(SELECT coalesce(json_agg(a.user_id ORDER BY a.user_id), '[]') FROM event_audience a WHERE a.seq = e.seq)"
    : '(SELECT json_group_array(user_id) FROM (SELECT a.user_id FROM event_audience a WHERE a.seq = e.seq ORDER BY a.user_id))';
const afterText = (dialect: SqlDialect) => `SELECT e.*, ${audienceArray(dialect)} AS audience FROM events e WHERE e.seq > ? ORDER BY e.seq LIMIT ?`;

const toEvent = (row: EventRow): HubEvent =>
  ({ ...(JSON.parse(row.body) as HubEventBody), seq: row.seq, at: row.at, conversationId: row.conversation_id }) as HubEvent;

/**
 * The append-only event log. Callers append inside their own write, with the change it records;
 * the audience and the handoff-quality facts are written in the same transaction, so they never
 * lag the log.
 */
export function createEventLog(db: HubDatabase) {
  const facts = createConversationFactsStore(db);
  const after = afterText(db.dialect);

  return {
    async append(entry: NewEvent): Promise<LoggedEvent> {
      const { seq } = (await db.get<{ seq: number }>(APPEND, {
        at: entry.at,
        conversationId: entry.conversationId,
        type: entry.body.type,
        queue: entry.queue,
        body: JSON.stringify(entry.body),
      })) as { seq: number };
      if (db.dialect === 'postgres' && entry.audience.length > 1) await db.run(AUDIENCE_MANY_POSTGRES, [seq, JSON.stringify(entry.audience)]);
      else for (const userId of entry.audience) await db.run(AUDIENCE, [seq, userId]);
      await facts.fold({ seq, at: entry.at, conversationId: entry.conversationId, queue: entry.queue, body: entry.body });
      const event = { ...entry.body, seq, at: entry.at, conversationId: entry.conversationId } as HubEvent;
      return { event, queue: entry.queue, audience: entry.audience };
    },
    async latestSeq(): Promise<number> {
      return (await db.get<{ seq: number | null }>(LATEST))?.seq ?? 0;
    },
    /**
     * The whole log after `afterSeq` with each event's queue and audience, oldest first: what every
     * replica follows to hand events to its own streams. An event's audience rows commit with it.
     */
    async after(afterSeq: number, limit: number): Promise<LoggedEvent[]> {
      const rows = await db.all<EventRow & { audience: string }>(after, [afterSeq, limit]);
      return rows.map((row) => ({ event: toEvent(row), queue: row.queue, audience: JSON.parse(row.audience) as string[] }));
    },
    /** Events an agent may see after `afterSeq`, oldest first, at most `limit`. */
    async forAgent(agentId: string, afterSeq: number, limit: number): Promise<HubEvent[]> {
      return (await db.all<EventRow>(FOR_AGENT, [agentId, afterSeq, limit])).map(toEvent);
    },
    async countForAgent(agentId: string, afterSeq: number): Promise<number> {
      return (await db.get<{ n: number }>(COUNT_FOR_AGENT, [agentId, afterSeq]))?.n ?? 0;
    },
    /** Events of the given queues after `afterSeq` (supervisors, wallboards). */
    async forQueues(queues: string[], afterSeq: number, limit: number): Promise<HubEvent[]> {
      if (queues.length === 0) return [];
      return (await db.all<EventRow>(forQueuesText(queues.length), [...queues, afterSeq, limit])).map(toEvent);
    },
  };
}

export type EventLog = ReturnType<typeof createEventLog>;
