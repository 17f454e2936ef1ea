import type { ConversationState } from '../../shared/conversation';
import type { HubContext } from '../context';
import { describeWait, estimateWait, median, type WaitEstimate } from '../services/eta';
import { hasSkills, speaks } from '../routing/choose-agent';
import type { HubDatabase } from '../store/database';

const WAITING: ReadonlySet<ConversationState> = new Set(['queued', 'offered', 'transferred']);
/** Enough recent chats for a stable median, few enough to follow a change of pace within the hour. */
const SAMPLE_SIZE = 50;
const SCAN_LIMIT = 2000;
/** Handle times move slowly; one read per queue per interval keeps queue pushes cheap. */
const MEDIAN_TTL_MS = 30_000;

export interface QueueStatus {
  estimate: WaitEstimate;
  text: string;
}

/**
 * What a waiting customer is told: their position (the same count routing uses), the agents who
 * could take them now and the queue's recent handle times, read from the event log.
 */
export function createQueueStatus(db: HubDatabase, context: HubContext) {
  const recent = db.prepare<[string, number], { conversation_id: string; type: string; at: string }>(
    `SELECT conversation_id, type, at FROM events
     WHERE queue = ? AND type IN ('conversation:assigned', 'conversation:resolved') ORDER BY seq DESC LIMIT ?`,
  );
  const medians = new Map<string, { value: number | null; readAt: number }>();

  /** Assigned → resolved of the queue's latest resolved chats, from the log (true after a restart). */
  function medianHandleMs(queue: string): number | null {
    const cached = medians.get(queue);
    const nowMs = context.now().getTime();
    if (cached && nowMs - cached.readAt < MEDIAN_TTL_MS) return cached.value;
    const assignedAt = new Map<string, number>();
    const samples: number[] = [];
    for (const row of recent.all(queue, SCAN_LIMIT).reverse()) {
      if (row.type === 'conversation:assigned') assignedAt.set(row.conversation_id, Date.parse(row.at));
      else {
        const start = assignedAt.get(row.conversation_id);
        if (start !== undefined) samples.push(Date.parse(row.at) - start);
      }
    }
    const value = median(samples.slice(-SAMPLE_SIZE));
    medians.set(queue, { value, readAt: nowMs });
    return value;
  }

  return {
    /** Null when the conversation is not waiting for an agent (assigned, closed or unknown). */
    of(conversationId: string): QueueStatus | null {
      const record = context.conversations.get(conversationId);
      if (!record || !WAITING.has(record.state)) return null;
      const position = context.conversations.positionInQueue(record);
      // Offered: an agent is being asked right now; the customer is next whatever the queue holds.
      if (record.state === 'offered') {
        const next: WaitEstimate = { kind: 'next', position: Math.max(1, position) };
        return { estimate: next, text: describeWait(next) };
      }
      // Only agents who could take this chat count: its skills and language, not just the queue's.
      const able = context.service
        .agentStatuses([record.queue])
        .filter((agent) => agent.presence === 'available')
        // The routing's own matchers: skills case-insensitively, `en-GB` served by `en`.
        .filter((agent) => hasSkills(agent, record.skills) && speaks(agent, record.language));
      const estimate = estimateWait({
        position,
        agentsAvailable: able.length,
        concurrentSlots: able.reduce((sum, agent) => sum + agent.capacity, 0),
        freeSlots: able.reduce((sum, agent) => sum + Math.max(0, agent.capacity - agent.load), 0),
        medianHandleMs: medianHandleMs(record.queue),
      });
      return { estimate, text: describeWait(estimate) };
    },
  };
}

export type QueueStatusReader = ReturnType<typeof createQueueStatus>;
