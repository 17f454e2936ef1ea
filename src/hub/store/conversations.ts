import {
  CLOSED_STATES,
  type ConversationState,
  type ConversationView,
  type Disposition,
  type Message,
  type Offer,
  type Owner,
  type TransferNote,
} from '../../shared/conversation';
import type { HandoffEnvelope, Sentiment } from '../../shared/envelope';
import type { HubDatabase } from './database';
import { columnsOf } from './sql/columns';
import { jsonText } from './sql/dialect';
import type { SqlDialect } from './sql/sql';
import { createFlagRepository } from './flags';
import { toMessage, toRecord, type ConversationRow, type MessageRow } from './conversation-rows';

export interface ConversationRecord {
  id: string;
  integrationId: string;
  state: ConversationState;
  queue: string;
  owner: Owner;
  offer: Offer | null;
  assignedAgentId: string | null;
  createdAt: string;
  updatedAt: string;
  envelope: HandoffEnvelope;
  /** What routing needs: 1 (low) to 5 (urgent), skills beyond the queue's, a language or none. */
  priority: number;
  skills: string[];
  language: string | null;
  previousConversationId: string | null;
  disposition: Disposition | null;
  rating: number | null;
  transfer: TransferNote | null;
  participants: { id: string; name: string }[];
}

export interface NewConversation {
  id: string;
  integrationId: string;
  state: ConversationState;
  queue: string;
  owner: Owner;
  at: string;
  envelope: HandoffEnvelope;
  priority: number;
  skills: string[];
  language: string | null;
  previousConversationId: string | null;
}

/** A waiting conversation as routing orders and matches it, without its envelope. */
export interface WaitingConversation {
  id: string;
  priority: number;
  createdAt: string;
  skills: string[];
  language: string | null;
}

export interface ConversationChange {
  state: ConversationState;
  owner: Owner;
  offer: Offer | null;
  assignedAgentId: string | null;
  at: string;
}

const INSERT = `INSERT INTO conversations (id, integration_id, envelope_id, state, queue, owner, offer, offered_agent_id,
    assigned_agent_id, created_at, updated_at, envelope, priority, skills, language, previous_conversation_id)
  VALUES (@id, @integrationId, @envelopeId, @state, @queue, @owner, NULL, NULL, NULL, @at, @at, @envelope,
    @priority, @skills, @language, @previousConversationId)`;
const MOVE_TO_QUEUE = 'UPDATE conversations SET queue = ? WHERE id = ?';
const SET_TRANSFER = 'UPDATE conversations SET transfer = ? WHERE id = ?';
const SET_DISPOSITION = 'UPDATE conversations SET disposition = ? WHERE id = ?';
const SET_RATING = 'UPDATE conversations SET rating = ? WHERE id = ? AND rating IS NULL';
const SET_PARTICIPANTS = 'UPDATE conversations SET participants = ? WHERE id = ?';
// The log is where the resolve note lives: read for resolved conversations only, by events_conversation.
const resolveNoteText = (dialect: SqlDialect) => `SELECT ${jsonText(dialect, 'body', ['note'])} AS note FROM events
  WHERE conversation_id = ? AND type = 'conversation:resolved' ORDER BY seq DESC LIMIT 1`;
const WAITING = `SELECT id, priority, created_at, skills, language FROM conversations WHERE queue = ? AND state = 'queued'
  ORDER BY created_at, id`;
const CONVERSATION = columnsOf<ConversationRow>()(['id', 'integration_id', 'envelope_id', 'state', 'queue', 'owner', 'offer', 'offered_agent_id', 'assigned_agent_id', 'created_at',
  'updated_at', 'envelope', 'priority', 'skills', 'language', 'previous_conversation_id', 'disposition', 'rating', 'transfer', 'participants']);
const MESSAGE = columnsOf<MessageRow>()(['conversation_id', 'id', 'at', 'author', 'author_name', 'text', 'client_message_id', 'visibility', 'delivery', 'attachments']);
const BY_ID = `SELECT ${CONVERSATION} FROM conversations WHERE id = ?`;
const BY_ENVELOPE = `SELECT ${CONVERSATION} FROM conversations WHERE integration_id = ? AND envelope_id = ?`;
const UPDATE = `UPDATE conversations SET state = @state, owner = @owner, offer = @offer, offered_agent_id = @offeredAgentId,
  assigned_agent_id = @assignedAgentId, updated_at = @at WHERE id = @id`;
const OPEN_OFFERS = `SELECT ${CONVERSATION} FROM conversations WHERE state IN ('offered', 'transferred')`;
const ACTIVE_FOR_AGENT = `SELECT ${CONVERSATION} FROM conversations WHERE (assigned_agent_id = ? AND state = 'assigned') OR offered_agent_id = ?
  ORDER BY created_at`;
const ACTIVE_IN_QUEUE = `SELECT ${CONVERSATION} FROM conversations WHERE queue = ? AND state NOT IN (${CLOSED_STATES.map((state) => `'${state}'`).join(', ')})
  ORDER BY created_at`;
const POSITION_IN_QUEUE = `SELECT count(*) AS position FROM conversations
  WHERE queue = ? AND state IN ('queued', 'offered') AND (created_at < ? OR (created_at = ? AND id <= ?))`;
// Read on each dispatch from the store, so every writer (and every replica) counts the same;
// each half walks a partial index of open chats only.
const loadsText = (dialect: SqlDialect) => {
  // Pins SQLite to each half's partial index, so the count reads open chats only, however many closed ones the hub keeps.
  const hint = (index: string) => (dialect === 'sqlite' ? ` INDEXED BY ${index}` : '');
  return `SELECT agent, count(*) AS active FROM (
    SELECT assigned_agent_id AS agent FROM conversations${hint('conversations_assigned_load')} WHERE state = 'assigned'
    UNION ALL
    SELECT offered_agent_id AS agent FROM conversations${hint('conversations_offered_load')} WHERE offered_agent_id IS NOT NULL
  ) AS open_chats WHERE agent IS NOT NULL GROUP BY agent`;
};
const MESSAGES = `SELECT ${MESSAGE} FROM messages WHERE conversation_id = ? ORDER BY at, position`;
const RECENT_CUSTOMER_MESSAGES = `SELECT ${MESSAGE} FROM messages WHERE conversation_id = ? AND author = 'customer'
  ORDER BY at DESC, position DESC LIMIT ?`;
const SET_ENVELOPE_FIELD_SQLITE = "UPDATE conversations SET envelope = json_set(envelope, '$.' || ?, json(?)) WHERE id = ?";
const ENVELOPE = 'SELECT envelope FROM conversations WHERE id = ?';
const SET_ENVELOPE = 'UPDATE conversations SET envelope = ? WHERE id = ?';
// position: the transcript's write order (see migration 018), taken under the store's single writer.
const INSERT_MESSAGE = `INSERT INTO messages (conversation_id, id, at, author, author_name, text, client_message_id, visibility, attachments, position)
  SELECT @conversationId, @id, @at, @author, @authorName, @text, @clientMessageId, @visibility, @attachments, coalesce(max(position), 0) + 1
  FROM messages`;
const MESSAGE_BY_CLIENT_ID = `SELECT ${MESSAGE} FROM messages WHERE conversation_id = ? AND client_message_id = ?`;

export function createConversationRepository(db: HubDatabase) {
  const flags = createFlagRepository(db);
  const resolveNote = resolveNoteText(db.dialect);
  const loads = loadsText(db.dialect);
  /**
   * Sets one top-level field of the stored envelope. PostgreSQL's jsonb_set would need the whole
   * envelope as jsonb, which refuses a \u0000 anywhere in it (a hostile turn), so there the
   * envelope is rewritten from TypeScript inside one write.
   */
  const setEnvelopeField = async (id: string, field: 'sentiment' | 'customer', value: unknown): Promise<void> => {
    if (db.dialect === 'sqlite') {
      await db.run(SET_ENVELOPE_FIELD_SQLITE, [field, JSON.stringify(value), id]);
      return;
    }
    await db.write(async () => {
      const row = await db.get<{ envelope: string }>(ENVELOPE, [id]);
      if (row) await db.run(SET_ENVELOPE, [JSON.stringify({ ...(JSON.parse(row.envelope) as object), [field]: value }), id]);
    });
  };
  const messages = async (conversationId: string): Promise<Message[]> => (await db.all<MessageRow>(MESSAGES, [conversationId])).map(toMessage);
  const record = (row: ConversationRow | undefined): ConversationRecord | null => (row ? toRecord(row) : null);

  return {
    async insert(conversation: NewConversation): Promise<void> {
      await db.run(INSERT, {
        id: conversation.id,
        integrationId: conversation.integrationId,
        envelopeId: conversation.envelope.id,
        state: conversation.state,
        queue: conversation.queue,
        owner: JSON.stringify(conversation.owner),
        at: conversation.at,
        envelope: JSON.stringify(conversation.envelope),
        priority: conversation.priority,
        skills: JSON.stringify(conversation.skills),
        language: conversation.language,
        previousConversationId: conversation.previousConversationId,
      });
    },
    /** A transfer to another queue: its supervisors see it from now on. */
    async moveToQueue(id: string, queue: string): Promise<void> {
      await db.run(MOVE_TO_QUEUE, [queue, id]);
    },
    async setTransfer(id: string, transfer: TransferNote): Promise<void> {
      await db.run(SET_TRANSFER, [JSON.stringify(transfer), id]);
    },
    async setDisposition(id: string, disposition: Disposition): Promise<void> {
      await db.run(SET_DISPOSITION, [disposition, id]);
    },
    /** False when a rating was already stored: the first one stands. */
    async setRating(id: string, rating: number): Promise<boolean> {
      return (await db.run(SET_RATING, [rating, id])).changes === 1;
    },
    /** Supervisors who barged in and now take part in the chat. */
    async setParticipants(id: string, participants: { id: string; name: string }[]): Promise<void> {
      await db.run(SET_PARTICIPANTS, [JSON.stringify(participants), id]);
    },
    /** What routing reads of a queue's waiting conversations, oldest first. */
    async waiting(queue: string): Promise<WaitingConversation[]> {
      const rows = await db.all<{ id: string; priority: number; created_at: string; skills: string; language: string | null }>(WAITING, [queue]);
      return rows.map((row) => ({
        id: row.id,
        priority: row.priority,
        createdAt: row.created_at,
        skills: JSON.parse(row.skills) as string[],
        language: row.language,
      }));
    },
    async get(id: string): Promise<ConversationRecord | null> {
      return record(await db.get<ConversationRow>(BY_ID, [id]));
    },
    async findByEnvelope(integrationId: string, envelopeId: string): Promise<ConversationRecord | null> {
      return record(await db.get<ConversationRow>(BY_ENVELOPE, [integrationId, envelopeId]));
    },
    async update(id: string, change: ConversationChange): Promise<void> {
      await db.run(UPDATE, {
        id,
        state: change.state,
        owner: JSON.stringify(change.owner),
        offer: change.offer ? JSON.stringify(change.offer) : null,
        offeredAgentId: change.offer?.agentId ?? null,
        assignedAgentId: change.assignedAgentId,
        at: change.at,
      });
    },
    async openOffers(): Promise<ConversationRecord[]> {
      return (await db.all<ConversationRow>(OPEN_OFFERS)).map(toRecord);
    },
    async activeForAgent(agentId: string): Promise<ConversationRecord[]> {
      return (await db.all<ConversationRow>(ACTIVE_FOR_AGENT, [agentId, agentId])).map(toRecord);
    },
    async activeInQueue(queue: string): Promise<ConversationRecord[]> {
      return (await db.all<ConversationRow>(ACTIVE_IN_QUEUE, [queue])).map(toRecord);
    },
    /** Offers plus assigned chats per agent: what capacity is measured against. */
    loads: async (): Promise<Map<string, number>> =>
      new Map((await db.all<{ agent: string; active: number }>(loads)).map((row) => [row.agent, row.active])),
    async positionInQueue(conversation: ConversationRecord): Promise<number> {
      const { queue, createdAt, id } = conversation;
      return (await db.get<{ position: number }>(POSITION_IN_QUEUE, [queue, createdAt, createdAt, id]))?.position ?? 0;
    },
    messages,
    /** The customer's latest messages, newest first. */
    async recentCustomerMessages(conversationId: string, limit: number): Promise<Message[]> {
      return (await db.all<MessageRow>(RECENT_CUSTOMER_MESSAGES, [conversationId, limit])).map(toMessage);
    },
    async setSentiment(id: string, sentiment: Sentiment): Promise<void> {
      await setEnvelopeField(id, 'sentiment', sentiment);
    },
    async setCustomer(id: string, customer: HandoffEnvelope['customer']): Promise<void> {
      await setEnvelopeField(id, 'customer', customer);
    },
    async insertMessage(message: Message): Promise<void> {
      const params = {
        conversationId: message.conversationId,
        id: message.id,
        at: message.at,
        author: message.author,
        authorName: message.authorName ?? null,
        text: message.text,
        clientMessageId: message.clientMessageId ?? null,
        visibility: message.visibility ?? null,
        attachments: message.attachments?.length ? JSON.stringify(message.attachments) : null,
      };
      await db.write(() => db.run(INSERT_MESSAGE, params));
    },
    async messageByClientId(conversationId: string, clientMessageId: string): Promise<Message | null> {
      const row = await db.get<MessageRow>(MESSAGE_BY_CLIENT_ID, [conversationId, clientMessageId]);
      return row ? toMessage(row) : null;
    },
    async view(conversation: ConversationRecord): Promise<ConversationView> {
      // Every field by name: a record carries store-only fields (integrationId) a view must not.
      const { id, state, queue, owner, offer, createdAt, updatedAt, envelope, priority, skills, language } = conversation;
      const { previousConversationId, transfer, disposition, rating, participants } = conversation;
      const note = state === 'resolved' ? { resolveNote: (await db.get<{ note: string | null }>(resolveNote, [id]))?.note ?? null } : {};
      return { id, state, queue, owner, offer, createdAt, updatedAt, envelope, messages: await messages(id), priority, skills, language,
        previousConversationId, transfer, flags: await flags.ofConversation(id), disposition, rating, participants, ...note };
    },
  };
}

export type ConversationRepository = ReturnType<typeof createConversationRepository>;
