import type { Disposition } from '../../shared/conversation';
import type { ReasonKind } from '../../shared/envelope';
import type { HubDatabase } from '../store/database';
import { jsonArrayValues } from '../store/sql/dialect';
import type { SqlDialect } from '../store/sql/sql';
import { foldConversations, type ConversationFacts } from './conversation-facts';
import { createMetricEventReader } from './event-reader';

export interface FactsPeriod {
  from: string;
  to: string;
  queues: string[];
}

/** The columns toFacts reads. */
export const FACTS_COLUMNS = `id, queue, intent, channel, reason, is_direct, handed_off_at, handed_off_ms, agents, first_assigned_ms, assignments,
  offers_made, offers_declined, offers_expired, offers_withdrawn, wait_ms, has_finished_wait, is_waiting, waiting_since_ms,
  last_waiting_reason, transfers, transfers_before_resolution, resolved_ms, disposition, abandoned_ms, repeat_asks, repeat_agents, rating`;

// conversation_facts (src/hub/store/conversation-facts.ts) holds each conversation folded over every event logged for it.
// That is the period's fold only when every one of those events falls in the period and in a queue
// the supervisor sees (and the conversation was handed off once): "whole" below. The rest, at most
// the few open across the period's edges or moved between queues, are folded from their events.
const WHOLE = `min_at >= @from AND max_at < @to AND other_queue = 0 AND extra_handoffs = 0`;

/**
 * Every row the period may need, in one statement so that no conversation is read as whole and
 * then again as partial after an event lands in between: the rows handed off in scope (marked
 * whole or not), and every row handed off more than once (a later handoff may fall in scope).
 */
const scopeRows = (dialect: SqlDialect) => `
  SELECT ${FACTS_COLUMNS}, CASE WHEN ${WHOLE} THEN 1 ELSE 0 END AS is_whole FROM conversation_facts
  WHERE handed_off_at >= @from AND handed_off_at < @to AND queue IN (${jsonArrayValues(dialect, '@queues')})
  UNION ALL
  SELECT ${FACTS_COLUMNS}, 0 AS is_whole FROM conversation_facts WHERE extra_handoffs > 0`;

/** One row of conversation_facts, as FACTS_COLUMNS reads it. */
export interface FactsRow {
  id: string;
  queue: string;
  intent: string;
  channel: string;
  reason: ReasonKind;
  is_direct: number;
  handed_off_at: string;
  handed_off_ms: number;
  agents: string;
  first_assigned_ms: number | null;
  assignments: number;
  offers_made: number;
  offers_declined: number;
  offers_expired: number;
  offers_withdrawn: number;
  wait_ms: number;
  has_finished_wait: number;
  is_waiting: number;
  waiting_since_ms: number | null;
  last_waiting_reason: string | null;
  transfers: number;
  transfers_before_resolution: number | null;
  resolved_ms: number | null;
  disposition: Disposition | null;
  abandoned_ms: number | null;
  repeat_asks: number;
  repeat_agents: string;
  rating: number | null;
}

const NO_AGENTS = '[]';

/** One row of conversation_facts as the ConversationFacts the report is built from. */
export function toFacts(row: FactsRow): ConversationFacts {
  return {
    id: row.id,
    queue: row.queue,
    intent: row.intent,
    channel: row.channel,
    reason: row.reason,
    isDirect: row.is_direct === 1,
    handedOffAt: row.handed_off_at,
    handedOffMs: row.handed_off_ms,
    agents: row.agents === NO_AGENTS ? [] : (JSON.parse(row.agents) as [string, string][]).map(([agentId, name]) => ({ id: agentId, name })),
    firstAssignedMs: row.first_assigned_ms,
    assignments: row.assignments,
    offers: { made: row.offers_made, declined: row.offers_declined, expired: row.offers_expired, withdrawn: row.offers_withdrawn },
    waitMs: row.wait_ms,
    hasFinishedWait: row.has_finished_wait === 1,
    isWaiting: row.is_waiting === 1,
    waitingSinceMs: row.waiting_since_ms,
    lastWaitingReason: row.last_waiting_reason,
    transfers: row.transfers,
    transfersBeforeResolution: row.transfers_before_resolution,
    resolvedMs: row.resolved_ms,
    disposition: row.disposition,
    abandonedMs: row.abandoned_ms,
    repeatAsks: row.repeat_asks,
    repeatAgents: new Set(row.repeat_agents === NO_AGENTS ? [] : (JSON.parse(row.repeat_agents) as string[])),
    rating: row.rating,
  };
}

/**
 * The facts of every conversation handed off in a period (of the given queues), folded over the
 * events of the period: read from the maintained rows where they hold exactly that, folded from
 * the log for the others. Order is not meaningful; the report sorts.
 */
export function createFactsReader(db: HubDatabase) {
  const rowsInScope = scopeRows(db.dialect);
  const log = createMetricEventReader(db);

  return {
    async between(period: FactsPeriod): Promise<ConversationFacts[]> {
      const rows = await db.all<FactsRow & { is_whole: number }>(rowsInScope, { from: period.from, to: period.to, queues: JSON.stringify(period.queues) });
      const facts = rows.filter((row) => row.is_whole === 1).map(toFacts);
      const partial = [...new Set(rows.filter((row) => row.is_whole === 0).map((row) => row.id))];
      if (partial.length === 0) return facts;
      for (const folded of foldConversations(await log.ofConversations(partial, period)).values()) facts.push(folded);
      return facts;
    },
  };
}
