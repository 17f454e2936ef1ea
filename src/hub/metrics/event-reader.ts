import type { HubEventBody } from '../../shared/protocol';
import type { HubDatabase } from '../store/database';
import { jsonArrayValues } from '../store/sql/dialect';
import type { SqlDialect } from '../store/sql/sql';
import { METRIC_EVENT_TYPES, metricEventOf, type MetricEvent } from './metric-events';

interface EventRow {
  seq: number;
  at: string;
  conversation_id: string;
  queue: string;
  body: string;
}

const METRIC_TYPES_SQL = METRIC_EVENT_TYPES.map((type) => `'${type}'`).join(', ');

// Only the few conversations conversation_facts does not hold for a period are folded this way
// (src/hub/metrics/facts-reader.ts), through the log's own indexes.
function statements(dialect: SqlDialect) {
  const selected = 'SELECT seq, at, conversation_id, queue, body FROM events';
  const inPeriod = `type IN (${METRIC_TYPES_SQL}) AND queue IN (${jsonArrayValues(dialect, '@queues')}) AND at >= @from AND at < @to`;
  return {
    period: `${selected} WHERE ${inPeriod} ORDER BY seq`,
    conversations: `${selected} WHERE conversation_id IN (${jsonArrayValues(dialect, '@ids')}) AND ${inPeriod} ORDER BY seq`,
  };
}

interface Period {
  from: string;
  to: string;
  queues: string[];
}

function slimmed(rows: readonly EventRow[]): MetricEvent[] {
  const events: MetricEvent[] = [];
  for (const row of rows) {
    const event = metricEventOf({ seq: row.seq, at: row.at, conversationId: row.conversation_id, queue: row.queue, body: JSON.parse(row.body) as HubEventBody });
    if (event) events.push(event);
  }
  return events;
}

/** Reads the events of a period (of the given queues) in log order, as the figures read them. */
export function createMetricEventReader(db: HubDatabase) {
  const sql = statements(db.dialect);
  const params = (period: Period) => ({ queues: JSON.stringify(period.queues), from: period.from, to: period.to });
  return {
    async between(period: Period): Promise<MetricEvent[]> {
      return slimmed(await db.all<EventRow>(sql.period, params(period)));
    },
    /** The period's events of the given conversations only. */
    async ofConversations(ids: string[], period: Period): Promise<MetricEvent[]> {
      return slimmed(await db.all<EventRow>(sql.conversations, { ...params(period), ids: JSON.stringify(ids) }));
    },
  };
}

export type MetricEventReader = ReturnType<typeof createMetricEventReader>;
