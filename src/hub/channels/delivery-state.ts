import type { DeliveryState, MessageDelivery } from '../../shared/conversation';
import type { ConversationKernel } from '../services/conversation-kernel';
import type { LoggedEvent } from '../store/events';
import type { MessageDeliveryRepository } from '../store/message-delivery';

/**
 * Each outgoing message's delivery state: stored on the message and logged as
 * `message:delivery-changed` in the same transaction as the outbox change it follows, so the agent
 * sees it live and after any restart or resume. A repeat of the same state is neither stored nor logged.
 */
export function createDeliveryStates(kernel: ConversationKernel, messages: MessageDeliveryRepository) {
  const { conversations } = kernel.deps;
  return {
    /** One write whose logged events are published after commit; `set` runs inside it. */
    transact: kernel.transact,
    async set(conversationId: string, messageId: string, next: { state: DeliveryState; channel: string; error?: string }, logged: LoggedEvent[]): Promise<void> {
      const current = await messages.of(conversationId, messageId);
      if (current && current.state === next.state && current.error === next.error) return;
      // A late "sent" (a re-derived item) never takes back "delivered" or "failed".
      if (current && next.state === 'sent') return;
      const record = await conversations.get(conversationId);
      if (!record) return;
      const at = kernel.now();
      const delivery: MessageDelivery = { state: next.state, at, channel: next.channel, ...(next.error ? { error: next.error } : {}) };
      await messages.set(conversationId, messageId, delivery);
      logged.push(await kernel.log(record, { type: 'message:delivery-changed', messageId, delivery }, kernel.audienceOf(record), at));
    },
  };
}

export type DeliveryStates = ReturnType<typeof createDeliveryStates>;
