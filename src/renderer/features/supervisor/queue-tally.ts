import type { AgentStatus } from '../../../shared/conversation';
import type { ConversationListItem } from '../../../shared/ipc';
import { waitingSinceOf } from '../../../shared/floor-figures';
import { isWithinTarget, targetOf, type ServiceLevelTarget } from '../../../shared/service-level';
import { agentQueueCounts, type QueueStats } from './console-selectors';

/** What one conversation adds to its queue's figures, kept so it can be taken back out when it changes. */
interface Contribution {
  queue: string;
  waitingSince: string | null;
  isAbandonedToday: boolean;
  isAnsweredToday: boolean;
  isWithinTarget: boolean;
}

interface QueueCounts {
  /** Conversations of any state in the queue: a queue is listed while it has one (or an agent). */
  members: number;
  /** When each current wait began, ascending: the first is the longest wait. */
  waitingSince: string[];
  abandonedToday: number;
  answeredToday: number;
  withinTarget: number;
}

/** Where `value` goes in the ascending `list` (before any equal one). */
function lowerBound(list: readonly string[], value: string): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((list[middle] ?? '') < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The queue figures of `queueStats`, kept up to date one conversation at a time: each change takes
 * the conversation's old contribution out of its queue and puts the new one in, so an event costs
 * a few counter updates and a binary search instead of a pass over every conversation in the room.
 * Built for one day (`today`, the local midnight `queueStats` measures from) and one set of queue
 * targets: the caller starts a new tally when either changes, since the counts then change for
 * every conversation at once.
 */
export function createQueueTally(today: number, targets: Readonly<Record<string, ServiceLevelTarget>> = {}) {
  const contributions = new Map<string, Contribution>();
  const queues = new Map<string, QueueCounts>();

  const contributionOf = (item: ConversationListItem, answeredAt: string | undefined): Contribution => {
    const answered = answeredAt ? Date.parse(answeredAt) : Number.NaN;
    const isAnsweredToday = answered >= today;
    return {
      queue: item.queue,
      waitingSince: waitingSinceOf(item),
      isAbandonedToday: item.state === 'abandoned' && Date.parse(item.updatedAt) >= today,
      isAnsweredToday,
      isWithinTarget: isAnsweredToday && isWithinTarget(answered - Date.parse(item.createdAt), targetOf(targets, item.queue)),
    };
  };

  const countsOf = (queue: string): QueueCounts => {
    let counts = queues.get(queue);
    if (!counts) {
      counts = { members: 0, waitingSince: [], abandonedToday: 0, answeredToday: 0, withinTarget: 0 };
      queues.set(queue, counts);
    }
    return counts;
  };

  const add = (contribution: Contribution, sign: 1 | -1): void => {
    const counts = countsOf(contribution.queue);
    counts.members += sign;
    counts.abandonedToday += contribution.isAbandonedToday ? sign : 0;
    counts.answeredToday += contribution.isAnsweredToday ? sign : 0;
    counts.withinTarget += contribution.isWithinTarget ? sign : 0;
    if (contribution.waitingSince !== null) {
      const at = lowerBound(counts.waitingSince, contribution.waitingSince);
      if (sign === 1) counts.waitingSince.splice(at, 0, contribution.waitingSince);
      else counts.waitingSince.splice(at, 1);
    }
    if (counts.members === 0) queues.delete(contribution.queue);
  };

  return {
    today,
    targets,

    /** Replaces what conversation `id` counted with what `item` counts now; no item: it left the room. */
    set(id: string, item: ConversationListItem | undefined, answeredAt: string | undefined): void {
      const previous = contributions.get(id);
      if (previous) add(previous, -1);
      if (!item) {
        contributions.delete(id);
        return;
      }
      const next = contributionOf(item, answeredAt);
      contributions.set(id, next);
      add(next, 1);
    },

    /** The figures, as `queueStats` gives them: agents are few and arrive as a whole list, so they are counted here. */
    figures(agents: readonly AgentStatus[]): QueueStats[] {
      const byQueue = new Map<string, QueueStats>();
      for (const [queue, counts] of queues) {
        byQueue.set(queue, {
          queue,
          waiting: counts.waitingSince.length,
          longestWaitingSince: counts.waitingSince[0] ?? null,
          waitingSince: [...counts.waitingSince],
          target: targetOf(targets, queue),
          answeredToday: counts.answeredToday,
          answeredWithinTarget: counts.withinTarget,
          abandonedToday: counts.abandonedToday,
          available: 0,
          busy: 0,
          away: 0,
        });
      }
      agentQueueCounts(agents, byQueue, targets);
      return [...byQueue.values()].sort((a, b) => a.queue.localeCompare(b.queue));
    },
  };
}

export type QueueTally = ReturnType<typeof createQueueTally>;
