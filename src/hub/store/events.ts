import type { HubEvent, HubEventBody } from '../../shared/protocol';
import { createConversationFactsStore } from './conversation-facts';
import type { HubDatabase } from './database';

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

const toEvent = (row: EventRow): HubEvent =>
  ({ ...(JSON.parse(row.body) as HubEventBody), seq: row.seq, at: row.at, conversationId: row.conversation_id }) as HubEvent;

/**
 * The append-only event log. Callers append inside their own transaction, with the change it
 * records; the handoff-quality facts are folded in the same transaction, so they never lag the log.
 */
export function createEventLog(db: HubDatabase) {
  const facts = createConversationFactsStore(db);
  const statements = {
    append: db.prepare(
      'INSERT INTO events (at, conversation_id, type, queue, body) VALUES (@at, @conversationId, @type, @queue, @body)',
    ),
    audience: db.prepare('INSERT OR IGNORE INTO event_audience (seq, user_id) VALUES (?, ?)'),
    latest: db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM events'),
    forAgent: db.prepare<[string, number, number], EventRow>(
      `SELECT e.* FROM event_audience a JOIN events e ON e.seq = a.seq
       WHERE a.user_id = ? AND a.seq > ? ORDER BY a.seq LIMIT ?`,
    ),
    countForAgent: db.prepare<[string, number], { n: number }>(
      'SELECT count(*) AS n FROM event_audience WHERE user_id = ? AND seq > ?',
    ),
  };

  return {
    append(entry: NewEvent): LoggedEvent {
      const { lastInsertRowid } = statements.append.run({
        at: entry.at,
        conversationId: entry.conversationId,
        type: entry.body.type,
        queue: entry.queue,
        body: JSON.stringify(entry.body),
      });
      const seq = Number(lastInsertRowid);
      for (const userId of entry.audience) statements.audience.run(seq, userId);
      facts.fold({ seq, at: entry.at, conversationId: entry.conversationId, queue: entry.queue, body: entry.body });
      const event = { ...entry.body, seq, at: entry.at, conversationId: entry.conversationId } as HubEvent;
      return { event, queue: entry.queue, audience: entry.audience };
    },
    latestSeq(): number {
      return statements.latest.get()?.seq ?? 0;
    },
    /** Events an agent may see after `afterSeq`, oldest first, at most `limit`. */
    forAgent(agentId: string, afterSeq: number, limit: number): HubEvent[] {
      return statements.forAgent.all(agentId, afterSeq, limit).map(toEvent);
    },
    countForAgent(agentId: string, afterSeq: number): number {
      return statements.countForAgent.get(agentId, afterSeq)?.n ?? 0;
    },
    /** Events of the given queues after `afterSeq` (supervisors, wallboards). */
    forQueues(queues: string[], afterSeq: number, limit: number): HubEvent[] {
      if (queues.length === 0) return [];
      const marks = queues.map(() => '?').join(', ');
      const rows = db
        .prepare<unknown[], EventRow>(`SELECT * FROM events WHERE queue IN (${marks}) AND seq > ? ORDER BY seq LIMIT ?`)
        .all(...queues, afterSeq, limit);
      return rows.map(toEvent);
    },
  };
}

export type EventLog = ReturnType<typeof createEventLog>;
