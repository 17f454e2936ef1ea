import type { HubEventBody } from '../../shared/protocol';
import type { HubDatabase } from '../store/database';
import { METRIC_EVENT_TYPES, metricEventOf, type MetricEvent } from './metric-events';

type RawRow = [number, string, string, string, string];

const METRIC_TYPES_SQL = METRIC_EVENT_TYPES.map((type) => `'${type}'`).join(', ');
// Only the few conversations conversation_facts does not hold for a period are folded this way
// (src/hub/metrics/facts-reader.ts), through the log's own indexes.
const SELECTED = 'SELECT seq, at, conversation_id, queue, body FROM events';
const IN_PERIOD = `type IN (${METRIC_TYPES_SQL}) AND queue IN (SELECT value FROM json_each(@queues)) AND at >= @from AND at < @to`;
const PERIOD_EVENTS = `${SELECTED} WHERE ${IN_PERIOD} ORDER BY seq`;
const CONVERSATION_EVENTS = `${SELECTED} WHERE conversation_id IN (SELECT value FROM json_each(@ids)) AND ${IN_PERIOD} ORDER BY seq`;

interface Period {
  from: string;
  to: string;
  queues: string[];
}

/** Reads the events of a period (of the given queues) in log order, as the figures read them. */
export function createMetricEventReader(db: HubDatabase) {
  const periodEvents = db.prepare<Record<string, string>, RawRow>(PERIOD_EVENTS).raw(true);
  const conversationEvents = db.prepare<Record<string, string>, RawRow>(CONVERSATION_EVENTS).raw(true);
  function* slimmed(rows: Iterable<RawRow>): Generator<MetricEvent> {
    for (const [seq, at, conversationId, queue, body] of rows) {
      const event = metricEventOf({ seq, at, conversationId, queue, body: JSON.parse(body) as HubEventBody });
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
