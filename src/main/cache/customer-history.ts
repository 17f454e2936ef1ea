import type Database from 'better-sqlite3';
import type { ConversationState, Disposition, Owner } from '../../shared/conversation';
import { emailKey, phoneKey, type CustomerMatch, type EarlierConversation } from '../../shared/earlier-conversations';

interface Row {
  id: string;
  state: ConversationState;
  queue: string;
  created_at: string;
  updated_at: string;
  issue_title: string;
  customer_name: string;
  owner: string;
  disposition: Disposition | null;
  rating: number | null;
  platform: string | null;
  matched_by: CustomerMatch;
}

/** Digits only, as phoneKey keeps them; SQLite has no regex, so the usual separators are stripped. */
const PHONE_DIGITS = `replace(replace(replace(replace(replace(replace(trim(json_extract(c.envelope, '$.customer.phone')), ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')`;

/**
 * A returning customer's earlier conversations as this computer cached them, for when the hub is
 * out of reach: the hub's matching rule (customer id from the same bot, email, phone), over what
 * the user saw. The cache holds one user's conversations, so it reads them without an index.
 */
export function createCachedCustomerHistory(db: Database.Database) {
  const current = db.prepare<[string], { customer_id: string | null; email: string | null; phone: string | null; platform: string | null; bot: string | null }>(`
    SELECT customer_id, json_extract(envelope, '$.customer.email') AS email, json_extract(envelope, '$.customer.phone') AS phone,
           json_extract(envelope, '$.source.platform') AS platform, json_extract(envelope, '$.source.bot') AS bot
    FROM conversations WHERE id = ?
  `);
  const earlier = db.prepare<[{ id: string; key: string | null; platform: string | null; bot: string | null; email: string | null; phone: string | null }], Row>(`
    SELECT c.id, c.state, c.queue, c.created_at, c.updated_at, c.issue_title, c.customer_name, c.owner, c.disposition,
           json_extract(c.lifecycle, '$.rating') AS rating,
           json_extract(c.envelope, '$.source.platform') AS platform,
           CASE WHEN c.customer_id = @key AND json_extract(c.envelope, '$.source.platform') IS @platform
                     AND json_extract(c.envelope, '$.source.bot') IS @bot THEN 'customer-id'
                WHEN lower(trim(json_extract(c.envelope, '$.customer.email'))) = @email THEN 'email' ELSE 'phone' END AS matched_by
    FROM conversations c
    WHERE c.id != @id AND (
      (c.customer_id = @key AND json_extract(c.envelope, '$.source.platform') IS @platform AND json_extract(c.envelope, '$.source.bot') IS @bot)
      OR lower(trim(json_extract(c.envelope, '$.customer.email'))) = @email
      OR ${PHONE_DIGITS} = @phone)
    ORDER BY c.created_at DESC, c.rowid DESC
    LIMIT 20
  `);

  return {
    /** Null when the conversation itself is not cached. */
    of(id: string): EarlierConversation[] | null {
      const found = current.get(id);
      if (!found) return null;
      const email = emailKey(found.email);
      const phone = phoneKey(found.phone);
      const key = found.customer_id === '' ? null : found.customer_id;
      if (key === null && email === null && phone === null) return [];
      return earlier.all({ id, key, platform: found.platform, bot: found.bot, email, phone }).map(toEarlier);
    },
  };
}

function toEarlier(row: Row): EarlierConversation {
  const owner = JSON.parse(row.owner) as Owner;
  return {
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    state: row.state,
    queue: row.queue,
    issueTitle: row.issue_title,
    customerName: row.customer_name,
    platform: row.platform ?? 'generic',
    disposition: row.disposition,
    rating: row.rating,
    handledBy: owner.kind === 'agent' || owner.kind === 'supervisor' ? owner.name : null,
    matchedBy: row.matched_by,
  };
}
