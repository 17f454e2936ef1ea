/**
 * The service level, defined once for the supervisor console and the wallboard: of everyone who
 * reached a human queue today, the share answered within the queue's target. A customer still
 * waiting past the target has already missed it and counts now, so a queue of long waits never
 * reads 100 %. Each queue's target and threshold are set by an admin in its queue settings.
 */

/** A queue's goal: `thresholdPercent` % of customers answered within `targetSeconds`. */
export interface ServiceLevelTarget {
  targetSeconds: number;
  thresholdPercent: number;
}

/** What a queue has until an admin sets its own (the same default Administration offers). */
export const DEFAULT_SERVICE_LEVEL: ServiceLevelTarget = { targetSeconds: 60, thresholdPercent: 80 };

/** The queue's target, or the default for a queue the hub sent none for. */
export const targetOf = (targets: Readonly<Record<string, ServiceLevelTarget>>, queue: string): ServiceLevelTarget =>
  targets[queue] ?? DEFAULT_SERVICE_LEVEL;

export const targetMs = (target: ServiceLevelTarget): number => target.targetSeconds * 1000;

/** Answered in time: waited at most the queue's target. */
export const isWithinTarget = (waitedMs: number, target: ServiceLevelTarget): boolean => waitedMs <= targetMs(target);

/** Shown on hover wherever one queue's figure is, in the words a supervisor would use. */
export const serviceLevelDefinition = (target: ServiceLevelTarget): string =>
  `Share of today’s customers answered within ${target.targetSeconds} s (goal: ${target.thresholdPercent} %). ` +
  `Counted against: answered later, abandoned, and still waiting longer than ${target.targetSeconds} s.`;

/** Shown on hover where the figure covers several queues, each measured against its own target. */
export const SERVICE_LEVEL_DEFINITION =
  'Share of today’s customers answered within their queue’s target time. Counted against: answered later, abandoned, and still waiting longer than the target.';

export interface ServiceLevelCounts {
  answered: number;
  answeredWithinTarget: number;
  abandoned: number;
}

/** How many of the current waits (start times, ms) have run past the target at `now`. */
export function countWaitingPastTarget(waitingSince: Iterable<number>, now: number, target: ServiceLevelTarget): number {
  let past = 0;
  for (const since of waitingSince) if (!isWithinTarget(now - since, target)) past += 1;
  return past;
}

/** 0–1, or null while nobody has been answered, abandoned or waited past the target today. */
export function serviceLevel(counts: ServiceLevelCounts, waitingPastTarget: number): number | null {
  const decided = counts.answered + counts.abandoned + waitingPastTarget;
  return decided === 0 ? null : counts.answeredWithinTarget / decided;
}

/** Below the queue's goal: the figure is shown as a warning. */
export const isBelowGoal = (level: number | null, target: ServiceLevelTarget): boolean =>
  level !== null && level * 100 < target.thresholdPercent;
