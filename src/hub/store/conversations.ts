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

export function createConversationRepository(db: HubDatabase) {
  const flags = createFlagRepository(db);
  const statements = {
    insert: db.prepare(
      `INSERT INTO conversations (id, integration_id, envelope_id, state, queue, owner, offer, offered_agent_id,
         assigned_agent_id, created_at, updated_at, envelope, priority, skills, language, previous_conversation_id)
       VALUES (@id, @integrationId, @envelopeId, @state, @queue, @owner, NULL, NULL, NULL, @at, @at, @envelope,
         @priority, @skills, @language, @previousConversationId)`,
    ),
    moveToQueue: db.prepare('UPDATE conversations SET queue = ? WHERE id = ?'),
    setTransfer: db.prepare('UPDATE conversations SET transfer = ? WHERE id = ?'),
    setDisposition: db.prepare('UPDATE conversations SET disposition = ? WHERE id = ?'),
    setRating: db.prepare('UPDATE conversations SET rating = ? WHERE id = ? AND rating IS NULL'),
    setParticipants: db.prepare('UPDATE conversations SET participants = ? WHERE id = ?'),
    // The log is where the resolve note lives: read for resolved conversations only, by events_conversation.
    resolveNote: db.prepare<[string], { note: string | null }>(
      `SELECT json_extract(body, '$.note') AS note FROM events
       WHERE conversation_id = ? AND type = 'conversation:resolved' ORDER BY seq DESC LIMIT 1`,
    ),
    waiting: db.prepare<[string], { id: string; priority: number; created_at: string; skills: string; language: string | null }>(
      `SELECT id, priority, created_at, skills, language FROM conversations WHERE queue = ? AND state = 'queued'
       ORDER BY created_at, id`,
    ),
    byId: db.prepare<[string], ConversationRow>('SELECT * FROM conversations WHERE id = ?'),
    byEnvelope: db.prepare<[string, string], ConversationRow>(
      'SELECT * FROM conversations WHERE integration_id = ? AND envelope_id = ?',
    ),
    update: db.prepare(
      `UPDATE conversations SET state = @state, owner = @owner, offer = @offer, offered_agent_id = @offeredAgentId,
         assigned_agent_id = @assignedAgentId, updated_at = @at WHERE id = @id`,
    ),
    openOffers: db.prepare<[], ConversationRow>(`SELECT * FROM conversations WHERE state IN ('offered', 'transferred')`),
    activeForAgent: db.prepare<[string, string], ConversationRow>(
      `SELECT * FROM conversations WHERE (assigned_agent_id = ? AND state = 'assigned') OR offered_agent_id = ?
       ORDER BY created_at`,
    ),
    activeInQueue: db.prepare<[string], ConversationRow>(
      `SELECT * FROM conversations WHERE queue = ? AND state NOT IN (${CLOSED_STATES.map((state) => `'${state}'`).join(', ')})
       ORDER BY created_at`,
    ),
    positionInQueue: db.prepare<[string, string, string, string], { position: number }>(
      `SELECT count(*) AS position FROM conversations
       WHERE queue = ? AND state IN ('queued', 'offered') AND (created_at < ? OR (created_at = ? AND id <= ?))`,
    ),
    // Read on each dispatch from the store, so every writer (and every replica) counts the same;
    // each half walks a partial index of open chats only.
    loads: db.prepare<[], { agent: string; active: number }>(
      `SELECT agent, count(*) AS active FROM (
         SELECT assigned_agent_id AS agent FROM conversations INDEXED BY conversations_assigned_load WHERE state = 'assigned'
         UNION ALL
         SELECT offered_agent_id FROM conversations INDEXED BY conversations_offered_load WHERE offered_agent_id IS NOT NULL
       ) WHERE agent IS NOT NULL GROUP BY agent`,
    ),
    messages: db.prepare<[string], MessageRow>(
      'SELECT * FROM messages WHERE conversation_id = ? ORDER BY at, rowid',
    ),
    recentCustomerMessages: db.prepare<[string, number], MessageRow>(
      `SELECT * FROM messages WHERE conversation_id = ? AND author = 'customer' ORDER BY at DESC, rowid DESC LIMIT ?`,
    ),
    setSentiment: db.prepare("UPDATE conversations SET envelope = json_set(envelope, '$.sentiment', json(?)) WHERE id = ?"),
    setCustomer: db.prepare("UPDATE conversations SET envelope = json_set(envelope, '$.customer', json(?)) WHERE id = ?"),
    insertMessage: db.prepare(
      `INSERT INTO messages (conversation_id, id, at, author, author_name, text, client_message_id, visibility, attachments)
       VALUES (@conversationId, @id, @at, @author, @authorName, @text, @clientMessageId, @visibility, @attachments)`,
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
        priority: conversation.priority,
        skills: JSON.stringify(conversation.skills),
        language: conversation.language,
        previousConversationId: conversation.previousConversationId,
      });
    },
    /** A transfer to another queue: its supervisors see it from now on. */
    moveToQueue(id: string, queue: string): void {
      statements.moveToQueue.run(queue, id);
    },
    setTransfer(id: string, transfer: TransferNote): void {
      statements.setTransfer.run(JSON.stringify(transfer), id);
    },
    setDisposition(id: string, disposition: Disposition): void {
      statements.setDisposition.run(disposition, id);
    },
    /** False when a rating was already stored: the first one stands. */
    setRating(id: string, rating: number): boolean {
      return statements.setRating.run(rating, id).changes === 1;
    },
    /** Supervisors who barged in and now take part in the chat. */
    setParticipants(id: string, participants: { id: string; name: string }[]): void {
      statements.setParticipants.run(JSON.stringify(participants), id);
    },
    /** What routing reads of a queue's waiting conversations, oldest first. */
    waiting(queue: string): WaitingConversation[] {
      return statements.waiting.all(queue).map((row) => ({
        id: row.id,
        priority: row.priority,
        createdAt: row.created_at,
        skills: JSON.parse(row.skills) as string[],
        language: row.language,
      }));
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
    activeForAgent(agentId: string): ConversationRecord[] {
      return statements.activeForAgent.all(agentId, agentId).map(toRecord);
    },
    activeInQueue(queue: string): ConversationRecord[] {
      return statements.activeInQueue.all(queue).map(toRecord);
    },
    /** Offers plus assigned chats per agent: what capacity is measured against. */
    loads: (): Map<string, number> => new Map(statements.loads.all().map((row) => [row.agent, row.active])),
    positionInQueue(record: ConversationRecord): number {
      return statements.positionInQueue.get(record.queue, record.createdAt, record.createdAt, record.id)?.position ?? 0;
    },
    messages(conversationId: string): Message[] {
      return statements.messages.all(conversationId).map(toMessage);
    },
    /** The customer's latest messages, newest first. */
    recentCustomerMessages(conversationId: string, limit: number): Message[] {
      return statements.recentCustomerMessages.all(conversationId, limit).map(toMessage);
    },
    setSentiment(id: string, sentiment: Sentiment): void {
      statements.setSentiment.run(JSON.stringify(sentiment), id);
    },
    setCustomer(id: string, customer: HandoffEnvelope['customer']): void {
      statements.setCustomer.run(JSON.stringify(customer), id);
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
        visibility: message.visibility ?? null,
        attachments: message.attachments?.length ? JSON.stringify(message.attachments) : null,
      });
    },
    messageByClientId(conversationId: string, clientMessageId: string): Message | null {
      const row = statements.messageByClientId.get(conversationId, clientMessageId);
      return row ? toMessage(row) : null;
    },
    view(record: ConversationRecord): ConversationView {
      // Every field by name: a record carries store-only fields (integrationId) a view must not.
      const { id, state, queue, owner, offer, createdAt, updatedAt, envelope, priority, skills, language } = record;
      const { previousConversationId, transfer, disposition, rating, participants } = record;
      return { id, state, queue, owner, offer, createdAt, updatedAt, envelope, messages: this.messages(id), priority, skills, language,
        previousConversationId, transfer, flags: flags.ofConversation(id), disposition, rating, participants,
        ...(state === 'resolved' ? { resolveNote: statements.resolveNote.get(id)?.note ?? null } : {}) };
    },
  };
}

export type ConversationRepository = ReturnType<typeof createConversationRepository>;
