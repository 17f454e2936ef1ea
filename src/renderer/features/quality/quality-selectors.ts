import { REASON_KINDS } from '../../../shared/envelope';
import type { DrillFigure, HandoffQualityReport, JourneyEntry } from '../../../shared/metrics';
import { DISPOSITION_LABELS, REASON_LABELS } from '../../../shared/labels';

/** A duration as a supervisor reads it: "45 s", "3 min 20 s", "1 h 05 min"; "—" when unmeasured. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

import { formatRate } from '../../../shared/floor-figures';

export { formatRate };

/** A moment in the supervisor's own time zone, as they read a clock: "Dec 7, 14:05". */
export const formatLocalTime = (iso: string): string =>
  new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A gap in percentage points, signed, so a handoff tax reads as "−12.5 pts". */
export const formatGap = (gap: number | null): string =>
  gap === null ? '—' : `${gap > 0 ? '+' : gap < 0 ? '−' : ''}${Math.abs(Math.round(gap * 1000) / 10)} pts`;

export interface Tile {
  label: string;
  value: string;
  detail: string | null;
  /** The figure behind it, for drill-down; null when it is not a set of conversations. */
  figure: DrillFigure | null;
}

/** The headline figures, in the order a supervisor scans them. */
export function summaryTiles(report: HandoffQualityReport): Tile[] {
  return [
    { label: 'Handoffs', value: String(report.handoffs), detail: report.handoffRate === null ? report.handoffRateNote : `${formatRate(report.handoffRate)} of bot sessions`, figure: 'handoffs' },
    { label: 'Time to accept (p50)', value: formatDuration(report.timeToAccept.p50), detail: `p90 ${formatDuration(report.timeToAccept.p90)} · p99 ${formatDuration(report.timeToAccept.p99)}`, figure: 'accepted' },
    { label: 'Customer wait (p50)', value: formatDuration(report.customerWait.p50), detail: `p90 ${formatDuration(report.customerWait.p90)} · p99 ${formatDuration(report.customerWait.p99)}`, figure: null },
    { label: 'Abandoned before an agent', value: String(report.abandonedBeforeAgent), detail: formatRate(report.abandonedBeforeAgentRate), figure: 'abandoned_before_agent' },
    { label: 'Offers declined / timed out', value: `${report.offers.declined} / ${report.offers.expired}`, detail: `of ${report.offers.made} offers`, figure: 'offers_declined' },
    { label: 'Transferred', value: String(report.transfers.conversations), detail: `${report.transfers.total} transfers`, figure: 'transferred' },
    { label: 'Resolved', value: String(report.resolved), detail: `${report.unresolved.open} open · ${report.unresolved.abandoned} abandoned`, figure: 'resolved' },
    { label: 'Time to resolution (p50)', value: formatDuration(report.timeToResolution.p50), detail: `p90 ${formatDuration(report.timeToResolution.p90)}`, figure: null },
    { label: 'Repeat-information rate', value: formatRate(report.repeatInformation.rate), detail: `${report.repeatInformation.withRepeatAsk} of ${report.repeatInformation.conversations}`, figure: 'repeat_asked' },
    { label: 'CSAT gap (handoff − direct)', value: formatGap(report.csat.gap), detail: `${formatRate(report.csat.afterHandoff.csat)} vs ${formatRate(report.csat.direct.csat)}`, figure: 'rated' },
    { label: 'Failed handovers', value: String(report.failedHandovers.total), detail: report.failedHandovers.byReason[0]?.reason ?? null, figure: 'failed' },
  ];
}

/** Rows for the stacked reason chart: one per bucket, a count per reason label. */
export function reasonChartRows(report: HandoffQualityReport): Record<string, string | number>[] {
  const isHourly = report.reasonsOverTime.length > 1 && Date.parse(report.reasonsOverTime[1]!.bucket) - Date.parse(report.reasonsOverTime[0]!.bucket) < 24 * 3600_000;
  return report.reasonsOverTime.map((row) => ({
    bucket: isHourly ? row.bucket.slice(11, 16) : row.bucket.slice(5, 10),
    ...Object.fromEntries(REASON_KINDS.map((kind) => [REASON_LABELS[kind], row.reasons[kind]])),
  }));
}

/** One line of the journey timeline, in words. */
export function describeEntry(entry: JourneyEntry): string {
  switch (entry.kind) {
    case 'turn':
      return `${entry.authorName ?? entry.author}${entry.isStaffOnly ? ' (whisper)' : ''}: ${entry.text}`;
    case 'handoff':
      return `Handed off to ${entry.queue}: ${REASON_LABELS[entry.reason]}${entry.detail ? ` (${entry.detail})` : ''}`;
    case 'waiting':
      return `Waiting: ${entry.reason}`;
    case 'offered':
      return `Offered to ${entry.agentName ?? entry.agentId}`;
    case 'offer-ended':
      return `${entry.agentName ?? entry.agentId} ${entry.outcome === 'expired' ? 'let the offer time out' : entry.outcome === 'declined' ? 'declined' : 'offer withdrawn'}${entry.reason ? `: ${entry.reason}` : ''}`;
    case 'joined':
      return `${entry.agentName} joined`;
    case 'transferred':
      return `${entry.from} transferred to ${entry.to}: ${entry.note}`;
    case 'step-in':
      return `${entry.supervisorName} stepped in (${entry.mode.replace('_', ' ')})`;
    case 'repeat-ask':
      return entry.askKind === 'agent_asked' ? `Agent asked again for ${entry.fieldKey}` : `Customer repeated ${entry.fieldKey}`;
    case 'resolved':
      return `Resolved${entry.disposition ? ` (${DISPOSITION_LABELS[entry.disposition].toLowerCase()})` : ''}${entry.byName ? ` by ${entry.byName}` : ''}`;
    case 'abandoned':
      return `Customer left after ${formatDuration(entry.waitedMs)}`;
    case 'rated':
      return `Rated ${entry.rating} of 5`;
  }
}
