import type { ConversationState, Disposition, Owner } from '../../shared/conversation';
import { emailKey, phoneKey, type CustomerMatch, type EarlierConversation } from '../../shared/earlier-conversations';
import type { HandoffEnvelope } from '../../shared/envelope';
import type { HubDatabase } from './database';
import { jsonText } from './sql/dialect';
import type { SqlDialect } from './sql/sql';

interface Row {
  id: string;
  queue: string;
  state: ConversationState;
  created_at: string;
  updated_at: string;
  assigned_agent_id: string | null;
  owner: string;
  disposition: Disposition | null;
  rating: number | null;
  issue_title: string | null;
  customer_name: string | null;
  platform: string | null;
  matched_by: CustomerMatch;
}

/** The facts the access rule needs of each earlier conversation, besides what the agent is shown. */
export interface EarlierRecord extends EarlierConversation {
  assignedAgentId: string | null;
}

/** At most this many earlier conversations are read per lookup: a customer's recent history, not an archive. */
const LOOKUP_LIMIT = 50;

// Ties in created_at (the same millisecond) fall back to id: deterministic on both stores.
const earlierText = (dialect: SqlDialect) => `
  SELECT id, queue, state, created_at, updated_at, assigned_agent_id, owner, disposition, rating,
         ${jsonText(dialect, 'envelope', ['issue', 'title'])} AS issue_title,
         ${jsonText(dialect, 'envelope', ['customer', 'name'])} AS customer_name,
         ${jsonText(dialect, 'envelope', ['source', 'platform'])} AS platform,
         CASE WHEN integration_id = @integration AND customer_key = @key THEN 'customer-id'
              WHEN customer_email = @email THEN 'email' ELSE 'phone' END AS matched_by
  FROM conversations
  WHERE id != @id
    AND ((integration_id = @integration AND customer_key = @key) OR customer_email = @email OR customer_phone = @phone)
  ORDER BY created_at DESC, id DESC
  LIMIT @limit
`;

/**
 * Earlier conversations of the customer of a conversation, newest first, by the indexed customer
 * columns of migration 017 (each OR term reads its own index).
 */
export type CustomerHistory = ReturnType<typeof createCustomerHistory>;

export function createCustomerHistory(db: HubDatabase) {
  const earlier = earlierText(db.dialect);
  return {
    async of(conversation: { id: string; integrationId: string; envelope: HandoffEnvelope }): Promise<EarlierRecord[]> {
      const { customer } = conversation.envelope;
      const key = customer.id === undefined || customer.id === '' ? null : String(customer.id);
      const email = emailKey(customer.email);
      const phone = phoneKey(customer.phone);
      if (key === null && email === null && phone === null) return [];
      const rows = await db.all<Row>(earlier, { id: conversation.id, integration: conversation.integrationId, key, email, phone, limit: LOOKUP_LIMIT });
      return rows.map(toRecord);
    },
  };
}

function toRecord(row: Row): EarlierRecord {
  const owner = JSON.parse(row.owner) as Owner;
  return {
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    state: row.state,
    queue: row.queue,
    issueTitle: row.issue_title ?? '',
    customerName: row.customer_name ?? '',
    platform: row.platform ?? 'generic',
    disposition: row.disposition,
    rating: row.rating,
    handledBy: owner.kind === 'agent' || owner.kind === 'supervisor' ? owner.name : null,
    matchedBy: row.matched_by,
    assignedAgentId: row.assigned_agent_id,
  };
}
