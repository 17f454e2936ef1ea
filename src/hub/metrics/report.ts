import type { Disposition } from '../../shared/conversation';
import { REASON_KINDS, type ReasonKind } from '../../shared/envelope';
import type { FailedHandover, HandoffQualityReport, MetricsFilter } from '../../shared/metrics';
import type { ConversationFacts } from './conversation-facts';
import { groupRows, isAbandonedBeforeAgent, ratingsOf, timeToAccept } from './groups';
import { csatOf, difference, percentiles, ratio } from './stats';

export interface ReportInput {
  facts: Iterable<ConversationFacts>;
  from: string;
  to: string;
  filter: Omit<MetricsFilter, 'from' | 'to'>;
  /** Contained bot sessions reported for the period and filter; null when no bot reports them. */
  containedBotSessions: number | null;
  /** The hub's clock: a customer still waiting has waited until now, not until a period end still ahead. */
  nowMs?: number;
}

const NO_BOT_SESSIONS = 'no bot sessions reported';
const TWO_DAYS_MS = 2 * 24 * 3600_000;
const MAX_FILLED_BUCKETS = 400;

/** The dimensions a supervisor filters by; the agent filter keeps conversations that agent accepted. */
export function matchesFilter(facts: ConversationFacts, filter: Omit<MetricsFilter, 'from' | 'to'>): boolean {
  return (
    (filter.queue === undefined || facts.queue === filter.queue) &&
    (filter.intent === undefined || facts.intent === filter.intent) &&
    (filter.channel === undefined || facts.channel === filter.channel) &&
    (filter.agent === undefined || facts.agents.some((agent) => agent.id === filter.agent))
  );
}

const emptyReasons = (): Record<ReasonKind, number> => ({ customer_requested: 0, bot_failure: 0, planned_escalation: 0, unknown: 0 });

/** Hours for periods up to two days, days beyond: a chart stays readable either way. */
export function bucketOf(at: string, isHourly: boolean): string {
  return isHourly ? `${at.slice(0, 13)}:00:00.000Z` : `${at.slice(0, 10)}T00:00:00.000Z`;
}

function reasonsOverTime(handoffs: ConversationFacts[], from: string, to: string): HandoffQualityReport['reasonsOverTime'] {
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  const isHourly = toMs - fromMs <= TWO_DAYS_MS;
  const step = isHourly ? 3600_000 : 24 * 3600_000;
  const buckets = new Map<string, Record<ReasonKind, number>>();
  // Empty buckets are shown too (a quiet hour is a figure), unless the period is absurdly long.
  if ((toMs - fromMs) / step <= MAX_FILLED_BUCKETS) {
    for (let ms = Date.parse(bucketOf(from, isHourly)); ms < toMs; ms += step) buckets.set(new Date(ms).toISOString(), emptyReasons());
  }
  for (const facts of handoffs) {
    const bucket = bucketOf(facts.handedOffAt, isHourly);
    const reasons = buckets.get(bucket) ?? emptyReasons();
    reasons[facts.reason] += 1;
    buckets.set(bucket, reasons);
  }
  return [...buckets].sort(([a], [b]) => (a < b ? -1 : 1)).map(([bucket, reasons]) => ({ bucket, reasons }));
}

/** Why nobody took it: what routing last said, else what became of its offers. */
function failedReason(facts: ConversationFacts): string {
  if (facts.lastWaitingReason) return facts.lastWaitingReason;
  const { declined, expired } = facts.offers;
  if (declined > 0 || expired > 0) return `offers declined ${declined}, timed out ${expired}`;
  return 'no agent free';
}

function failedHandovers(all: ConversationFacts[], endMs: number): HandoffQualityReport['failedHandovers'] {
  const items: FailedHandover[] = all
    .filter((facts) => facts.firstAssignedMs === null)
    .map((facts) => ({
      conversationId: facts.id,
      queue: facts.queue,
      intent: facts.intent,
      handedOffAt: facts.handedOffAt,
      outcome: facts.abandonedMs !== null ? ('abandoned' as const) : ('waiting' as const),
      reason: failedReason(facts),
      waitedMs: Math.max(0, (facts.abandonedMs ?? endMs) - facts.handedOffMs),
    }))
    .sort((a, b) => (a.handedOffAt < b.handedOffAt ? -1 : a.handedOffAt > b.handedOffAt ? 1 : a.conversationId < b.conversationId ? -1 : 1));
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.reason, (counts.get(item.reason) ?? 0) + 1);
  const byReason = [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
  return { total: items.length, byReason, items };
}

function repeatInformation(all: ConversationFacts[]): HandoffQualityReport['repeatInformation'] {
  const accepted = all.filter((facts) => facts.firstAssignedMs !== null);
  const withRepeatAsk = accepted.filter((facts) => facts.repeatAsks > 0).length;
  const agentRows = groupRows(accepted, (facts) => facts.agents.map((agent) => agent.id), (id) => agentName(accepted, id), true);
  const intentRows = groupRows(accepted, (facts) => [facts.intent], (intent) => intent);
  return {
    conversations: accepted.length,
    withRepeatAsk,
    rate: ratio(withRepeatAsk, accepted.length),
    byAgent: agentRows.map((row) => ({ agentId: row.key, agentName: row.label, conversations: row.accepted, withRepeatAsk: row.repeatAsked, rate: row.repeatRate })),
    byIntent: intentRows.map((row) => ({ intent: row.key, conversations: row.accepted, withRepeatAsk: row.repeatAsked, rate: row.repeatRate })),
  };
}

const agentName = (all: ConversationFacts[], id: string): string => {
  for (const facts of all) {
    const found = facts.agents.find((agent) => agent.id === id);
    if (found) return found.name;
  }
  return id;
};

function csat(all: ConversationFacts[]): HandoffQualityReport['csat'] {
  const handedOff = all.filter((facts) => !facts.isDirect);
  const afterHandoff = csatOf(ratingsOf(handedOff));
  const direct = csatOf(ratingsOf(all.filter((facts) => facts.isDirect)));
  const byReason = REASON_KINDS.map((reason) => {
    const figures = csatOf(ratingsOf(handedOff.filter((facts) => facts.reason === reason)));
    return { reason, ...figures, gap: difference(figures.csat, direct.csat) };
  });
  return { afterHandoff, direct, gap: difference(afterHandoff.csat, direct.csat), byReason };
}

/** The whole handoff-quality report of one period, from the folded conversations. */
export function buildReport(input: ReportInput): HandoffQualityReport {
  const all = [...input.facts].filter((facts) => matchesFilter(facts, input.filter));
  all.sort((a, b) => a.handedOffMs - b.handedOffMs || (a.id < b.id ? -1 : 1));
  const handoffs = all.filter((facts) => !facts.isDirect);
  const accepted = all.filter((facts) => facts.firstAssignedMs !== null);
  const resolved = all.filter((facts) => facts.resolvedMs !== null);
  const reasons = emptyReasons();
  for (const facts of handoffs) reasons[facts.reason] += 1;
  const byDisposition: Partial<Record<Disposition | 'unknown', number>> = {};
  for (const facts of resolved) byDisposition[facts.disposition ?? 'unknown'] = (byDisposition[facts.disposition ?? 'unknown'] ?? 0) + 1;
  const abandonedBeforeAgent = all.filter(isAbandonedBeforeAgent).length;
  const sessions = input.containedBotSessions;
  const transfersBefore = resolved.map((facts) => facts.transfersBeforeResolution ?? 0);

  return {
    from: input.from,
    to: input.to,
    filter: input.filter,
    handoffs: handoffs.length,
    direct: all.length - handoffs.length,
    containedBotSessions: sessions,
    handoffRate: sessions === null ? null : ratio(handoffs.length, handoffs.length + sessions),
    handoffRateNote: sessions === null ? NO_BOT_SESSIONS : null,
    reasons,
    reasonsOverTime: reasonsOverTime(handoffs, input.from, input.to),
    accepted: accepted.length,
    timeToAccept: percentiles(accepted.map(timeToAccept)),
    customerWait: percentiles(all.filter((facts) => facts.hasFinishedWait).map((facts) => facts.waitMs)),
    abandonedBeforeAgent,
    abandonedBeforeAgentRate: ratio(abandonedBeforeAgent, all.length),
    offers: {
      made: all.reduce((sum, facts) => sum + facts.offers.made, 0),
      accepted: all.reduce((sum, facts) => sum + facts.assignments, 0),
      declined: all.reduce((sum, facts) => sum + facts.offers.declined, 0),
      expired: all.reduce((sum, facts) => sum + facts.offers.expired, 0),
      withdrawn: all.reduce((sum, facts) => sum + facts.offers.withdrawn, 0),
    },
    transfers: {
      total: all.reduce((sum, facts) => sum + facts.transfers, 0),
      conversations: all.filter((facts) => facts.transfers > 0).length,
      beforeResolution: {
        none: transfersBefore.filter((count) => count === 0).length,
        one: transfersBefore.filter((count) => count === 1).length,
        twoOrMore: transfersBefore.filter((count) => count >= 2).length,
      },
    },
    timeToResolution: percentiles(resolved.map((facts) => (facts.resolvedMs ?? 0) - facts.handedOffMs)),
    resolved: resolved.length,
    unresolved: {
      open: all.filter((facts) => facts.resolvedMs === null && facts.abandonedMs === null).length,
      abandoned: all.filter((facts) => facts.resolvedMs === null && facts.abandonedMs !== null).length,
    },
    byDisposition,
    repeatInformation: repeatInformation(all),
    csat: csat(all),
    failedHandovers: failedHandovers(all, Math.min(Date.parse(input.to), input.nowMs ?? Number.POSITIVE_INFINITY)),
    byQueue: groupRows(all, (facts) => [facts.queue], (queue) => queue),
    byIntent: groupRows(all, (facts) => [facts.intent], (intent) => intent || '(no intent)'),
    byAgent: groupRows(all, (facts) => facts.agents.map((agent) => agent.id), (id) => agentName(all, id), true),
    byChannel: groupRows(all, (facts) => [facts.channel], (channel) => channel || '(no channel)'),
  };
}
