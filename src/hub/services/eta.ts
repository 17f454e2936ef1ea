/**
 * How long a waiting customer should expect to wait. Pure: the caller reads the queue, the agents
 * and the recent handle times; this turns them into one figure the customer is told.
 *
 * The model is deliberately simple so that it is explainable and consistent with the position the
 * customer sees: a chat waits for the slots ahead of it to free up. Each agent available for the
 * queue works `capacity` chats at once, so slots free up at `concurrentSlots / medianHandleMs`; the
 * customer at position p needs p − freeSlots of them. The estimate never goes down as the position
 * goes up, and is null (unknown) rather than a guess when nobody is available.
 */

/** Used until the queue has resolved chats of its own to measure. */
export const DEFAULT_HANDLE_MS = 5 * 60_000;

export interface QueueLoad {
  /** 1 for the next customer to be offered; 0 when not waiting (offered away or already assigned). */
  position: number;
  /** Agents of the queue who are available now. */
  agentsAvailable: number;
  /** Sum of those agents' capacities (concurrent chats); defaults to one per agent. */
  concurrentSlots?: number;
  /** Slots free right now among those agents. */
  freeSlots: number;
  /** Median of the queue's recent handle times; null when there are none yet. */
  medianHandleMs: number | null;
}

export type WaitEstimate =
  | { kind: 'not-waiting' }
  | { kind: 'no-agents'; position: number }
  | { kind: 'next'; position: number }
  | { kind: 'estimated'; position: number; etaMs: number };

export function estimateWait(load: QueueLoad): WaitEstimate {
  const position = Math.max(0, Math.floor(load.position));
  if (position === 0) return { kind: 'not-waiting' };
  if (load.agentsAvailable <= 0) return { kind: 'no-agents', position };
  const freeSlots = Math.max(0, load.freeSlots);
  if (position <= freeSlots) return { kind: 'next', position };
  const slots = Math.max(1, load.concurrentSlots ?? load.agentsAvailable);
  const handleMs = load.medianHandleMs !== null && load.medianHandleMs > 0 ? load.medianHandleMs : DEFAULT_HANDLE_MS;
  return { kind: 'estimated', position, etaMs: Math.round(((position - freeSlots) * handleMs) / slots) };
}

export function median(samples: readonly number[]): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

/** Whole minutes, rounded up, so "about 1 minute" is never shown for 61 seconds. */
const minutes = (ms: number): number => Math.max(1, Math.ceil(ms / 60_000));

/** The sentence the customer reads. Plain words, no false precision. */
export function describeWait(estimate: WaitEstimate): string {
  switch (estimate.kind) {
    case 'not-waiting':
      return '';
    case 'no-agents':
      return `You're number ${estimate.position} in the queue. Nobody who can help is available right now; we'll keep your place.`;
    case 'next':
      return `You're number ${estimate.position} in the queue. Someone should be with you in a moment.`;
    case 'estimated': {
      const wait = minutes(estimate.etaMs);
      return `You're number ${estimate.position} in the queue. Estimated wait: about ${wait} minute${wait === 1 ? '' : 's'}.`;
    }
  }
}
