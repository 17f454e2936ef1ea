import type { DrillDownRow, DrillFigure } from '../../shared/metrics';
import type { ConversationFacts } from './conversation-facts';
import { isAbandonedBeforeAgent } from './groups';

/** Which conversations stand behind each figure of the report (the same tests the report counts by). */
const BEHIND: Record<DrillFigure, (facts: ConversationFacts) => boolean> = {
  handoffs: (facts) => !facts.isDirect,
  direct: (facts) => facts.isDirect,
  accepted: (facts) => facts.firstAssignedMs !== null,
  abandoned_before_agent: isAbandonedBeforeAgent,
  offers_declined: (facts) => facts.offers.declined > 0,
  offers_expired: (facts) => facts.offers.expired > 0,
  transferred: (facts) => facts.transfers > 0,
  resolved: (facts) => facts.resolvedMs !== null,
  unresolved: (facts) => facts.resolvedMs === null,
  repeat_asked: (facts) => facts.firstAssignedMs !== null && facts.repeatAsks > 0,
  rated: (facts) => facts.rating !== null,
  failed: (facts) => facts.firstAssignedMs === null,
  customer_requested: (facts) => !facts.isDirect && facts.reason === 'customer_requested',
  bot_failure: (facts) => !facts.isDirect && facts.reason === 'bot_failure',
  planned_escalation: (facts) => !facts.isDirect && facts.reason === 'planned_escalation',
  unknown: (facts) => !facts.isDirect && facts.reason === 'unknown',
};

const stateOf = (facts: ConversationFacts): DrillDownRow['state'] =>
  facts.resolvedMs !== null ? 'resolved' : facts.abandonedMs !== null ? 'abandoned' : facts.isWaiting ? 'waiting' : 'assigned';

/** The conversations behind a figure, oldest handoff first, at most `limit`. */
export function drillDown(all: ConversationFacts[], figure: DrillFigure, limit: number): { rows: DrillDownRow[]; isTruncated: boolean } {
  const matching = all.filter(BEHIND[figure]).sort((a, b) => a.handedOffMs - b.handedOffMs || (a.id < b.id ? -1 : 1));
  const rows = matching.slice(0, limit).map((facts) => ({
    id: facts.id,
    queue: facts.queue,
    intent: facts.intent,
    channel: facts.channel,
    reason: facts.reason,
    handedOffAt: facts.handedOffAt,
    agents: facts.agents.map((agent) => agent.name),
    state: stateOf(facts),
  }));
  return { rows, isTruncated: matching.length > limit };
}
