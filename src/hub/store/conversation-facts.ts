import type { HubEventBody } from '../../shared/protocol';
import { foldEvent, type FoldedConversation } from '../metrics/conversation-facts';
import { FACTS_COLUMNS, toFacts, type FactsRow } from '../metrics/facts-reader';
import { METRIC_EVENT_TYPES, metricEventOf } from '../metrics/metric-events';
import type { HubDatabase } from './database';

const SPAN_COLUMNS = 'open_offers, min_at, max_at, other_queue, extra_handoffs';
type StoredRow = [...FactsRow, number, string, string, number, number];

const ALL_COLUMNS = `${FACTS_COLUMNS}, ${SPAN_COLUMNS}`;
const PLACES = ALL_COLUMNS.split(',').map(() => '?').join(', ');
const METRIC_TYPES_SQL = METRIC_EVENT_TYPES.map((type) => `'${type}'`).join(', ');

const toFolded = (row: StoredRow): FoldedConversation => {
  const [openOffers, minAt, maxAt, otherQueue, extraHandoffs] = row.slice(-5) as [number, string, string, number, number];
  return { facts: toFacts(row.slice(0, -5) as FactsRow), openOffers, minAt, maxAt, isInOtherQueue: otherQueue === 1, extraHandoffs };
};

/** The row as the table holds it, in ALL_COLUMNS' order. */
function toRow({ facts, openOffers, minAt, maxAt, isInOtherQueue, extraHandoffs }: FoldedConversation): unknown[] {
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
 * conversation. The log stays the only truth: `rebuild` folds it again from scratch.
 */
export function createConversationFactsStore(db: HubDatabase) {
  const statements = {
    get: db.prepare<[string], StoredRow>(`SELECT ${ALL_COLUMNS} FROM conversation_facts WHERE id = ?`).raw(true),
    put: db.prepare(`INSERT OR REPLACE INTO conversation_facts (${ALL_COLUMNS}) VALUES (${PLACES})`),
  };
  const get = (id: string): FoldedConversation | null => {
    const row = statements.get.get(id);
    return row ? toFolded(row) : null;
  };
  return {
    /** Folds a logged event into its conversation's row; events the figures do not read cost nothing. */
    fold(logged: { seq: number; at: string; conversationId: string; queue: string; body: HubEventBody }): void {
      const event = metricEventOf(logged);
      if (!event) return;
      const folded = foldEvent(get(event.conversationId), event);
      if (folded) statements.put.run(...toRow(folded));
    },
    /** Every row folded again from the whole log. */
    rebuild(): void {
      const events = db.prepare<[], [number, string, string, string, string]>(
        `SELECT seq, at, conversation_id, queue, body FROM events WHERE type IN (${METRIC_TYPES_SQL}) ORDER BY seq`,
      ).raw(true);
      const all = new Map<string, FoldedConversation>();
      for (const [seq, at, conversationId, queue, body] of events.iterate()) {
        const event = metricEventOf({ seq, at, conversationId, queue, body: JSON.parse(body) as HubEventBody });
        const folded = event && foldEvent(all.get(conversationId) ?? null, event);
        if (folded) all.set(conversationId, folded);
      }
      db.transaction(() => {
        db.exec('DELETE FROM conversation_facts');
        for (const folded of all.values()) statements.put.run(...toRow(folded));
      })();
    },
    get,
  };
}

export type ConversationFactsStore = ReturnType<typeof createConversationFactsStore>;
