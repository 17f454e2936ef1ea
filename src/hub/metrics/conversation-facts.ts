import type { Disposition } from '../../shared/conversation';
import type { ReasonKind } from '../../shared/envelope';
import type { MetricEvent } from './metric-events';

/** Everything the figures need to know about one handed-off conversation, folded from its events. */
export interface ConversationFacts {
  id: string;
  queue: string;
  intent: string;
  channel: string;
  reason: ReasonKind;
  isDirect: boolean;
  handedOffAt: string;
  handedOffMs: number;
  /** Agents who accepted it, in order, with the name they had then. */
  agents: { id: string; name: string }[];
  firstAssignedMs: number | null;
  /** Accepted offers (a transferred conversation is accepted again). */
  assignments: number;
  offers: { made: number; declined: number; expired: number; withdrawn: number };
  /** Finished waits only (ended by an agent joining or the customer leaving). */
  waitMs: number;
  hasFinishedWait: boolean;
  isWaiting: boolean;
  /** When the current wait began, while the customer waits. */
  waitingSinceMs: number | null;
  lastWaitingReason: string | null;
  transfers: number;
  transfersBeforeResolution: number | null;
  resolvedMs: number | null;
  disposition: Disposition | null;
  abandonedMs: number | null;
  repeatAsks: number;
  /** Agents a repeat-ask is charged to (who asked, or who held the chat when the customer restated). */
  repeatAgents: Set<string>;
  /** The latest rating: a customer may change their mind. */
  rating: number | null;
}

/**
 * A conversation's facts as the kernel keeps them between events: the facts, the offers still
 * open, and the span of times and queues they were folded from (a reader that sees only part of
 * that span must fold the log instead: src/hub/metrics/facts-reader.ts).
 */
export interface FoldedConversation {
  facts: ConversationFacts;
  openOffers: number;
  minAt: string;
  maxAt: string;
  /** An event of it was logged in a queue other than the one it was handed off to. */
  isInOtherQueue: boolean;
  /** Handoffs logged after the first: only counted, so a reader knows to fold it from the log. */
  extraHandoffs: number;
}

const startFacts = (event: Extract<MetricEvent, { type: 'handoff' }>): ConversationFacts => {
  const ms = Date.parse(event.at);
  return {
    id: event.conversationId,
    queue: event.queue,
    intent: event.intent,
    channel: event.channel,
    reason: event.reason,
    isDirect: event.isDirect,
    handedOffAt: event.at,
    handedOffMs: ms,
    agents: [],
    firstAssignedMs: null,
    assignments: 0,
    offers: { made: 0, declined: 0, expired: 0, withdrawn: 0 },
    waitMs: 0,
    hasFinishedWait: false,
    isWaiting: true,
    waitingSinceMs: ms,
    lastWaitingReason: null,
    transfers: 0,
    transfersBeforeResolution: null,
    resolvedMs: null,
    disposition: null,
    abandonedMs: null,
    repeatAsks: 0,
    repeatAgents: new Set(),
    rating: null,
  };
};

function endWait(facts: ConversationFacts, ms: number): void {
  if (facts.waitingSinceMs === null) return;
  facts.waitMs += ms - facts.waitingSinceMs;
  facts.hasFinishedWait = true;
  facts.waitingSinceMs = null;
  facts.isWaiting = false;
}

/**
 * Folds one event into its conversation, in log order: the one definition of the figures, applied
 * by the kernel as each event is logged and by readers that fold from the log. The handoff starts
 * a conversation (null before it: its other events are ignored). Each offer ends once and each
 * conversation resolves and is abandoned once. Changes `folded` in place and returns it.
 */
export function foldEvent(folded: FoldedConversation | null, event: MetricEvent): FoldedConversation | null {
  if (!folded) {
    if (event.type !== 'handoff') return null;
    return { facts: startFacts(event), openOffers: 0, minAt: event.at, maxAt: event.at, isInOtherQueue: false, extraHandoffs: 0 };
  }
  const { facts } = folded;
  if (event.at < folded.minAt) folded.minAt = event.at;
  if (event.at > folded.maxAt) folded.maxAt = event.at;
  if (event.queue !== facts.queue) folded.isInOtherQueue = true;
  const ms = Date.parse(event.at);
  switch (event.type) {
    case 'handoff':
      folded.extraHandoffs += 1;
      break;
    case 'offered':
      facts.offers.made += 1;
      folded.openOffers += 1;
      break;
    case 'offer-ended':
      if (folded.openOffers === 0) break;
      folded.openOffers -= 1;
      facts.offers[event.outcome] += 1;
      break;
    case 'waiting':
      facts.lastWaitingReason = event.reason;
      break;
    case 'assigned':
      folded.openOffers = 0;
      endWait(facts, ms);
      facts.firstAssignedMs ??= ms;
      facts.assignments += 1;
      if (!facts.agents.some((agent) => agent.id === event.agentId)) facts.agents.push({ id: event.agentId, name: event.agentName });
      break;
    case 'transferred':
      facts.transfers += 1;
      if (event.isOffer) {
        facts.offers.made += 1;
        folded.openOffers += 1;
      }
      if (event.isWaiting && facts.resolvedMs === null) {
        facts.isWaiting = true;
        facts.waitingSinceMs = ms;
      }
      break;
    case 'resolved':
      if (facts.resolvedMs !== null) break;
      facts.resolvedMs = ms;
      facts.disposition = event.disposition;
      facts.transfersBeforeResolution = facts.transfers;
      break;
    case 'abandoned':
      if (facts.abandonedMs !== null) break;
      facts.abandonedMs = ms;
      endWait(facts, ms);
      break;
    case 'repeat-ask':
      facts.repeatAsks += 1;
      if (event.agentId) facts.repeatAgents.add(event.agentId);
      break;
    case 'rated':
      facts.rating = event.rating;
      break;
  }
  return folded;
}

/**
 * Folds events (in log order) from scratch into one ConversationFacts per handed-off conversation.
 * Events of a conversation whose handoff is not among them (handed off before the period) are ignored.
 */
export function foldConversations(events: Iterable<MetricEvent>): Map<string, ConversationFacts> {
  const folded = new Map<string, FoldedConversation>();
  for (const event of events) {
    const next = foldEvent(folded.get(event.conversationId) ?? null, event);
    if (next) folded.set(event.conversationId, next);
  }
  return new Map([...folded].map(([id, each]) => [id, each.facts]));
}
