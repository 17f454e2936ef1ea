import type { Disposition } from '../../shared/conversation';
import { REASON_KINDS, type ReasonKind } from '../../shared/envelope';
import type { HubDatabase } from '../store/database';
import { isDirectConversation, type MetricEvent } from './metric-events';
import { METRIC_EVENT_TYPES_SQL, metricDetailSql } from './metric-sql';

interface Row {
  seq: number;
  at: string;
  conversation_id: string;
  type: string;
  queue: string;
  detail: string | null;
}

type RawRow = [number, string, string, string, string, string | null];

// The few values of each event the figures read, reduced in SQL from the bodies: a fold from the
// log parses no envelope in JavaScript. Only the few conversations conversation_facts does not hold
// for a period are folded this way (src/hub/metrics/facts-reader.ts), through the log's own indexes.
const SELECTED = `SELECT seq, at, conversation_id, type, queue, ${metricDetailSql('type', 'body')} AS detail FROM events`;
const IN_PERIOD = `type IN (${METRIC_EVENT_TYPES_SQL}) AND queue IN (SELECT value FROM json_each(@queues)) AND at >= @from AND at < @to`;
const PERIOD_EVENTS = `${SELECTED} WHERE ${IN_PERIOD} ORDER BY seq`;
const CONVERSATION_EVENTS = `${SELECTED} WHERE conversation_id IN (SELECT value FROM json_each(@ids)) AND ${IN_PERIOD} ORDER BY seq`;

const asReason = (value: unknown): ReasonKind =>
  typeof value === 'string' && (REASON_KINDS as readonly string[]).includes(value) ? (value as ReasonKind) : 'unknown';
const asText = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * One logged row as a MetricEvent, or null when it says nothing the figures read. Older event forms
 * still count: before `offer:ended` and `conversation:resolved` existed, a decline, a timeout and a
 * resolution were logged as state changes, and their owner's `why` tells which.
 */
export function toMetricEvent(row: Row): MetricEvent | null {
  const base = { seq: row.seq, at: row.at, conversationId: row.conversation_id };
  // Single-path extracts arrive as plain SQL text; everything else is JSON text.
  const detail = (): unknown => (row.detail === null ? null : JSON.parse(row.detail));
  switch (row.type) {
    case 'conversation:queued': {
      const [intent, channel, reason, platform, botTurns] = detail() as [unknown, unknown, unknown, unknown, number];
      const kind = asReason(reason);
      const isDirect = isDirectConversation(asText(platform), kind, botTurns);
      return { ...base, type: 'handoff', queue: row.queue, intent: asText(intent), channel: asText(channel), reason: kind, isDirect };
    }
    case 'conversation:offered':
      return { ...base, type: 'offered', agentId: asText(row.detail) };
    case 'conversation:assigned': {
      const [agentId, agentName] = detail() as [unknown, unknown];
      return { ...base, type: 'assigned', agentId: asText(agentId), agentName: asText(agentName) };
    }
    case 'conversation:transferred':
      return { ...base, type: 'transferred', isWaiting: row.detail !== 'assigned', isOffer: row.detail === 'transferred' };
    case 'conversation:state-changed':
      return fromStateChange(base, detail() as [unknown, unknown]);
    case 'offer:ended': {
      const body = detail() as { agentId: string; outcome: 'declined' | 'expired' | 'withdrawn'; reason: string | null };
      return { ...base, type: 'offer-ended', agentId: body.agentId, outcome: body.outcome, reason: body.reason };
    }
    case 'routing:waiting':
      return { ...base, type: 'waiting', reason: asText((detail() as { reason: unknown }).reason) };
    case 'conversation:resolved':
      return { ...base, type: 'resolved', disposition: (detail() as { disposition: Disposition }).disposition };
    case 'conversation:abandoned':
      return { ...base, type: 'abandoned' };
    case 'repeat-ask:recorded':
      return { ...base, type: 'repeat-ask', agentId: (detail() as { agentId: string | null }).agentId };
    case 'rating:recorded':
      return { ...base, type: 'rated', rating: (detail() as { rating: number }).rating };
    default:
      return null;
  }
}

function fromStateChange(base: { seq: number; at: string; conversationId: string }, [state, why]: [unknown, unknown]): MetricEvent | null {
  if (state === 'resolved') return { ...base, type: 'resolved', disposition: null };
  if (state === 'abandoned') return { ...base, type: 'abandoned' };
  if (state !== 'queued') return null;
  const text = asText(why);
  if (text.startsWith('declined by')) return { ...base, type: 'offer-ended', agentId: null, outcome: 'declined', reason: text };
  if (text === 'the offer timed out') return { ...base, type: 'offer-ended', agentId: null, outcome: 'expired', reason: null };
  return null;
}

interface Period {
  from: string;
  to: string;
  queues: string[];
}

/** Reads the events of a period (of the given queues) in log order, slimmed for the figures. */
export function createMetricEventReader(db: HubDatabase) {
  // Rows as arrays: over a month of log, building a keyed object per row costs more than the query.
  const periodEvents = db.prepare<Record<string, string>, RawRow>(PERIOD_EVENTS).raw(true);
  const conversationEvents = db.prepare<Record<string, string>, RawRow>(CONVERSATION_EVENTS).raw(true);
  function* slimmed(rows: Iterable<RawRow>): Generator<MetricEvent> {
    for (const [seq, at, conversationId, type, queue, detail] of rows) {
      const event = toMetricEvent({ seq, at, conversation_id: conversationId, type, queue, detail });
      if (event) yield event;
    }
  }
  const params = (period: Period) => ({ queues: JSON.stringify(period.queues), from: period.from, to: period.to });
  return {
    between(period: Period): Generator<MetricEvent> {
      return slimmed(periodEvents.iterate(params(period)));
    },
    /** The period's events of the given conversations only. */
    ofConversations(ids: string[], period: Period): Generator<MetricEvent> {
      return slimmed(conversationEvents.iterate({ ...params(period), ids: JSON.stringify(ids) }));
    },
  };
}

export type MetricEventReader = ReturnType<typeof createMetricEventReader>;
