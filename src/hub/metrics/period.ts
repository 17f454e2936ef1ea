import type { MetricsFilter } from '../../shared/metrics';

const DEFAULT_PERIOD_MS = 7 * 24 * 3600_000;

export type Period = { ok: true; from: string; to: string } | { ok: false; message: string };

/** [from, to) from the query, by default the seven days up to now. */
export function periodOf(query: Pick<MetricsFilter, 'from' | 'to'>, now: Date): Period {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_PERIOD_MS);
  if (from.getTime() >= to.getTime()) return { ok: false, message: '`from` must be before `to`.' };
  return { ok: true, from: from.toISOString(), to: to.toISOString() };
}

/** The dimension filters of a query, without the period or the answer's format. */
export function dimensionsOf(query: MetricsFilter): Omit<MetricsFilter, 'from' | 'to'> {
  const filter: Omit<MetricsFilter, 'from' | 'to'> = {};
  if (query.queue !== undefined) filter.queue = query.queue;
  if (query.intent !== undefined) filter.intent = query.intent;
  if (query.agent !== undefined) filter.agent = query.agent;
  if (query.channel !== undefined) filter.channel = query.channel;
  return filter;
}
