import type { AgentStatus } from '../../../shared/conversation';
import type { ConversationListItem } from '../../../shared/ipc';
import { waitingSinceOf } from '../../../shared/floor-figures';
import { countWaitingPastTarget, isWithinTarget, serviceLevel, targetOf, type ServiceLevelTarget } from '../../../shared/service-level';

export interface QueueStats {
  queue: string;
  waiting: number;
  /** When the longest wait began (src/shared/floor-figures.ts), for a ticking "longest wait"; null when none waits. */
  longestWaitingSince: string | null;
  /** When each current wait began, oldest first: how many have waited past the target ticks. */
  waitingSince: readonly string[];
  /** The queue's service-level target and goal. */
  target: ServiceLevelTarget;
  answeredToday: number;
  answeredWithinTarget: number;
  abandonedToday: number;
  available: number;
  busy: number;
  away: number;
}


export const startOfDay = (now: number): number => {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
};

/**
 * Per-queue figures from the conversation list and the live agents. Pure: the console recomputes
 * them when an event changes the inputs, not on a timer. `answeredAt` is when each conversation was
 * first seen assigned (the list itself keeps only its latest change).
 */
export function queueStats(
  items: readonly ConversationListItem[],
  agents: readonly AgentStatus[],
  answeredAt: { get(id: string): string | undefined },
  now: number,
  targets: Readonly<Record<string, ServiceLevelTarget>> = {},
): QueueStats[] {
  const today = startOfDay(now);
  const byQueue = new Map<string, QueueStats>();
  const statsOf = (queue: string): QueueStats => {
    let stats = byQueue.get(queue);
    if (!stats) {
      stats = emptyStats(queue, targetOf(targets, queue));
      byQueue.set(queue, stats);
    }
    return stats;
  };
  for (const item of items) {
    const stats = statsOf(item.queue);
    const since = waitingSinceOf(item);
    if (since !== null) {
      stats.waiting += 1;
      if (!stats.longestWaitingSince || since < stats.longestWaitingSince) stats.longestWaitingSince = since;
      stats.waitingSince = [...stats.waitingSince, since].sort();
    }
    if (item.state === 'abandoned' && Date.parse(item.updatedAt) >= today) stats.abandonedToday += 1;
    const answered = answeredAt.get(item.id);
    if (answered && Date.parse(answered) >= today) {
      stats.answeredToday += 1;
      if (isWithinTarget(Date.parse(answered) - Date.parse(item.createdAt), stats.target)) stats.answeredWithinTarget += 1;
    }
  }
  agentQueueCounts(agents, byQueue, targets);
  return [...byQueue.values()].sort((a, b) => a.queue.localeCompare(b.queue));
}

export const emptyStats = (queue: string, target: ServiceLevelTarget): QueueStats => ({
  queue, waiting: 0, longestWaitingSince: null, waitingSince: [], target, answeredToday: 0, answeredWithinTarget: 0, abandonedToday: 0, available: 0, busy: 0, away: 0,
});

/** The queue's service level at `now`, by the one definition the wallboard also uses. */
export const queueServiceLevel = (stats: QueueStats, now: number): number | null =>
  serviceLevel(
    { answered: stats.answeredToday, answeredWithinTarget: stats.answeredWithinTarget, abandoned: stats.abandonedToday },
    countWaitingPastTarget(stats.waitingSince.map((at) => Date.parse(at)), now, stats.target),
  );

/** Adds each agent to the available / busy / away counts of their queues, listing a queue only agents staff. */
export function agentQueueCounts(agents: readonly AgentStatus[], byQueue: Map<string, QueueStats>, targets: Readonly<Record<string, ServiceLevelTarget>>): void {
  for (const agent of agents) {
    for (const queue of agent.queues) {
      let stats = byQueue.get(queue);
      if (!stats) {
        stats = emptyStats(queue, targetOf(targets, queue));
        byQueue.set(queue, stats);
      }
      if (agent.presence === 'away') stats.away += 1;
      else if (agent.presence === 'available') {
        if (agent.load >= agent.capacity) stats.busy += 1;
        else stats.available += 1;
      }
    }
  }
}

export type AgentState = 'available' | 'busy' | 'away' | 'offline';

/** What a supervisor reads first about an agent: full is "busy", whatever they chose. */
export function agentState(agent: AgentStatus): AgentState {
  if (agent.presence !== 'available') return agent.presence;
  return agent.load >= agent.capacity ? 'busy' : 'available';
}

/** Why an away agent is away ("Lunch", "Wrap-up"), as their own status bar shows it; null when not away or no reason was given. */
export function awayReason(agent: AgentStatus): string | null {
  const reason = agent.presenceReason?.trim();
  return agent.presence === 'away' && reason ? reason : null;
}

const STATE_ORDER: Record<AgentState, number> = { busy: 0, available: 1, away: 2, offline: 3 };

/** Agents with flags first, then busy before free before away before offline, then by name. */
export function agentRows(agents: readonly AgentStatus[]): AgentStatus[] {
  return [...agents].sort(
    (a, b) =>
      b.openFlags - a.openFlags || STATE_ORDER[agentState(a)] - STATE_ORDER[agentState(b)] || a.name.localeCompare(b.name),
  );
}
