import type { HubDatabase } from './database';
import { jsonArrayValues, jsonText } from './sql/dialect';
import type { SqlDialect } from './sql/sql';

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
  /** Per agent: the conversations they were assigned, and those with a repeat-ask charged to them. */
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

/** One agent's assignment to one conversation in the period, with what the rate needs of it. */
interface AssignmentRow {
  conversation_id: string;
  agent_id: string | null;
  agent_name: string | null;
  intent: string;
  any_repeat: 0 | 1;
  agent_repeat: 0 | 1;
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

/** Distinct conversations, and those of them with a repeat-ask, for one slice of the period. */
class Tally {
  readonly conversations = new Set<string>();
  readonly withRepeat = new Set<string>();
  add(conversationId: string, hasRepeat: boolean): void {
    this.conversations.add(conversationId);
    if (hasRepeat) this.withRepeat.add(conversationId);
  }
  figures(): RateFigures {
    const conversations = this.conversations.size;
    const withRepeatAsk = this.withRepeat.size;
    return { conversations, withRepeatAsk, rate: conversations > 0 ? withRepeatAsk / conversations : null };
  }
}

const tallyOf = <K>(map: Map<K, Tally>, key: K): Tally => {
  const found = map.get(key);
  if (found) return found;
  const fresh = new Tally();
  map.set(key, fresh);
  return fresh;
};

// Who was assigned what in [from, to), read from the event log so the rate survives restarts and
// counts a conversation once per agent however often it was re-accepted. The intent comes from
// the envelope inside the same event body (it never changes after the handoff), so each body is
// parsed once. Repeat-asks count up to the period's end only, so a closed period's figures never
// change. Queues come as a JSON array so one statement serves any supervisor.
const assignmentsText = (dialect: SqlDialect) => `
  WITH assigned AS (
    SELECT DISTINCT conversation_id,
      ${jsonText(dialect, 'body', ['conversation', 'owner', 'id'])} AS agent_id,
      coalesce(${jsonText(dialect, 'body', ['conversation', 'envelope', 'issue', 'intent'])}, '') AS intent
    FROM events
    WHERE type = 'conversation:assigned' AND at >= @from AND at < @to
      AND queue IN (${jsonArrayValues(dialect, '@queues')})
  )
  SELECT a.conversation_id, a.agent_id, u.name AS agent_name, a.intent,
    CASE WHEN EXISTS (SELECT 1 FROM repeat_asks r WHERE r.conversation_id = a.conversation_id AND r.at < @to) THEN 1 ELSE 0 END AS any_repeat,
    CASE WHEN EXISTS (SELECT 1 FROM repeat_asks r WHERE r.conversation_id = a.conversation_id AND r.at < @to
      AND r.agent_id = a.agent_id) THEN 1 ELSE 0 END AS agent_repeat
  FROM assigned a LEFT JOIN users u ON u.id = a.agent_id`;

const INSERT = `INSERT INTO repeat_asks (conversation_id, message_id, kind, field_key, agent_id, intent, at)
  VALUES (@conversationId, @messageId, @kind, @fieldKey, @agentId, @intent, @at) ON CONFLICT DO NOTHING`;
const FOR_CONVERSATION = 'SELECT * FROM repeat_asks WHERE conversation_id = ? ORDER BY at, message_id, field_key';

export function createRepeatAskRepository(db: HubDatabase) {
  const assignments = assignmentsText(db.dialect);
  return {
    /** Stores one repeat-ask; the same message and field are stored once. */
    async insert(record: RepeatAskRecord): Promise<boolean> {
      return (await db.run(INSERT, { ...record })).changes > 0;
    },
    async forConversation(conversationId: string): Promise<RepeatAskRecord[]> {
      return (await db.all<RepeatAskRow>(FOR_CONVERSATION, [conversationId])).map(toRecord);
    },
    /** The repeat-information rate over [from, to) for conversations of the given queues. */
    async rate(period: { from: string; to: string; queues: string[] }): Promise<RepeatInformationRate> {
      const rows = await db.all<AssignmentRow>(assignments, { from: period.from, to: period.to, queues: JSON.stringify(period.queues) });
      const total = new Tally();
      const agents = new Map<string, Tally>();
      const agentNames = new Map<string, string | null>();
      const intents = new Map<string, Tally>();
      for (const row of rows) {
        total.add(row.conversation_id, row.any_repeat === 1);
        tallyOf(intents, row.intent).add(row.conversation_id, row.any_repeat === 1);
        if (row.agent_id === null) continue;
        tallyOf(agents, row.agent_id).add(row.conversation_id, row.agent_repeat === 1);
        agentNames.set(row.agent_id, row.agent_name);
      }
      const byAgent = [...agents].map(([agentId, tally]) => ({ agentId, agentName: agentNames.get(agentId) ?? null, ...tally.figures() }));
      byAgent.sort((a, b) => (a.agentName ?? '').localeCompare(b.agentName ?? '') || a.agentId.localeCompare(b.agentId));
      const byIntent = [...intents].map(([intent, tally]) => ({ intent, ...tally.figures() }));
      byIntent.sort((a, b) => b.conversations - a.conversations || (a.intent < b.intent ? -1 : a.intent > b.intent ? 1 : 0));
      return { from: period.from, to: period.to, ...total.figures(), byAgent, byIntent };
    },
  };
}

export type RepeatAskRepository = ReturnType<typeof createRepeatAskRepository>;
