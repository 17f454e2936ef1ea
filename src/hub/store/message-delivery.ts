import type { MessageDelivery } from '../../shared/conversation';
import type { HubDatabase } from './database';

/** Each outgoing message's delivery state, kept on its row so a transcript read shows it. */
export function createMessageDeliveryRepository(db: HubDatabase) {
  const statements = {
    get: db.prepare<[string, string], string | null>('SELECT delivery FROM messages WHERE conversation_id = ? AND id = ?').pluck(),
    set: db.prepare('UPDATE messages SET delivery = ? WHERE conversation_id = ? AND id = ?'),
  };
  return {
    of(conversationId: string, messageId: string): MessageDelivery | null {
      const raw = statements.get.get(conversationId, messageId);
      return raw ? (JSON.parse(raw) as MessageDelivery) : null;
    },
    set(conversationId: string, messageId: string, delivery: MessageDelivery): void {
      statements.set.run(JSON.stringify(delivery), conversationId, messageId);
    },
  };
}

export type MessageDeliveryRepository = ReturnType<typeof createMessageDeliveryRepository>;
