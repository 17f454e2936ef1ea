import type { DrillDownResult, HandoffQualityReport, Journey, MetricsFilter } from '../../../shared/metrics';
import { metricsCsvFileName, metricsTableCsv } from '../../../shared/metrics-csv';
import type { Core } from '../create-core';
import type { HandlersOf } from './types';

/** The filter as a query string; only what was given, so the hub applies its own defaults. */
export function metricsQuery(filter: MetricsFilter & { figure?: string }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (typeof value === 'string') params.set(key, value);
  return params.toString();
}

/**
 * Handoff-quality figures and journeys, read from the hub (which checks the role). The CSV is
 * rendered here from the JSON report with the hub's own table code, so the file is the same.
 */
export const metricsHandlers = (core: Core): HandlersOf<'metrics:report' | 'metrics:csv' | 'metrics:conversations' | 'journey:get'> => {
  const report = (filter: MetricsFilter) =>
    core.hubCall((hub, token) => hub.call<HandoffQualityReport>('GET', `/v1/metrics/handoff-quality?${metricsQuery(filter)}`, token));
  return {
    'metrics:report': report,
    'metrics:csv': async ({ table, ...filter }) => {
      const figures = await report(filter);
      return { fileName: metricsCsvFileName(figures, table), csv: metricsTableCsv(figures, table) };
    },
    'metrics:conversations': (query) =>
      core.hubCall((hub, token) => hub.call<DrillDownResult>('GET', `/v1/metrics/conversations?${metricsQuery(query)}`, token)),
    'journey:get': ({ id }) =>
      core.hubCall((hub, token) => hub.call<Journey>('GET', `/v1/conversations/${encodeURIComponent(id)}/journey`, token)),
  };
};
