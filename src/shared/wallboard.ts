import type { AgentStatus, ConversationState, Owner } from './conversation';
import { REASON_KINDS, type ReasonKind } from './envelope';
import { isWaitingState } from './floor-figures';
import type { ServiceLevelTarget } from './service-level';

/**
 * What a wallboard keeps: aggregates for "today" and the conversations still active, nothing per
 * event. The hub builds the initial snapshot with the same fold the board applies live, so both
 * sides count alike.
 */

/** One active conversation as the wallboard sees it: no names, no text. */
export interface ActiveEntry {
  id: string;
  queue: string;
  state: ConversationState;
  ownerKind: Owner['kind'];
  reason: ReasonKind;
  /** When it started waiting for a human this time (re-queued by a transfer: again). */
  waitingSince: number;
  /** The first time a human accepted it; counted once even if transferred later. */
  isAnswered: boolean;
  queuedAt: number;
}

export interface Counters {
  handoffs: number;
  answered: number;
  answeredWithinTarget: number;
  abandoned: number;
}

/**
 * Times to accept, one bucket per second up to ten minutes, then per minute up to an hour, then
 * one overflow bucket: a median exact to the second in a fixed 665 numbers, whatever the volume.
 */
export const ACCEPT_BUCKETS = 600 + 54 + 1;

export interface BoardState {
  /** Last applied event seq: the stream resumes from here. */
  seq: number;
  /** Start of the board's "today" (ms); counters before it are not today's. */
  dayStart: number;
  active: Record<string, ActiveEntry>;
  today: Counters;
  todayByQueue: Record<string, Counters>;
  reasons: Record<ReasonKind, number>;
  acceptHistogram: number[];
  agents: AgentStatus[];
  queueNames: Record<string, string>;
  /** Each queue's service-level target as its admin set it; a queue missing here has the default. */
  serviceLevels: Record<string, ServiceLevelTarget>;
}

/** What GET /v1/wallboard/snapshot answers. */
export interface WallboardSnapshot {
  v: 1;
  /** Hub clock when built, so the board can show "data from". */
  at: string;
  board: BoardState;
}

export const emptyCounters = (): Counters => ({ handoffs: 0, answered: 0, answeredWithinTarget: 0, abandoned: 0 });

export function emptyBoard(dayStart: number): BoardState {
  return {
    seq: 0,
    dayStart,
    active: {},
    today: emptyCounters(),
    todayByQueue: {},
    reasons: Object.fromEntries(REASON_KINDS.map((kind) => [kind, 0])) as Record<ReasonKind, number>,
    acceptHistogram: new Array<number>(ACCEPT_BUCKETS).fill(0),
    agents: [],
    queueNames: {},
    serviceLevels: {},
  };
}

export function acceptBucket(ms: number): number {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 600) return seconds;
  const minutes = Math.floor(seconds / 60);
  return minutes < 64 ? 600 + (minutes - 10) : ACCEPT_BUCKETS - 1;
}

/** The lower edge of a bucket, in ms (what the median reports). */
export function bucketStartMs(bucket: number): number {
  if (bucket < 600) return bucket * 1000;
  return (bucket - 600 + 10) * 60_000;
}

/** Median time to accept today, or null before the first answer. */
export function medianAcceptMs(histogram: readonly number[]): number | null {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  // The lower median: with an even count, the smaller of the two middle values.
  const middle = Math.ceil(total / 2);
  let seen = 0;
  for (let bucket = 0; bucket < histogram.length; bucket += 1) {
    seen += histogram[bucket]!;
    if (seen >= middle) return bucketStartMs(bucket);
  }
  return bucketStartMs(histogram.length - 1);
}

/** Waiting for a human, as src/shared/floor-figures.ts defines it for both screens. */
export const isWaiting = (entry: Pick<ActiveEntry, 'state'>): boolean => isWaitingState(entry.state);
