import type { HubDatabase } from './database';

export type RepeatAskKind = 'agent_asked' | 'customer_restated';

export interface RepeatAskRecord {
  conversationId: string;
  messageId: string;
  kind: RepeatAskKind;
  fieldKey: string;
  /** The agent who asked, or who held the chat when the customer restated; null while queued. */
  agentId: string | null;
  /** The bot's intent from the envelope, '' when it gave none. */
  intent: string;
  at: string;
}

export interface RateFigures {
  /** Conversations assigned to an agent at least once in the period. */
  conversations: number;
  /** Of those, how many had at least one repeat-ask (either kind) before the period's end. */
  withRepeatAsk: number;
  /** withRepeatAsk / conversations; null when there were no conversations. */
  rate: number | null;
}

export interface RepeatInformationRate extends RateFigures {
  from: string;
  to: string;
  byAgent: (RateFigures & { agentId: string; agentName: string | null })[];
  byIntent: (RateFigures & { intent: string })[];
}

interface RepeatAskRow {
  conversation_id: string;
  message_id: string;
  kind: RepeatAskKind;
  field_key: string;
  agent_id: string | null;
  intent: string;
  at: string;
}

interface CountRow {
  conversations: number;
  with_repeat: number | null;
}

const toRecord = (row: RepeatAskRow): RepeatAskRecord => ({
  conversationId: row.conversation_id,
  messageId: row.message_id,
  kind: row.kind,
  fieldKey: row.field_key,
  agentId: row.agent_id,
  intent: row.intent,
  at: row.at,
});

const figures = (row: CountRow | undefined): RateFigures => {
  const conversations = row?.conversations ?? 0;
  const withRepeatAsk = row?.with_repeat ?? 0;
  return { conversations, withRepeatAsk, rate: conversations > 0 ? withRepeatAsk / conversations : null };
};

// Who was assigned what in [from, to), read from the event log so the rate survives restarts and
// counts a conversation once per agent however often it was re-accepted. Queues come as a JSON
// array so one prepared statement serves any supervisor.
const ASSIGNED = `
  WITH assigned AS (
    SELECT DISTINCT conversation_id, json_extract(body, '$.conversation.owner.id') AS agent_id
    FROM events
    WHERE type = 'conversation:assigned' AND at >= @from AND at < @to
      AND queue IN (SELECT value FROM json_each(@queues))
  ), cohort AS (SELECT DISTINCT conversation_id FROM assigned)`;

// Repeat-asks before the period's end only, so the figures of a closed period never change.
const hasRepeat = (andAlso = '') =>
  `EXISTS (SELECT 1 FROM repeat_asks r WHERE r.conversation_id = c.conversation_id AND r.at < @to ${andAlso})`;

export function createRepeatAskRepository(db: HubDatabase) {
  const statements = {
    insert: db.prepare(
      `INSERT OR IGNORE INTO repeat_asks (conversation_id, message_id, kind, field_key, agent_id, intent, at)
       VALUES (@conversationId, @messageId, @kind, @fieldKey, @agentId, @intent, @at)`,
    ),
    forConversation: db.prepare<[string], RepeatAskRow>('SELECT * FROM repeat_asks WHERE conversation_id = ? ORDER BY at, rowid'),
    total: db.prepare<Record<string, string>, CountRow>(
      `${ASSIGNED} SELECT count(*) AS conversations, sum(${hasRepeat()}) AS with_repeat FROM cohort c`,
    ),
    byAgent: db.prepare<Record<string, string>, CountRow & { agent_id: string; agent_name: string | null }>(
      `${ASSIGNED} SELECT c.agent_id, u.name AS agent_name, count(*) AS conversations,
         sum(${hasRepeat('AND r.agent_id = c.agent_id')}) AS with_repeat
       FROM assigned c LEFT JOIN users u ON u.id = c.agent_id
       WHERE c.agent_id IS NOT NULL GROUP BY c.agent_id ORDER BY u.name, c.agent_id`,
    ),
    byIntent: db.prepare<Record<string, string>, CountRow & { intent: string }>(
      `${ASSIGNED} SELECT coalesce(json_extract(v.envelope, '$.issue.intent'), '') AS intent, count(*) AS conversations,
         sum(${hasRepeat()}) AS with_repeat
       FROM cohort c JOIN conversations v ON v.id = c.conversation_id
       GROUP BY 1 ORDER BY conversations DESC, intent`,
    ),
  };

  return {
    /** Stores one repeat-ask; the same message and field are stored once. */
    insert(record: RepeatAskRecord): boolean {
      return statements.insert.run(record).changes > 0;
    },
    forConversation(conversationId: string): RepeatAskRecord[] {
      return statements.forConversation.all(conversationId).map(toRecord);
    },
    /** The repeat-information rate over [from, to) for conversations of the given queues. */
    rate(period: { from: string; to: string; queues: string[] }): RepeatInformationRate {
      const params = { from: period.from, to: period.to, queues: JSON.stringify(period.queues) };
      return {
        from: period.from,
        to: period.to,
        ...figures(statements.total.get(params)),
        byAgent: statements.byAgent.all(params).map((row) => ({ agentId: row.agent_id, agentName: row.agent_name, ...figures(row) })),
        byIntent: statements.byIntent.all(params).map((row) => ({ intent: row.intent, ...figures(row) })),
      };
    },
  };
}

export type RepeatAskRepository = ReturnType<typeof createRepeatAskRepository>;
