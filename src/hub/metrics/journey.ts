import type { ConversationView } from '../../shared/conversation';
import type { Journey, JourneyEntry } from '../../shared/metrics';
import type { HubEvent } from '../../shared/protocol';
import type { HubDatabase } from '../store/database';
import { isDirectConversation } from './metric-events';

interface EventRow {
  seq: number;
  at: string;
  conversation_id: string;
  body: string;
}

const JOURNEY_EVENTS = 'SELECT seq, at, conversation_id, body FROM events WHERE conversation_id = ? ORDER BY seq';

/** Every logged event of one conversation, oldest first. */
export function createJourneyEventReader(db: HubDatabase) {
  return async (conversationId: string): Promise<HubEvent[]> =>
    (await db.all<EventRow>(JOURNEY_EVENTS, [conversationId])).map((row) => ({ ...(JSON.parse(row.body) as object), seq: row.seq, at: row.at, conversationId: row.conversation_id }) as HubEvent);
}

type Names = (agentId: string) => string | null;

/** One logged event as timeline entries: none for what a supervisor would not call a moment. */
function entriesOf(event: HubEvent, view: ConversationView, names: Names): JourneyEntry[] {
  const at = event.at;
  switch (event.type) {
    case 'conversation:queued': {
      const reason = view.envelope.reason;
      return [{ at, part: 'human', kind: 'handoff', reason: reason?.kind ?? 'unknown', detail: reason?.detail ?? null, queue: event.conversation.queue }];
    }
    case 'routing:waiting':
      return [{ at, part: 'human', kind: 'waiting', reason: event.reason }];
    case 'conversation:offered':
      return [{ at, part: 'human', kind: 'offered', agentId: event.offer.agentId, agentName: names(event.offer.agentId) }];
    case 'offer:ended':
      return [{ at, part: 'human', kind: 'offer-ended', agentId: event.agentId, agentName: names(event.agentId), outcome: event.outcome, reason: event.reason }];
    case 'conversation:assigned':
      return [{ at, part: 'human', kind: 'joined', agentId: event.conversation.owner.id, agentName: event.conversation.owner.name }];
    case 'conversation:transferred':
      return [{ at, part: 'human', kind: 'transferred', from: event.transfer.from.name, to: event.transfer.to.name, note: event.transfer.note }];
    case 'step-in:started':
      return [{ at, part: 'human', kind: 'step-in', mode: event.mode, supervisorName: event.supervisor.name }];
    case 'repeat-ask:recorded':
      return [{ at, part: 'human', kind: 'repeat-ask', askKind: event.kind, fieldKey: event.fieldKey, agentId: event.agentId }];
    case 'conversation:resolved':
      return [{ at, part: 'human', kind: 'resolved', disposition: event.disposition, byName: event.by.name }];
    case 'conversation:abandoned':
      return [{ at, part: 'human', kind: 'abandoned', waitedMs: event.waitedMs }];
    case 'rating:recorded':
      return [{ at, part: 'human', kind: 'rated', rating: event.rating }];
    case 'message:added': {
      const message = event.message;
      const isStaffOnly = message.visibility === 'staff';
      return [{ at, part: 'human', kind: 'turn', author: message.author, authorName: message.authorName ?? null, text: message.text, isStaffOnly }];
    }
    case 'conversation:state-changed':
      // Logs written before `conversation:resolved` existed record a resolution only this way.
      return event.state === 'resolved' ? [{ at, part: 'human', kind: 'resolved', disposition: null, byName: null }] : [];
    default:
      return [];
  }
}

const span = (from: string | undefined, to: string | undefined): number | null =>
  from === undefined || to === undefined ? null : Date.parse(to) - Date.parse(from);

/**
 * The bot part (the envelope's transcript) and the human part (the event log) of one conversation
 * on one timeline, with how long each part and the wait between them took.
 */
export function buildJourney(view: ConversationView, events: HubEvent[], names: Names): Journey {
  const envelope = view.envelope;
  const botEntries: JourneyEntry[] = envelope.transcript.map((turn) => ({
    at: turn.at,
    part: 'bot',
    kind: 'turn',
    author: turn.author,
    authorName: null,
    text: turn.text,
    isStaffOnly: false,
  }));
  const humanEntries = events.flatMap((event) => entriesOf(event, view, names));
  const handedOffAt = events.find((event) => event.type === 'conversation:queued')?.at ?? view.createdAt;
  const joinedAt = humanEntries.find((entry) => entry.kind === 'joined')?.at;
  const endedAt = humanEntries.find((entry) => entry.kind === 'resolved' || entry.kind === 'abandoned')?.at ?? events.at(-1)?.at;
  const botTurns = envelope.transcript.filter((turn) => turn.author === 'bot').length;
  const reason = envelope.reason?.kind ?? 'unknown';
  return {
    conversationId: view.id,
    customerName: envelope.customer.name,
    issueTitle: envelope.issue?.title ?? '',
    intent: envelope.issue?.intent ?? '',
    queue: view.queue,
    channel: envelope.routing?.channel ?? '',
    isDirect: isDirectConversation(envelope.source?.platform ?? '', reason, botTurns),
    botMs: span(envelope.transcript[0]?.at, handedOffAt),
    handedOffAt,
    waitMs: span(handedOffAt, joinedAt ?? humanEntries.find((entry) => entry.kind === 'abandoned')?.at),
    humanMs: joinedAt === undefined ? null : span(joinedAt, endedAt),
    // Stable: bot turns first when times tie, then the log's own order.
    entries: [...botEntries, ...humanEntries].map((entry, index) => ({ entry, index })).sort((a, b) => Date.parse(a.entry.at) - Date.parse(b.entry.at) || a.index - b.index).map(({ entry }) => entry),
  };
}
