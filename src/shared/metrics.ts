import { z } from 'zod';
import type { Disposition, StepInMode } from './conversation';
import type { Author, ReasonKind } from './envelope';

/**
 * Handoff-quality metrics: what the hub computes from its event log over one period, and the
 * query that asks for them. A conversation belongs to the period in which it was handed off
 * (its `conversation:queued` event); only events before the period's end count, so the figures
 * of a closed period never change.
 *
 * "Direct" conversations came to an agent without a bot in front: the envelope's source platform
 * is `direct` (a contact form, a conversation an agent opened), or its reason is
 * `planned_escalation` and the transcript holds no bot turn. They are the CSAT baseline; every
 * other conversation is a handoff.
 */

const instant = z
  .string()
  .max(64)
  .refine((value) => Number.isFinite(Date.parse(value)), 'must be a date or date and time (ISO 8601)');
const filterValue = z.string().trim().min(1).max(200);

export const metricsFilterSchema = z.strictObject({
  from: instant.optional(),
  to: instant.optional(),
  queue: filterValue.optional(),
  intent: filterValue.optional(),
  agent: filterValue.optional(),
  channel: filterValue.optional(),
});
export type MetricsFilter = z.infer<typeof metricsFilterSchema>;

/** The tables of the report, each downloadable as CSV on its own. */
export const METRICS_TABLES = [
  'summary',
  'reasons-over-time',
  'by-queue',
  'by-intent',
  'by-agent',
  'by-channel',
  'csat-by-reason',
  'failed-handovers',
] as const;
export type MetricsTable = (typeof METRICS_TABLES)[number];

export const handoffQualityQuerySchema = metricsFilterSchema.extend({
  format: z.enum(['json', 'csv']).optional(),
  table: z.enum(METRICS_TABLES).optional(),
});

/** The figures a supervisor can drill into: each names a set of conversations. */
export const DRILL_FIGURES = [
  'handoffs',
  'direct',
  'accepted',
  'abandoned_before_agent',
  'offers_declined',
  'offers_expired',
  'transferred',
  'resolved',
  'unresolved',
  'repeat_asked',
  'rated',
  'failed',
  'customer_requested',
  'bot_failure',
  'planned_escalation',
  'unknown',
] as const;
export type DrillFigure = (typeof DRILL_FIGURES)[number];

export const drillDownQuerySchema = metricsFilterSchema.extend({ figure: z.enum(DRILL_FIGURES) });
export type DrillDownQuery = z.infer<typeof drillDownQuerySchema>;

/** Nearest-rank percentiles in milliseconds; null when nothing was measured. */
export interface Percentiles {
  count: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
}

/** CSAT: the share of ratings of 4 or 5 (the industry's usual cut), and the mean on 1–5. */
export interface Csat {
  ratings: number;
  satisfied: number;
  csat: number | null;
  mean: number | null;
}

/** The few figures every breakdown row carries. */
export interface GroupFigures {
  key: string;
  label: string;
  conversations: number;
  accepted: number;
  abandonedBeforeAgent: number;
  resolved: number;
  transferred: number;
  timeToAcceptP50Ms: number | null;
  repeatAsked: number;
  repeatRate: number | null;
  csat: number | null;
}

export interface FailedHandover {
  conversationId: string;
  queue: string;
  intent: string;
  handedOffAt: string;
  /** `abandoned`: the customer left unserved; `waiting`: still unserved when the period ended. */
  outcome: 'abandoned' | 'waiting';
  /** The last reason routing gave, else what happened to its offers, else "no agent free". */
  reason: string;
  waitedMs: number;
}

export interface HandoffQualityReport {
  from: string;
  to: string;
  filter: Omit<MetricsFilter, 'from' | 'to'>;
  /** Conversations handed off by a bot in the period (direct ones excluded). */
  handoffs: number;
  direct: number;
  /** Sessions bots reported as contained; null until any bot reports them. */
  containedBotSessions: number | null;
  /** handoffs / (handoffs + contained sessions); null with `handoffRateNote` when unknown. */
  handoffRate: number | null;
  handoffRateNote: string | null;
  reasons: Record<ReasonKind, number>;
  /** Reason mix per bucket (an hour for periods up to two days, else a day). */
  reasonsOverTime: { bucket: string; reasons: Record<ReasonKind, number> }[];
  accepted: number;
  timeToAccept: Percentiles;
  /** Handoff until an agent joined, plus every later wait after a transfer; left customers included. */
  customerWait: Percentiles;
  abandonedBeforeAgent: number;
  abandonedBeforeAgentRate: number | null;
  offers: { made: number; accepted: number; declined: number; expired: number; withdrawn: number };
  transfers: { total: number; conversations: number; beforeResolution: { none: number; one: number; twoOrMore: number } };
  timeToResolution: Percentiles;
  resolved: number;
  unresolved: { open: number; abandoned: number };
  byDisposition: Partial<Record<Disposition | 'unknown', number>>;
  repeatInformation: {
    conversations: number;
    withRepeatAsk: number;
    rate: number | null;
    byAgent: { agentId: string; agentName: string; conversations: number; withRepeatAsk: number; rate: number | null }[];
    byIntent: { intent: string; conversations: number; withRepeatAsk: number; rate: number | null }[];
  };
  csat: {
    afterHandoff: Csat;
    direct: Csat;
    /** afterHandoff.csat − direct.csat: negative is the handoff tax. */
    gap: number | null;
    byReason: (Csat & { reason: ReasonKind; gap: number | null })[];
  };
  failedHandovers: { total: number; byReason: { reason: string; count: number }[]; items: FailedHandover[] };
  byQueue: GroupFigures[];
  byIntent: GroupFigures[];
  byAgent: GroupFigures[];
  byChannel: GroupFigures[];
}

export interface DrillDownRow {
  id: string;
  queue: string;
  intent: string;
  channel: string;
  reason: ReasonKind;
  handedOffAt: string;
  agents: string[];
  state: 'waiting' | 'assigned' | 'resolved' | 'abandoned';
}

export interface DrillDownResult {
  figure: DrillFigure;
  from: string;
  to: string;
  conversations: DrillDownRow[];
  /** More matched than were returned. */
  isTruncated: boolean;
}

/** One moment of a conversation's journey, bot part and human part on one timeline. */
export type JourneyEntry = { at: string; part: 'bot' | 'human' } & (
  | { kind: 'turn'; author: Author; authorName: string | null; text: string; isStaffOnly: boolean }
  | { kind: 'handoff'; reason: ReasonKind; detail: string | null; queue: string }
  | { kind: 'waiting'; reason: string }
  | { kind: 'offered'; agentId: string; agentName: string | null }
  | { kind: 'offer-ended'; agentId: string; agentName: string | null; outcome: 'declined' | 'expired' | 'withdrawn'; reason: string | null }
  | { kind: 'joined'; agentId: string; agentName: string }
  | { kind: 'transferred'; from: string; to: string; note: string }
  | { kind: 'step-in'; mode: StepInMode; supervisorName: string }
  | { kind: 'repeat-ask'; askKind: 'agent_asked' | 'customer_restated'; fieldKey: string; agentId: string | null }
  | { kind: 'resolved'; disposition: Disposition | null; byName: string | null }
  | { kind: 'abandoned'; waitedMs: number }
  | { kind: 'rated'; rating: number }
);

export interface Journey {
  conversationId: string;
  customerName: string;
  issueTitle: string;
  intent: string;
  queue: string;
  channel: string;
  isDirect: boolean;
  /** First bot turn to the handoff; null when the transcript has no times. */
  botMs: number | null;
  handedOffAt: string;
  waitMs: number | null;
  /** First agent joining to resolution (or the latest event while open). */
  humanMs: number | null;
  entries: JourneyEntry[];
}

/** What the core answers on 'metrics:csv': the file a user saves. */
export interface MetricsCsvFile {
  fileName: string;
  csv: string;
}
