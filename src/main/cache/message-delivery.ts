import type Database from 'better-sqlite3';
import type { Message, MessageDelivery } from '../../shared/conversation';

/** Each outgoing message's delivery state, as the hub's `message:delivery-changed` events tell it. */
export function createMessageDeliveryRepository(db: Database.Database) {
  // Prepared on first use: the conversation repository that holds this one is also built over
  // older schemas (upgrade tests write with it before migrating), where the table is not there yet.
  let statements: ReturnType<typeof prepare> | null = null;
  const prepare = () => ({
    upsert: db.prepare<[string, string, string]>(
      `INSERT INTO message_delivery (conversation_id, message_id, delivery) VALUES (?, ?, ?)
       ON CONFLICT (conversation_id, message_id) DO UPDATE SET delivery = excluded.delivery`,
    ),
    ofConversation: db.prepare<[string], { message_id: string; delivery: string }>(
      'SELECT message_id, delivery FROM message_delivery WHERE conversation_id = ?',
    ),
    exists: db.prepare<[string], number>('SELECT 1 FROM conversations WHERE id = ?').pluck(),
  });
  const use = () => (statements ??= prepare());

  return {
    /** Stores the state; a conversation the cache does not hold is skipped (it arrives whole later). */
    set(conversationId: string, messageId: string, delivery: MessageDelivery): void {
      const { exists, upsert } = use();
      if (exists.get(conversationId) === undefined) return;
      upsert.run(conversationId, messageId, JSON.stringify(delivery));
    },
    /** The messages with the delivery state the cache holds for each. */
    withDelivery(conversationId: string, messages: Message[]): Message[] {
      const rows = use().ofConversation.all(conversationId);
      if (rows.length === 0) return messages;
      const byId = new Map(rows.map((row) => [row.message_id, JSON.parse(row.delivery) as MessageDelivery]));
      return messages.map((message) => {
        const delivery = byId.get(message.id);
        return delivery ? { ...message, delivery } : message;
      });
    },
  };
}
