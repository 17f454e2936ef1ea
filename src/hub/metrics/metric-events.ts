import type { Disposition } from '../../shared/conversation';
import { REASON_KINDS, type ReasonKind } from '../../shared/envelope';
import type { HubEventBody, HubEventType } from '../../shared/protocol';

/**
 * The event log, slimmed to what the handoff-quality figures read: the kernel folds each one into
 * its conversation's facts as it is logged, and a reader that folds from the log maps its rows the
 * same way (metricEventOf).
 */
export type MetricEvent = { seq: number; at: string; conversationId: string; queue: string } & (
  | { type: 'handoff'; intent: string; channel: string; reason: ReasonKind; isDirect: boolean }
  | { type: 'offered'; agentId: string }
  | { type: 'offer-ended'; agentId: string; outcome: 'declined' | 'expired' | 'withdrawn'; reason: string | null }
  | { type: 'waiting'; reason: string }
  | { type: 'assigned'; agentId: string; agentName: string }
  /**
   * `isWaiting`: the transfer put the customer back in a queue or on an offer, not straight to an
   * agent; `isOffer`: it went to a named agent, who must accept it like any offer.
   */
  | { type: 'transferred'; isWaiting: boolean; isOffer: boolean }
  | { type: 'resolved'; disposition: Disposition }
  | { type: 'abandoned' }
  | { type: 'repeat-ask'; agentId: string | null }
  | { type: 'rated'; rating: number }
);

export type MetricEventType = MetricEvent['type'];

/** The logged event types the figures read; every other event leaves the facts as they are. */
export const METRIC_EVENT_TYPES: readonly HubEventType[] = [
  'conversation:queued', 'conversation:offered', 'offer:ended', 'routing:waiting', 'conversation:assigned', 'conversation:transferred',
  'conversation:resolved', 'conversation:abandoned', 'repeat-ask:recorded', 'rating:recorded',
];

/** The source platform that marks a conversation that came to an agent without a bot. */
export const DIRECT_PLATFORM = 'direct';

/** See src/shared/metrics.ts: source platform `direct`, or a planned escalation with no bot turn. */
export function isDirectConversation(platform: string, reason: ReasonKind, botTurns: number): boolean {
  return platform === DIRECT_PLATFORM || (reason === 'planned_escalation' && botTurns === 0);
}

// Bodies come from the log as the hub wrote them; a body written by an older hub may lack a part.
const asText = (value: unknown): string => (typeof value === 'string' ? value : '');
const asReason = (value: unknown): ReasonKind =>
  typeof value === 'string' && (REASON_KINDS as readonly string[]).includes(value) ? (value as ReasonKind) : 'unknown';

/** One logged event as the figures read it, or null when it is not one they read. */
export function metricEventOf(logged: { seq: number; at: string; conversationId: string; queue: string; body: HubEventBody }): MetricEvent | null {
  const { body } = logged;
  const base = { seq: logged.seq, at: logged.at, conversationId: logged.conversationId, queue: logged.queue };
  switch (body.type) {
    case 'conversation:queued': {
      const { source, issue, routing, reason, transcript } = body.conversation.envelope;
      const kind = asReason(reason?.kind);
      // Bot turns matter only to tell a direct planned escalation from a bot's.
      const botTurns = kind === 'planned_escalation' ? (transcript ?? []).filter((turn) => turn.author === 'bot').length : -1;
      return { ...base, type: 'handoff', intent: asText(issue?.intent), channel: asText(routing?.channel), reason: kind, isDirect: isDirectConversation(asText(source?.platform), kind, botTurns) };
    }
    case 'conversation:offered':
      return { ...base, type: 'offered', agentId: body.offer.agentId };
    case 'offer:ended':
      return { ...base, type: 'offer-ended', agentId: body.agentId, outcome: body.outcome, reason: body.reason };
    case 'routing:waiting':
      return { ...base, type: 'waiting', reason: asText(body.reason) };
    case 'conversation:assigned':
      return { ...base, type: 'assigned', agentId: asText(body.conversation.owner.id), agentName: asText(body.conversation.owner.name) };
    case 'conversation:transferred':
      return { ...base, type: 'transferred', isWaiting: body.conversation.state !== 'assigned', isOffer: body.conversation.state === 'transferred' };
    case 'conversation:resolved':
      return { ...base, type: 'resolved', disposition: body.disposition };
    case 'conversation:abandoned':
      return { ...base, type: 'abandoned' };
    case 'repeat-ask:recorded':
      return { ...base, type: 'repeat-ask', agentId: body.agentId };
    case 'rating:recorded':
      return { ...base, type: 'rated', rating: body.rating };
    default:
      return null;
  }
}
