import type { Disposition } from '../../shared/conversation';
import type { ReasonKind } from '../../shared/envelope';
import type { HubDatabase } from '../store/database';
import { foldConversations, type ConversationFacts } from './conversation-facts';
import { createMetricEventReader } from './event-reader';

export interface FactsPeriod {
  from: string;
  to: string;
  queues: string[];
}

// conversation_facts (src/hub/store/conversation-facts.ts) holds each conversation folded over every event logged for it.
// That is the period's fold only when every one of those events falls in the period and in a queue
// the supervisor sees (and the conversation was handed off once): "whole" below. The rest, at most
// the few open across the period's edges or moved between queues, are folded from their events.
const IN_SCOPE = `handed_off_at >= @from AND handed_off_at < @to AND queue IN (SELECT value FROM json_each(@queues))`;
const WHOLE = `min_at >= @from AND max_at < @to AND other_queue = 0 AND extra_handoffs = 0`;

/** The columns toFacts reads, in its order. */
export const FACTS_COLUMNS = `id, queue, intent, channel, reason, is_direct, handed_off_at, handed_off_ms, agents, first_assigned_ms, assignments,
  offers_made, offers_declined, offers_expired, offers_withdrawn, wait_ms, has_finished_wait, is_waiting, waiting_since_ms,
  last_waiting_reason, transfers, transfers_before_resolution, resolved_ms, disposition, abandoned_ms, repeat_asks, repeat_agents, rating`;

const WHOLE_FACTS = `SELECT ${FACTS_COLUMNS} FROM conversation_facts WHERE ${IN_SCOPE} AND ${WHOLE}`;

const PARTIAL_IDS = `
  SELECT id FROM conversation_facts WHERE ${IN_SCOPE} AND NOT (${WHOLE})
  UNION SELECT id FROM conversation_facts WHERE extra_handoffs > 0`;

export type FactsRow = [
  string, string, string, string, ReasonKind, number, string, number, string, number | null, number,
  number, number, number, number, number, number, number, number | null,
  string | null, number, number | null, number | null, Disposition | null, number | null, number, string, number | null,
];

const NO_AGENTS = '[]';

/** One row of conversation_facts as the ConversationFacts the report is built from. */
export function toFacts(row: FactsRow): ConversationFacts {
  const [id, queue, intent, channel, reason, isDirect, handedOffAt, handedOffMs, agents, firstAssignedMs, assignments] = row;
  const [, , , , , , , , , , , made, declined, expired, withdrawn, waitMs, hasFinishedWait, isWaiting, waitingSinceMs] = row;
  const [, , , , , , , , , , , , , , , , , , , lastWaitingReason, transfers, transfersBeforeResolution, resolvedMs, disposition, abandonedMs, repeatAsks, repeatAgents, rating] = row;
  return {
    id,
    queue,
    intent,
    channel,
    reason,
    isDirect: isDirect === 1,
    handedOffAt,
    handedOffMs,
    agents: agents === NO_AGENTS ? [] : (JSON.parse(agents) as [string, string][]).map(([agentId, name]) => ({ id: agentId, name })),
    firstAssignedMs,
    assignments,
    offers: { made, declined, expired, withdrawn },
    waitMs,
    hasFinishedWait: hasFinishedWait === 1,
    isWaiting: isWaiting === 1,
    waitingSinceMs,
    lastWaitingReason,
    transfers,
    transfersBeforeResolution,
    resolvedMs,
    disposition,
    abandonedMs,
    repeatAsks,
    repeatAgents: new Set(repeatAgents === NO_AGENTS ? [] : (JSON.parse(repeatAgents) as string[])),
    rating,
  };
}

/**
 * The facts of every conversation handed off in a period (of the given queues), folded over the
 * events of the period: read from the maintained rows where they hold exactly that, folded from
 * the log for the others. Order is not meaningful; the report sorts.
 */
export function createFactsReader(db: HubDatabase) {
  const whole = db.prepare<Record<string, string>, FactsRow>(WHOLE_FACTS).raw(true);
  const partialIds = db.prepare<Record<string, string>, [string]>(PARTIAL_IDS).raw(true);
  const log = createMetricEventReader(db);

  return {
    between(period: FactsPeriod): ConversationFacts[] {
      const params = { from: period.from, to: period.to, queues: JSON.stringify(period.queues) };
      const facts = whole.all(params).map(toFacts);
      const ids = partialIds.all(params).map(([id]) => id);
      if (ids.length === 0) return facts;
      for (const folded of foldConversations(log.ofConversations(ids, period)).values()) facts.push(folded);
      return facts;
    },
  };
}
