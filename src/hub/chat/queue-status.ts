import type { ConversationState } from '../../shared/conversation';
import type { HubContext } from '../context';
import { describeWait, estimateWait, median, type WaitEstimate } from '../services/eta';
import { hasSkills, speaks } from '../routing/choose-agent';
import type { ConversationRecord } from '../store/conversations';
import type { HubDatabase } from '../store/database';

const WAITING: ReadonlySet<ConversationState> = new Set(['queued', 'offered', 'transferred']);
/** Enough recent chats for a stable median, few enough to follow a change of pace within the hour. */
const SAMPLE_SIZE = 50;
const SCAN_LIMIT = 2000;
/** Handle times move slowly; one read per queue per interval keeps queue pushes cheap. */
const MEDIAN_TTL_MS = 30_000;
/** Ageing moves places only over minutes: an order read within the last second of an unchanged log still holds. */
const ORDER_TTL_MS = 1000;

export interface QueueStatus {
  estimate: WaitEstimate;
  text: string;
}

/**
 * What a waiting customer is told: their place in the order routing will serve the queue (priority
 * with ageing, routing's own function, so an urgent chat that arrived later is ahead), the agents
 * who could take them now and the queue's recent handle times, read from the event log.
 */
const RECENT_HANDLING = `SELECT conversation_id, type, at FROM events
  WHERE queue = ? AND type IN ('conversation:assigned', 'conversation:resolved') ORDER BY seq DESC LIMIT ?`;

/** Whether a conversation is waiting for an agent (queued, on offer, or in a warm transfer). */
export const isWaiting = (record: ConversationRecord | null): record is ConversationRecord => record !== null && WAITING.has(record.state);

export function createQueueStatus(db: HubDatabase, context: HubContext) {
  // Caches of this process, rebuilt from the log: a replica's own reads, never a decision's.
  const medians = new Map<string, { value: number | null; readAt: number }>();
  // Every waiting customer of a queue is told their place after each event: order the queue once for all of them.
  const orders = new Map<string, { places: Map<string, number>; seq: number; readAt: number }>();

  /** Chats on offer right now are ahead of everyone queued: an agent is being asked for them already. */
  async function placeInQueue(queue: string, conversationId: string): Promise<number> {
    const nowMs = context.now().getTime();
    const seq = await context.events.latestSeq();
    let order = orders.get(queue);
    if (!order || order.seq !== seq || nowMs - order.readAt >= ORDER_TTL_MS) {
      const onOffer = (await context.conversations.openOffers()).filter((record) => record.queue === queue).length;
      const places = new Map((await context.service.waitingInOrder(queue)).map((waiting, index) => [waiting.id, onOffer + index + 1]));
      order = { places, seq, readAt: nowMs };
      orders.set(queue, order);
    }
    return order.places.get(conversationId) ?? 0;
  }

  /** Assigned → resolved of the queue's latest resolved chats, from the log (true after a restart). */
  async function medianHandleMs(queue: string): Promise<number | null> {
    const cached = medians.get(queue);
    const nowMs = context.now().getTime();
    if (cached && nowMs - cached.readAt < MEDIAN_TTL_MS) return cached.value;
    const assignedAt = new Map<string, number>();
    const samples: number[] = [];
    const rows = await db.all<{ conversation_id: string; type: string; at: string }>(RECENT_HANDLING, [queue, SCAN_LIMIT]);
    for (const row of rows.reverse()) {
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
    async of(conversationId: string): Promise<QueueStatus | null> {
      const record = await context.conversations.get(conversationId);
      if (!isWaiting(record)) return null;
      // Offered (or a warm transfer on offer): an agent is being asked right now; the customer is next.
      if (record.state !== 'queued') {
        const next: WaitEstimate = { kind: 'next', position: 1 };
        return { estimate: next, text: describeWait(next) };
      }
      const position = await placeInQueue(record.queue, record.id);
      // Only agents who could take this chat count: its skills and language, not just the queue's.
      const able = (await context.service.agentStatuses([record.queue]))
        .filter((agent) => agent.presence === 'available')
        // The routing's own matchers: skills case-insensitively, `en-GB` served by `en`.
        .filter((agent) => hasSkills(agent, record.skills) && speaks(agent, record.language));
      const estimate = estimateWait({
        position,
        agentsAvailable: able.length,
        concurrentSlots: able.reduce((sum, agent) => sum + agent.capacity, 0),
        freeSlots: able.reduce((sum, agent) => sum + Math.max(0, agent.capacity - agent.load), 0),
        medianHandleMs: await medianHandleMs(record.queue),
      });
      return { estimate, text: describeWait(estimate) };
    },
  };
}

export type QueueStatusReader = ReturnType<typeof createQueueStatus>;
