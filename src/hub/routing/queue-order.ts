/**
 * The order in which a queue's waiting conversations are offered: by priority with ageing, then
 * oldest first. Ageing raises a conversation one priority level per `ageingStepMs` waited, so a
 * low-priority chat is overtaken by urgent ones only for a bounded time, never starved.
 */

export const DEFAULT_PRIORITY = 3;
export const MIN_PRIORITY = 1;
export const MAX_PRIORITY = 5;
/** One priority level per two minutes waited. */
export const AGEING_STEP_MS = 120_000;

export interface Waiting {
  id: string;
  priority: number;
  createdAt: string;
}

/** An envelope's priority (0–9 on the wire, optional) as the hub routes it: 1 (low) to 5 (urgent). */
export function normalizePriority(priority: number | undefined): number {
  if (priority === undefined || !Number.isFinite(priority)) return DEFAULT_PRIORITY;
  return Math.min(MAX_PRIORITY, Math.max(MIN_PRIORITY, Math.round(priority)));
}

export function effectivePriority(waiting: Waiting, nowMs: number, ageingStepMs = AGEING_STEP_MS): number {
  const waitedMs = Math.max(0, nowMs - Date.parse(waiting.createdAt));
  return waiting.priority + waitedMs / ageingStepMs;
}

export function orderWaiting<T extends Waiting>(waiting: readonly T[], nowMs: number, ageingStepMs = AGEING_STEP_MS): T[] {
  const keyed = waiting.map((entry) => ({ entry, effective: effectivePriority(entry, nowMs, ageingStepMs) }));
  keyed.sort(
    (a, b) =>
      b.effective - a.effective ||
      a.entry.createdAt.localeCompare(b.entry.createdAt) ||
      a.entry.id.localeCompare(b.entry.id),
  );
  return keyed.map(({ entry }) => entry);
}
