import type { ConversationView, User } from '../../shared/conversation';
import { LIFECYCLE_EVENTS, type HubEvent } from '../../shared/protocol';
import type { LoggedEvent } from '../store/events';

export function redactForWallboard(conversation: ConversationView): ConversationView {
  return {
    id: conversation.id,
    state: conversation.state,
    queue: conversation.queue,
    owner: { kind: conversation.owner.kind, id: conversation.owner.id, name: '', since: conversation.owner.since, why: '' },
    offer: conversation.offer,
    createdAt: conversation.createdAt,
    updatedAt: conversation.updatedAt,
    envelope: {
      v: 1,
      id: conversation.envelope.id,
      customer: { name: '' },
      transcript: [],
      ...(conversation.envelope.reason ? { reason: { kind: conversation.envelope.reason.kind } } : {}),
    },
    messages: [],
  };
}

/**
 * The wallboard's copy of an event, or null when a wallboard does not see that kind at all. A wall
 * screen sits where customers' words must not: it gets the lifecycle events of its queues with the
 * conversation cut to counts and kinds (no customer, no transcript, no messages), and nothing else
 * (no messages, flags or ratings).
 */
export function wallboardEvent(event: HubEvent): HubEvent | null {
  if (!LIFECYCLE_EVENTS.has(event.type)) return null;
  switch (event.type) {
    case 'conversation:queued':
    case 'conversation:assigned':
      return { ...event, conversation: redactForWallboard(event.conversation) };
    case 'conversation:offered':
      return { ...event, conversation: redactForWallboard(event.conversation) };
    case 'conversation:transferred':
      return {
        ...event,
        conversation: redactForWallboard(event.conversation),
        transfer: { ...event.transfer, note: '' },
      };
    case 'conversation:state-changed':
    case 'conversation:abandoned':
      return { ...event, owner: { ...event.owner, name: '', why: '' } };
    case 'conversation:resolved':
      return { ...event, owner: { ...event.owner, name: '', why: '' }, by: { id: event.by.id, name: '' } };
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
export function replayForWallboard(
  events: { forQueues(queues: string[], afterSeq: number, limit: number): HubEvent[] },
  user: User,
  afterSeq: number,
  limit: number,
): HubEvent[] | null {
  const missed = events.forQueues(user.queues, afterSeq, limit + 1);
  if (missed.length > limit) return null;
  return missed.map(wallboardEvent).filter((event): event is HubEvent => event !== null);
}
