import { REASON_KINDS } from './envelope';
import type { GroupFigures, HandoffQualityReport, MetricsTable } from './metrics';

/**
 * The report's tables as CSV (RFC 4180: CRLF lines, quotes doubled), shared by the hub's CSV answers
 * and the desktop's export so both give the same file.
 */

type Cell = string | number | null;

// Intents, queues and reasons come from bots and customers; a spreadsheet must not run them as formulas.
export function csvCell(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(4)) : value;
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const lines = (header: string[], rows: Cell[][]): string => `${[header.join(','), ...rows.map((row) => row.map(csvCell).join(','))].join('\r\n')}\r\n`;

const GROUP_HEADER = ['key', 'label', 'conversations', 'accepted', 'abandoned_before_agent', 'resolved', 'transferred', 'time_to_accept_p50_ms', 'repeat_asked', 'repeat_rate', 'csat'];
const groupRow = (row: GroupFigures): Cell[] => [
  row.key,
  row.label,
  row.conversations,
  row.accepted,
  row.abandonedBeforeAgent,
  row.resolved,
  row.transferred,
  row.timeToAcceptP50Ms,
  row.repeatAsked,
  row.repeatRate,
  row.csat,
];

function summaryRows(report: HandoffQualityReport): Cell[][] {
  return [
    ['handoffs', report.handoffs],
    ['direct', report.direct],
    ['contained_bot_sessions', report.containedBotSessions],
    ['handoff_rate', report.handoffRate],
    ...REASON_KINDS.map((kind): Cell[] => [`reason_${kind}`, report.reasons[kind]]),
    ['accepted', report.accepted],
    ['time_to_accept_p50_ms', report.timeToAccept.p50],
    ['time_to_accept_p90_ms', report.timeToAccept.p90],
    ['time_to_accept_p99_ms', report.timeToAccept.p99],
    ['customer_wait_p50_ms', report.customerWait.p50],
    ['customer_wait_p90_ms', report.customerWait.p90],
    ['customer_wait_p99_ms', report.customerWait.p99],
    ['abandoned_before_agent', report.abandonedBeforeAgent],
    ['offers_made', report.offers.made],
    ['offers_declined', report.offers.declined],
    ['offers_expired', report.offers.expired],
    ['transfers', report.transfers.total],
    ['transferred_conversations', report.transfers.conversations],
    ['time_to_resolution_p50_ms', report.timeToResolution.p50],
    ['time_to_resolution_p90_ms', report.timeToResolution.p90],
    ['time_to_resolution_p99_ms', report.timeToResolution.p99],
    ['resolved', report.resolved],
    ['unresolved_open', report.unresolved.open],
    ['unresolved_abandoned', report.unresolved.abandoned],
    ['repeat_information_rate', report.repeatInformation.rate],
    ['csat_after_handoff', report.csat.afterHandoff.csat],
    ['csat_direct', report.csat.direct.csat],
    ['csat_gap', report.csat.gap],
    ['failed_handovers', report.failedHandovers.total],
  ];
}

export function metricsTableCsv(report: HandoffQualityReport, table: MetricsTable): string {
  switch (table) {
    case 'summary':
      return lines(['figure', 'value'], summaryRows(report));
    case 'reasons-over-time':
      return lines(['bucket', ...REASON_KINDS], report.reasonsOverTime.map((row) => [row.bucket, ...REASON_KINDS.map((kind) => row.reasons[kind])]));
    case 'by-queue':
      return lines(GROUP_HEADER, report.byQueue.map(groupRow));
    case 'by-intent':
      return lines(GROUP_HEADER, report.byIntent.map(groupRow));
    case 'by-agent':
      return lines(GROUP_HEADER, report.byAgent.map(groupRow));
    case 'by-channel':
      return lines(GROUP_HEADER, report.byChannel.map(groupRow));
    case 'csat-by-reason':
      return lines(
        ['reason', 'ratings', 'satisfied', 'csat', 'mean', 'gap_to_direct'],
        [
          ...report.csat.byReason.map((row): Cell[] => [row.reason, row.ratings, row.satisfied, row.csat, row.mean, row.gap]),
          ['direct', report.csat.direct.ratings, report.csat.direct.satisfied, report.csat.direct.csat, report.csat.direct.mean, null],
        ],
      );
    case 'failed-handovers':
      return lines(
        ['conversation_id', 'queue', 'intent', 'handed_off_at', 'outcome', 'reason', 'waited_ms'],
        report.failedHandovers.items.map((item) => [item.conversationId, item.queue, item.intent, item.handedOffAt, item.outcome, item.reason, item.waitedMs]),
      );
  }
}

export const metricsCsvFileName = (report: HandoffQualityReport, table: MetricsTable): string =>
  `handoff-quality-${table}-${report.from.slice(0, 10)}-to-${report.to.slice(0, 10)}.csv`;
