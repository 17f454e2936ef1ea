import type { ConversationView } from '../../shared/conversation';
import { LIFECYCLE_EVENTS, type HubEvent } from '../../shared/protocol';

/**
 * The offers of a batch that are still open at its end, read from the events themselves: what
 * the cache will hold for them once the batch is stored, known before it is. An offer withdrawn,
 * taken or moved later in the same batch is left out; of two offers of one conversation, the later.
 */
export function openOffersAtEnd(events: readonly HubEvent[]): ConversationView[] {
  const last = new Map<string, HubEvent>();
  for (const event of events) if (LIFECYCLE_EVENTS.has(event.type)) last.set(event.conversationId, event);
  const offers: ConversationView[] = [];
  for (const event of last.values()) if (event.type === 'conversation:offered') offers.push(event.conversation);
  return offers;
}
