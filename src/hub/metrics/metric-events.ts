import type { Disposition } from '../../shared/conversation';
import type { ReasonKind } from '../../shared/envelope';

/**
 * The event log, slimmed to what the handoff-quality figures read. The SQL reader maps each logged
 * HubEvent to one of these without parsing the envelopes the big bodies carry; tests and the bench
 * build them directly.
 */
export type MetricEvent = { seq: number; at: string; conversationId: string } & (
  | { type: 'handoff'; queue: string; intent: string; channel: string; reason: ReasonKind; isDirect: boolean }
  | { type: 'offered'; agentId: string }
  | { type: 'offer-ended'; agentId: string | null; outcome: 'declined' | 'expired' | 'withdrawn'; reason: string | null }
  | { type: 'waiting'; reason: string }
  | { type: 'assigned'; agentId: string; agentName: string }
  /**
   * `isWaiting`: the transfer put the customer back in a queue or on an offer, not straight to an
   * agent; `isOffer`: it went to a named agent, who must accept it like any offer.
   */
  | { type: 'transferred'; isWaiting: boolean; isOffer: boolean }
  | { type: 'resolved'; disposition: Disposition | null }
  | { type: 'abandoned' }
  | { type: 'repeat-ask'; agentId: string | null }
  | { type: 'rated'; rating: number }
);

export type MetricEventType = MetricEvent['type'];

/** The source platform that marks a conversation that came to an agent without a bot. */
export const DIRECT_PLATFORM = 'direct';

/** See src/shared/metrics.ts: source platform `direct`, or a planned escalation with no bot turn. */
export function isDirectConversation(platform: string, reason: ReasonKind, botTurns: number): boolean {
  return platform === DIRECT_PLATFORM || (reason === 'planned_escalation' && botTurns === 0);
}
