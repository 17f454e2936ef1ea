import type { MessageDelivery } from '../../shared/conversation';
import type { HubDatabase } from './database';

const GET = 'SELECT delivery FROM messages WHERE conversation_id = ? AND id = ?';
const SET = 'UPDATE messages SET delivery = ? WHERE conversation_id = ? AND id = ?';

/** Each outgoing message's delivery state, kept on its row so a transcript read shows it. */
export function createMessageDeliveryRepository(db: HubDatabase) {
  return {
    async of(conversationId: string, messageId: string): Promise<MessageDelivery | null> {
      const raw = (await db.get<{ delivery: string | null }>(GET, [conversationId, messageId]))?.delivery;
      return raw ? (JSON.parse(raw) as MessageDelivery) : null;
    },
    async set(conversationId: string, messageId: string, delivery: MessageDelivery): Promise<void> {
      await db.run(SET, [JSON.stringify(delivery), conversationId, messageId]);
    },
  };
}

export type MessageDeliveryRepository = ReturnType<typeof createMessageDeliveryRepository>;
