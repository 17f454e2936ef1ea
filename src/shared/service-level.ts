/**
 * The service level, defined once for the supervisor console and the wallboard: of everyone who
 * reached a human queue today, the share answered within the target. A customer still waiting past
 * the target has already missed it and counts now, so a queue of long waits never reads 100 %.
 */

/** Answered within this counts towards the service level. */
export const SERVICE_LEVEL_TARGET_MS = 60_000;

/** Shown on hover wherever the figure is, in the words a supervisor would use. */
export const SERVICE_LEVEL_DEFINITION =
  'Share of today’s customers answered within 60 s. Counted against: answered later, abandoned, and still waiting longer than 60 s.';

export interface ServiceLevelCounts {
  answered: number;
  answeredWithinTarget: number;
  abandoned: number;
}

/** How many of the current waits (start times, ms) have run past the target at `now`. */
export function countWaitingPastTarget(waitingSince: Iterable<number>, now: number, targetMs = SERVICE_LEVEL_TARGET_MS): number {
  let past = 0;
  for (const since of waitingSince) if (now - since > targetMs) past += 1;
  return past;
}

/** 0–1, or null while nobody has been answered, abandoned or waited past the target today. */
export function serviceLevel(counts: ServiceLevelCounts, waitingPastTarget: number): number | null {
  const decided = counts.answered + counts.abandoned + waitingPastTarget;
  return decided === 0 ? null : counts.answeredWithinTarget / decided;
}
