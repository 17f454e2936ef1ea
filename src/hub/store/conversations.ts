import type { ConversationState, ConversationView, Message, Offer, Owner } from '../../shared/conversation';
import type { HandoffEnvelope } from '../../shared/envelope';
import type { HubDatabase } from './database';

interface ConversationRow {
  id: string;
  integration_id: string;
  envelope_id: string;
  state: ConversationState;
  queue: string;
  owner: string;
  offer: string | null;
  offered_agent_id: string | null;
  assigned_agent_id: string | null;
  created_at: string;
  updated_at: string;
  envelope: string;
}

interface MessageRow {
  conversation_id: string;
  id: string;
  at: string;
  author: Message['author'];
  author_name: string | null;
  text: string;
  client_message_id: string | null;
}

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
}

export interface NewConversation {
  id: string;
  integrationId: string;
  state: ConversationState;
  queue: string;
  owner: Owner;
  at: string;
  envelope: HandoffEnvelope;
}

export interface ConversationChange {
  state: ConversationState;
  owner: Owner;
  offer: Offer | null;
  assignedAgentId: string | null;
  at: string;
}

const toRecord = (row: ConversationRow): ConversationRecord => ({
  id: row.id,
  integrationId: row.integration_id,
  state: row.state,
  queue: row.queue,
  owner: JSON.parse(row.owner) as Owner,
  offer: row.offer ? (JSON.parse(row.offer) as Offer) : null,
  assignedAgentId: row.assigned_agent_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  envelope: JSON.parse(row.envelope) as HandoffEnvelope,
});

const toMessage = (row: MessageRow): Message => ({
  id: row.id,
  conversationId: row.conversation_id,
  at: row.at,
  author: row.author,
  text: row.text,
  ...(row.author_name ? { authorName: row.author_name } : {}),
  ...(row.client_message_id ? { clientMessageId: row.client_message_id } : {}),
});

export function createConversationRepository(db: HubDatabase) {
  const statements = {
    insert: db.prepare(
      `INSERT INTO conversations (id, integration_id, envelope_id, state, queue, owner, offer, offered_agent_id,
         assigned_agent_id, created_at, updated_at, envelope)
       VALUES (@id, @integrationId, @envelopeId, @state, @queue, @owner, NULL, NULL, NULL, @at, @at, @envelope)`,
    ),
    byId: db.prepare<[string], ConversationRow>('SELECT * FROM conversations WHERE id = ?'),
    byEnvelope: db.prepare<[string, string], ConversationRow>(
      'SELECT * FROM conversations WHERE integration_id = ? AND envelope_id = ?',
    ),
    update: db.prepare(
      `UPDATE conversations SET state = @state, owner = @owner, offer = @offer, offered_agent_id = @offeredAgentId,
         assigned_agent_id = @assignedAgentId, updated_at = @at WHERE id = @id`,
    ),
    openOffers: db.prepare<[], ConversationRow>(`SELECT * FROM conversations WHERE state = 'offered'`),
    waitingIds: db.prepare<[string], string>(
      `SELECT id FROM conversations WHERE queue = ? AND state = 'queued' ORDER BY created_at, id`,
    ).pluck(),
    activeForAgent: db.prepare<[string, string], ConversationRow>(
      `SELECT * FROM conversations WHERE (assigned_agent_id = ? AND state = 'assigned') OR offered_agent_id = ?
       ORDER BY created_at`,
    ),
    activeInQueue: db.prepare<[string], ConversationRow>(
      `SELECT * FROM conversations WHERE queue = ? AND state NOT IN ('resolved', 'abandoned', 'returned_to_bot')
       ORDER BY created_at`,
    ),
    loads: db.prepare<[], { agent: string; active: number }>(
      `SELECT agent, count(*) AS active FROM (
         SELECT assigned_agent_id AS agent FROM conversations INDEXED BY conversations_assigned_load WHERE state = 'assigned'
         UNION ALL
         SELECT offered_agent_id FROM conversations INDEXED BY conversations_offered_load WHERE offered_agent_id IS NOT NULL
       ) WHERE agent IS NOT NULL GROUP BY agent`,
    ),
    positionInQueue: db.prepare<[string, string, string, string], { position: number }>(
      `SELECT count(*) AS position FROM conversations
       WHERE queue = ? AND state IN ('queued', 'offered') AND (created_at < ? OR (created_at = ? AND id <= ?))`,
    ),
    messages: db.prepare<[string], MessageRow>(
      'SELECT * FROM messages WHERE conversation_id = ? ORDER BY at, rowid',
    ),
    insertMessage: db.prepare(
      `INSERT INTO messages (conversation_id, id, at, author, author_name, text, client_message_id)
       VALUES (@conversationId, @id, @at, @author, @authorName, @text, @clientMessageId)`,
    ),
    messageByClientId: db.prepare<[string, string], MessageRow>(
      'SELECT * FROM messages WHERE conversation_id = ? AND client_message_id = ?',
    ),
  };

  return {
    insert(conversation: NewConversation): void {
      statements.insert.run({
        id: conversation.id,
        integrationId: conversation.integrationId,
        envelopeId: conversation.envelope.id,
        state: conversation.state,
        queue: conversation.queue,
        owner: JSON.stringify(conversation.owner),
        at: conversation.at,
        envelope: JSON.stringify(conversation.envelope),
      });
    },
    get(id: string): ConversationRecord | null {
      const row = statements.byId.get(id);
      return row ? toRecord(row) : null;
    },
    findByEnvelope(integrationId: string, envelopeId: string): ConversationRecord | null {
      const row = statements.byEnvelope.get(integrationId, envelopeId);
      return row ? toRecord(row) : null;
    },
    update(id: string, change: ConversationChange): void {
      statements.update.run({
        id,
        state: change.state,
        owner: JSON.stringify(change.owner),
        offer: change.offer ? JSON.stringify(change.offer) : null,
        offeredAgentId: change.offer?.agentId ?? null,
        assignedAgentId: change.assignedAgentId,
        at: change.at,
      });
    },
    openOffers(): ConversationRecord[] {
      return statements.openOffers.all().map(toRecord);
    },
    /** Ids only: the queue can be long and most of it is not offered this time. */
    waitingIds(queue: string): string[] {
      return statements.waitingIds.all(queue);
    },
    activeForAgent(agentId: string): ConversationRecord[] {
      return statements.activeForAgent.all(agentId, agentId).map(toRecord);
    },
    activeInQueue(queue: string): ConversationRecord[] {
      return statements.activeInQueue.all(queue).map(toRecord);
    },
    /** Offers plus assigned chats per agent: what capacity is measured against. */
    loads(): Map<string, number> {
      return new Map(statements.loads.all().map((row) => [row.agent, row.active]));
    },
    positionInQueue(record: ConversationRecord): number {
      return statements.positionInQueue.get(record.queue, record.createdAt, record.createdAt, record.id)?.position ?? 0;
    },
    messages(conversationId: string): Message[] {
      return statements.messages.all(conversationId).map(toMessage);
    },
    insertMessage(message: Message): void {
      statements.insertMessage.run({
        conversationId: message.conversationId,
        id: message.id,
        at: message.at,
        author: message.author,
        authorName: message.authorName ?? null,
        text: message.text,
        clientMessageId: message.clientMessageId ?? null,
      });
    },
    messageByClientId(conversationId: string, clientMessageId: string): Message | null {
      const row = statements.messageByClientId.get(conversationId, clientMessageId);
      return row ? toMessage(row) : null;
    },
    view(record: ConversationRecord): ConversationView {
      return {
        id: record.id,
        state: record.state,
        queue: record.queue,
        owner: record.owner,
        offer: record.offer,
        createdAt: record.createdAt,
        updatedAt: record.updatedAt,
        envelope: record.envelope,
        messages: this.messages(record.id),
      };
    },
  };
}

export type ConversationRepository = ReturnType<typeof createConversationRepository>;
