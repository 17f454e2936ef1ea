import type { ConversationView, Offer, Owner, TransferNote, User } from '../../shared/conversation';
import { LIFECYCLE_EVENTS, type HubEvent } from '../../shared/protocol';
import type { LoggedEvent } from '../store/events';

/**
 * What a wall screen may know of a conversation, field by field (an allowlist: a field added to
 * the view later stays off the wall until it is named here). Nothing comes from what the customer
 * or their platform sent: the envelope's id is built by adapters from the platform's sender id
 * (a phone number on WhatsApp), so it goes blank; the hub's own id, queue, state, times, the
 * owner's kind and the reason's kind stay.
 */
export function redactForWallboard(conversation: ConversationView): ConversationView {
  const reason = conversation.envelope.reason?.kind;
  return {
    id: conversation.id,
    state: conversation.state,
    queue: conversation.queue,
    owner: wallboardOwner(conversation.owner),
    offer: conversation.offer ? wallboardOffer(conversation.offer) : null,
    createdAt: conversation.createdAt,
    updatedAt: conversation.updatedAt,
    envelope: { v: 1, id: '', customer: { name: '' }, transcript: [], ...(reason ? { reason: { kind: reason } } : {}) },
    messages: [],
  };
}

const wallboardOwner = (owner: Owner): Owner => ({ kind: owner.kind, id: owner.id, name: '', since: owner.since, why: '' });
const wallboardOffer = (offer: Offer): Offer => ({ agentId: offer.agentId, offeredAt: offer.offeredAt, expiresAt: offer.expiresAt });
const wallboardTransfer = (transfer: TransferNote): TransferNote => ({
  from: { id: transfer.from.id, name: '' },
  to: { kind: transfer.to.kind, id: transfer.to.id, name: '' } as TransferNote['to'],
  note: '',
  at: transfer.at,
});

/**
 * The wallboard's copy of an event, or null when a wallboard does not see that kind at all. A wall
 * screen sits where customers' words must not: it gets the lifecycle events of its queues, each
 * rebuilt from named fields (the conversation cut to counts and kinds), and nothing else (no
 * messages, flags or ratings).
 */
export function wallboardEvent(event: HubEvent): HubEvent | null {
  if (!LIFECYCLE_EVENTS.has(event.type)) return null;
  const { seq, at, conversationId } = event;
  switch (event.type) {
    case 'conversation:queued':
    case 'conversation:assigned':
      return { type: event.type, seq, at, conversationId, conversation: redactForWallboard(event.conversation) };
    case 'conversation:offered':
      return { type: event.type, seq, at, conversationId, conversation: redactForWallboard(event.conversation), offer: wallboardOffer(event.offer) };
    case 'conversation:transferred':
      return { type: event.type, seq, at, conversationId, conversation: redactForWallboard(event.conversation), transfer: wallboardTransfer(event.transfer) };
    case 'conversation:state-changed':
      return { type: event.type, seq, at, conversationId, state: event.state, owner: wallboardOwner(event.owner), offer: event.offer ? wallboardOffer(event.offer) : null };
    case 'conversation:abandoned':
      return { type: event.type, seq, at, conversationId, owner: wallboardOwner(event.owner), waitedMs: event.waitedMs };
    case 'conversation:resolved':
      return { type: event.type, seq, at, conversationId, owner: wallboardOwner(event.owner), disposition: event.disposition, by: { id: event.by.id, name: '' } };
    default:
      return null;
  }
}

/** Serialised wallboard copies of a published batch, for wallboard users of the given queues. */
export function wallboardFrames(user: User, logged: readonly LoggedEvent[]): string[] {
  const frames: string[] = [];
  for (const entry of logged) {
    if (!user.queues.includes(entry.queue)) continue;
    const event = wallboardEvent(entry.event);
    if (event) frames.push(JSON.stringify(event));
  }
  return frames;
}

/** Missed events for a resuming wallboard, or null when it is too far behind and must resync. */
export async function replayForWallboard(
  events: { forQueues(queues: string[], afterSeq: number, limit: number): Promise<HubEvent[]> },
  user: User,
  afterSeq: number,
  limit: number,
): Promise<HubEvent[] | null> {
  const missed = await events.forQueues(user.queues, afterSeq, limit + 1);
  if (missed.length > limit) return null;
  return missed.map(wallboardEvent).filter((event): event is HubEvent => event !== null);
}
