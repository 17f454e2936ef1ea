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
 * Folds events (in log order) into one ConversationFacts per handed-off conversation. Events of a
 * conversation whose handoff is not among them (handed off before the period) are ignored. Each
 * offer ends once and each conversation resolves once, so an older event form logged beside a
 * newer one for the same change is not counted twice.
 */
export function foldConversations(events: Iterable<MetricEvent>): Map<string, ConversationFacts> {
  const all = new Map<string, ConversationFacts>();
  const openOffers = new Map<string, number>();
  for (const event of events) {
    if (event.type === 'handoff') {
      if (!all.has(event.conversationId)) all.set(event.conversationId, startFacts(event));
      continue;
    }
    const facts = all.get(event.conversationId);
    if (!facts) continue;
    const ms = Date.parse(event.at);
    switch (event.type) {
      case 'offered':
        facts.offers.made += 1;
        openOffers.set(facts.id, (openOffers.get(facts.id) ?? 0) + 1);
        break;
      case 'offer-ended': {
        const open = openOffers.get(facts.id) ?? 0;
        if (open === 0) break;
        openOffers.set(facts.id, open - 1);
        facts.offers[event.outcome] += 1;
        break;
      }
      case 'waiting':
        facts.lastWaitingReason = event.reason;
        break;
      case 'assigned':
        openOffers.set(facts.id, 0);
        endWait(facts, ms);
        facts.firstAssignedMs ??= ms;
        facts.assignments += 1;
        if (!facts.agents.some((agent) => agent.id === event.agentId)) facts.agents.push({ id: event.agentId, name: event.agentName });
        break;
      case 'transferred':
        facts.transfers += 1;
        if (event.isOffer) {
          facts.offers.made += 1;
          openOffers.set(facts.id, (openOffers.get(facts.id) ?? 0) + 1);
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
  }
  return all;
}
