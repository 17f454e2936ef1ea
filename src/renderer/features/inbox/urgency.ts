import type { ConversationListItem } from '../../../shared/ipc';

/**
 * How urgently a conversation needs the agent, as one number: minutes waited, plus weight for an
 * unhappy or worsening customer and for a high routing priority. The weights say "a furious
 * customer is worth about ten minutes of waiting; an urgent (5) one about twelve over a low (1)".
 * Priority follows the contract: 1 low … 5 urgent.
 */
export const URGENCY_WEIGHTS = { perMinute: 1, negativity: 10, worsening: 5, perPriorityStep: 3 } as const;

const time = (iso: string): number => {
  const value = Date.parse(iso);
  return Number.isNaN(value) ? 0 : value;
};

export function urgencyScore(item: ConversationListItem, nowMs: number): number {
  const waitedMinutes = Math.max(0, nowMs - time(item.createdAt)) / 60_000;
  const negativity = item.sentimentScore === null ? 0 : Math.max(0, -item.sentimentScore);
  const priority = Number.isFinite(item.priority) ? Math.min(5, Math.max(1, item.priority)) : 3;
  return (
    waitedMinutes * URGENCY_WEIGHTS.perMinute +
    negativity * URGENCY_WEIGHTS.negativity +
    (item.sentimentTrend === 'worsening' ? URGENCY_WEIGHTS.worsening : 0) +
    (priority - 1) * URGENCY_WEIGHTS.perPriorityStep
  );
}

/** Most urgent first; ties go to the customer who came first, then by id so the order is stable. */
export const byUrgency =
  (nowMs: number) =>
  (a: ConversationListItem, b: ConversationListItem): number =>
    urgencyScore(b, nowMs) - urgencyScore(a, nowMs) || time(a.createdAt) - time(b.createdAt) || a.id.localeCompare(b.id);
