import type { HubEventBody } from '../../shared/protocol';
import { foldEvent, type FoldedConversation } from '../metrics/conversation-facts';
import { FACTS_COLUMNS, toFacts, type FactsRow } from '../metrics/facts-reader';
import { METRIC_EVENT_TYPES, metricEventOf } from '../metrics/metric-events';
import type { HubDatabase } from './database';
import type { SqlValue } from './sql/sql';

const SPAN_COLUMNS = 'open_offers, min_at, max_at, other_queue, extra_handoffs';
interface StoredRow extends FactsRow {
  open_offers: number;
  min_at: string;
  max_at: string;
  other_queue: number;
  extra_handoffs: number;
}

const ALL_COLUMNS = `${FACTS_COLUMNS}, ${SPAN_COLUMNS}`;
const NAMES = ALL_COLUMNS.split(',').map((name) => name.trim());
const METRIC_TYPES_SQL = METRIC_EVENT_TYPES.map((type) => `'${type}'`).join(', ');

const GET = `SELECT ${ALL_COLUMNS} FROM conversation_facts WHERE id = ?`;
const PUT = `INSERT INTO conversation_facts (${ALL_COLUMNS}) VALUES (${NAMES.map(() => '?').join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${NAMES.filter((name) => name !== 'id').map((name) => `${name} = excluded.${name}`).join(', ')}`;
const METRIC_EVENTS = `SELECT seq, at, conversation_id, queue, body FROM events WHERE type IN (${METRIC_TYPES_SQL}) ORDER BY seq`;

const toFolded = (row: StoredRow): FoldedConversation => ({
  facts: toFacts(row),
  openOffers: row.open_offers,
  minAt: row.min_at,
  maxAt: row.max_at,
  isInOtherQueue: row.other_queue === 1,
  extraHandoffs: row.extra_handoffs,
});

/** The row as the table holds it, in ALL_COLUMNS' order. */
function toRow({ facts, openOffers, minAt, maxAt, isInOtherQueue, extraHandoffs }: FoldedConversation): SqlValue[] {
  return [
    facts.id, facts.queue, facts.intent, facts.channel, facts.reason, facts.isDirect ? 1 : 0, facts.handedOffAt, facts.handedOffMs,
    JSON.stringify(facts.agents.map((agent) => [agent.id, agent.name])), facts.firstAssignedMs, facts.assignments,
    facts.offers.made, facts.offers.declined, facts.offers.expired, facts.offers.withdrawn, facts.waitMs, facts.hasFinishedWait ? 1 : 0,
    facts.isWaiting ? 1 : 0, facts.waitingSinceMs, facts.lastWaitingReason, facts.transfers, facts.transfersBeforeResolution,
    facts.resolvedMs, facts.disposition, facts.abandonedMs, facts.repeatAsks, JSON.stringify([...facts.repeatAgents]), facts.rating,
    openOffers, minAt, maxAt, isInOtherQueue ? 1 : 0, extraHandoffs,
  ];
}

/**
 * conversation_facts: one row per handed-off conversation, its events folded in as they are logged
 * (foldEvent, inside the transaction that logs them), so a month's figures read one row per
 * conversation. This is the one fold, for both stores; the log stays the only truth: `rebuild`
 * folds it again from scratch.
 */
export function createConversationFactsStore(db: HubDatabase) {
  const get = async (id: string): Promise<FoldedConversation | null> => {
    const row = await db.get<StoredRow>(GET, [id]);
    return row ? toFolded(row) : null;
  };
  return {
    /** Folds a logged event into its conversation's row; events the figures do not read cost nothing. */
    async fold(logged: { seq: number; at: string; conversationId: string; queue: string; body: HubEventBody }): Promise<void> {
      const event = metricEventOf(logged);
      if (!event) return;
      const folded = foldEvent(await get(event.conversationId), event);
      if (folded) await db.run(PUT, toRow(folded));
    },
    /** Every row folded again from the whole log, in one transaction. */
    async rebuild(): Promise<void> {
      await db.write(async () => {
        const events = await db.all<{ seq: number; at: string; conversation_id: string; queue: string; body: string }>(METRIC_EVENTS);
        const all = new Map<string, FoldedConversation>();
        for (const { seq, at, conversation_id: conversationId, queue, body } of events) {
          const event = metricEventOf({ seq, at, conversationId, queue, body: JSON.parse(body) as HubEventBody });
          const folded = event && foldEvent(all.get(conversationId) ?? null, event);
          if (folded) all.set(conversationId, folded);
        }
        await db.run('DELETE FROM conversation_facts');
        for (const folded of all.values()) await db.run(PUT, toRow(folded));
      });
    },
    get,
  };
}

export type ConversationFactsStore = ReturnType<typeof createConversationFactsStore>;
