import type { ConversationView } from '../../shared/conversation';
import type { HubEvent, HubEventType } from '../../shared/protocol';

/**
 * The events that set a cached conversation's state and offer (sync.ts stores each one whole), so
 * the last of them in a batch is what the cache holds once the batch is stored.
 */
const SETS_STATE = new Set<HubEventType>([
  'conversation:queued',
  'conversation:offered',
  'conversation:assigned',
  'conversation:transferred',
  'conversation:state-changed',
  'conversation:resolved',
  'conversation:abandoned',
]);

/**
 * The offers of a batch that are still open at its end, read from the events themselves: what
 * the cache will hold for them once the batch is stored, known before it is. An offer withdrawn,
 * taken or moved later in the same batch is left out; of two offers of one conversation, the later.
 */
export function openOffersAtEnd(events: readonly HubEvent[]): ConversationView[] {
  const last = new Map<string, HubEvent>();
  for (const event of events) if (SETS_STATE.has(event.type)) last.set(event.conversationId, event);
  const offers: ConversationView[] = [];
  for (const event of last.values()) if (event.type === 'conversation:offered') offers.push(event.conversation);
  return offers;
}
