import type { ConversationState, Disposition, Message, MessageDelivery, Offer, Owner, TransferNote } from '../../shared/conversation';
import type { Attachment, HandoffEnvelope } from '../../shared/envelope';
import type { ConversationRecord } from './conversations';

/** The conversations and messages tables' rows as the store returns them, and their records. */
export interface ConversationRow {
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
  priority: number;
  skills: string;
  language: string | null;
  previous_conversation_id: string | null;
  disposition: Disposition | null;
  rating: number | null;
  transfer: string | null;
  participants: string;
}

export interface MessageRow {
  conversation_id: string;
  id: string;
  at: string;
  author: Message['author'];
  author_name: string | null;
  text: string;
  client_message_id: string | null;
  visibility: 'everyone' | 'staff' | null;
  delivery: string | null;
  attachments: string | null;
}

/**
 * The envelope is most of a row (~5-7 KB of JSON) and most reads never look at it: routing checks
 * a state, a transition copies the record, the dispatcher re-reads a conversation it just wrote.
 * It is parsed on first access and kept; spreading a record (`{ ...record }`) reads it, so copies
 * carry the parsed value like any other field.
 */
function lazyEnvelope(record: Omit<ConversationRecord, 'envelope'>, text: string): ConversationRecord {
  let parsed: HandoffEnvelope | null = null;
  return Object.defineProperty(record, 'envelope', {
    enumerable: true,
    configurable: true,
    get: () => (parsed ??= JSON.parse(text) as HandoffEnvelope),
    set: (value: HandoffEnvelope) => {
      parsed = value;
    },
  }) as ConversationRecord;
}

export const toRecord = (row: ConversationRow): ConversationRecord =>
  lazyEnvelope(
    {
      id: row.id,
      integrationId: row.integration_id,
      state: row.state,
      queue: row.queue,
      owner: JSON.parse(row.owner) as Owner,
      offer: row.offer ? (JSON.parse(row.offer) as Offer) : null,
      assignedAgentId: row.assigned_agent_id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      priority: row.priority,
      skills: JSON.parse(row.skills) as string[],
      language: row.language,
      previousConversationId: row.previous_conversation_id,
      disposition: row.disposition,
      rating: row.rating,
      transfer: row.transfer ? (JSON.parse(row.transfer) as TransferNote) : null,
      participants: JSON.parse(row.participants) as { id: string; name: string }[],
    },
    row.envelope,
  );

export const toMessage = (row: MessageRow): Message => ({
  id: row.id,
  conversationId: row.conversation_id,
  at: row.at,
  author: row.author,
  text: row.text,
  ...(row.author_name ? { authorName: row.author_name } : {}),
  ...(row.client_message_id ? { clientMessageId: row.client_message_id } : {}),
  ...(row.visibility ? { visibility: row.visibility } : {}),
  ...(row.delivery ? { delivery: JSON.parse(row.delivery) as MessageDelivery } : {}),
  ...(row.attachments ? { attachments: JSON.parse(row.attachments) as Attachment[] } : {}),
});
